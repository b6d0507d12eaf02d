using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ZohoPortal.HelpGen;

/// <summary>
/// zohoportal-helpgen --manifest out/ZohoPortal/ZohoPortal.psd1 --assembly src/ZohoPortal/bin/.../ZohoPortal.dll --out out/ZohoPortal/en-US/ZohoPortal.dll-Help.xml
/// Imports the staged module into a private PowerShell runspace, reads every exported cmdlet's
/// metadata, pairs it with the XML doc files found beside --assembly, and writes MAML.
/// Help that breaks the conventions is reported as MSBuild warnings; a run that cannot produce
/// help at all fails the build.
/// </summary>
internal static class Program
{
    private const string Origin = "ZohoPortal.HelpGen";
    private const string AboutTopic = "about_ZohoPortal";

    public static int Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            var docFiles = Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(options.Assembly))!, "*.xml");
            var docs = DocComments.Load(docFiles);
            if (docs.Count == 0) throw new InvalidOperationException("No XML documentation found beside " + options.Assembly + " (is GenerateDocumentationFile on?).");

            var cmdlets = ImportCmdlets(options.Manifest);
            if (cmdlets.Count == 0) throw new InvalidOperationException(options.Manifest + " exports no cmdlet.");

            var builder = new CommandHelpBuilder(docs);
            var names = cmdlets.Select(c => c.Name).ToList();
            var help = cmdlets.Select(c => builder.Build(c, names)).ToList();
            MamlWriter.Save(MamlWriter.Build(help, AboutTopic), options.Output);

            foreach (var warning in builder.Warnings) Console.WriteLine(Origin + " : warning ZPHELP001 : " + warning);
            Console.WriteLine("Help for " + help.Count + " cmdlets written to " + options.Output
                + (builder.Warnings.Count == 0 ? "." : " with " + builder.Warnings.Count + " warning(s)."));
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(Origin + " : error ZPHELP000 : " + e.Message.Replace(Environment.NewLine, " "));
            return 1;
        }
    }

    /// <summary>The cmdlets the manifest exports, as PowerShell sees them after Import-Module.</summary>
    private static List<CmdletInfo> ImportCmdlets(string manifest)
    {
        var state = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Import-Module")
            .AddParameter("Name", Path.GetFullPath(manifest))
            .AddParameter("PassThru")
            .AddParameter("Force")
            .AddParameter("ErrorAction", ActionPreference.Stop);
        var imported = ps.Invoke();
        var module = imported.Select(o => o.BaseObject).OfType<PSModuleInfo>().FirstOrDefault()
                     ?? throw new InvalidOperationException("Import-Module " + manifest + " returned no module.");
        return module.ExportedCmdlets.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private sealed record Options(string Manifest, string Assembly, string Output)
    {
        public static Options Parse(string[] args)
        {
            string? manifest = null, assembly = null, output = null;
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException("Missing value after " + args[i] + ".");
                switch (args[i])
                {
                    case "--manifest": manifest = value; break;
                    case "--assembly": assembly = value; break;
                    case "--out": output = value; break;
                    default: throw new ArgumentException("Unknown argument " + args[i] + ". Usage: --manifest <psd1> --assembly <module dll in its build folder> --out <help xml>");
                }
                i++;
            }
            if (manifest == null || assembly == null || output == null)
                throw new ArgumentException("Usage: --manifest <psd1> --assembly <module dll in its build folder> --out <help xml>");
            if (!File.Exists(manifest)) throw new FileNotFoundException("Module manifest not found: " + manifest);
            return new Options(manifest, assembly, output);
        }
    }
}
