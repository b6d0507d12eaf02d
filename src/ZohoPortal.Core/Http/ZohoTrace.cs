namespace ZohoPortal.Core.Http
{
    /// <summary>How much detail a trace line carries: Verbose is one line per HTTP call, Debug adds headers and bodies.</summary>
    public enum ZohoTraceLevel
    {
        Verbose,
        Debug,
    }

    /// <summary>
    /// Receives trace lines from the core. Lines arrive already redacted. The cmdlet layer routes
    /// them to the Verbose and Debug streams; <see cref="IsEnabled"/> lets the core skip building
    /// bodies nobody will read.
    /// </summary>
    public interface IZohoTracer
    {
        bool IsEnabled(ZohoTraceLevel level);
        void Write(ZohoTraceLevel level, string message);
    }
}
