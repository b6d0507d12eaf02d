using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>One cmdlet that does nothing, so the module is a real binary module with an export.</summary>
    [Cmdlet(VerbsCommon.Get, "Nothing")]
    public sealed class GetNothingCmdlet : PSCmdlet
    {
    }
}
