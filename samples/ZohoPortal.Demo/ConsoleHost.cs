using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ZohoPortal.Demo;

/// <summary>
/// The smallest host that lets Out-Default render tables and lists to the console. Without a
/// host, formatted output has nowhere to go in an embedded engine.
/// </summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUi _ui = new();
    public override string Name => "ZohoPortal.Demo";
    public override Version Version => new(0, 1);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class ConsoleUi : PSHostUserInterface
    {
        private readonly ConsoleRawUi _raw = new();
        public override PSHostRawUserInterface RawUI => _raw;
        public override string ReadLine() => Console.ReadLine() ?? string.Empty;
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The demo never asks for secrets.");
        // Plain text: the demo is read in terminals and CI logs alike, so colour sequences are dropped.
        private static readonly System.Text.RegularExpressions.Regex Ansi = new("\u001b\\[[0-9;]*m");
        private static string Plain(string value) => Ansi.Replace(value, string.Empty);
        public override void Write(string value) => Console.Write(Plain(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(Plain(value));
        public override void WriteLine(string value) => Console.WriteLine(Plain(value));
        public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
        public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("The demo runs unattended.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("The demo runs unattended.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("The demo runs unattended.");
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
    }

    private sealed class ConsoleRawUi : PSHostRawUserInterface
    {
        private static int Width => Console.IsOutputRedirected ? 140 : Math.Max(80, Console.WindowWidth);
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => new(Width, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(Width, 100);
        public override Size MaxWindowSize => new(Width, 100);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new(Width, 100); set { } }
        public override string WindowTitle { get; set; } = "ZohoPortal demo";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
