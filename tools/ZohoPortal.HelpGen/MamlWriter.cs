using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ZohoPortal.HelpGen;

/// <summary>
/// Writes command help as MAML, the XML that Get-Help reads from
/// &lt;module&gt;/&lt;culture&gt;/&lt;assembly&gt;-Help.xml for binary cmdlets (Windows PowerShell 5.1 and
/// PowerShell 7 alike).
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Build(IEnumerable<CommandHelp> commands, string aboutTopic)
    {
        var root = new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(c => CommandElement(c, aboutTopic)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Writes to a temporary file first, so a failed run never leaves half a help file that looks up to date.</summary>
    public static void Save(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(temp, settings)) document.Save(writer);
        File.Move(temp, path, overwrite: true);
    }

    private static XElement CommandElement(CommandHelp help, string aboutTopic) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(new[] { help.Synopsis })),
            Description(help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(s => SyntaxItemElement(help.Name, s))),
            new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, p.Required, p.Position, forSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i =>
                new XElement(Command + "inputType", TypeElement(i.TypeName), Description(i.Description)))),
            new XElement(Command + "returnValues", help.Outputs.Select(o =>
                new XElement(Command + "returnValue", TypeElement(o.TypeName), Description(o.Description)))),
            help.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((e, i) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", "-------------------------- Example " + (i + 1) + " --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks",
                help.RelatedCommands.Append(aboutTopic).Select(link =>
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", link),
                        new XElement(Maml + "uri")))));

    private static XElement SyntaxItemElement(string name, SyntaxItem item) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", name),
            item.Parameters.Select(p => ParameterElement(p.Parameter, p.Mandatory, p.Position, forSyntax: true)));

    private static XElement ParameterElement(ParameterHelp p, bool required, string position, bool forSyntax)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", Bool(required)),
            new XAttribute("variableLength", Bool(p.VariableLength)),
            new XAttribute("globbing", Bool(p.Globbing)),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", position),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            // Get-Help reads descriptions from the parameter list only; repeating them per syntax line just bloats the file.
            forSyntax ? null : Description(p.Description));

        if (p.AllowedValues.Count > 0)
        {
            element.Add(new XElement(Command + "parameterValueGroup", p.AllowedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        // A switch takes no value: the syntax shows [-Name], the parameter list says SwitchParameter.
        if (!p.IsSwitch || !forSyntax)
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", Bool(!p.IsSwitch)),
                new XAttribute("variableLength", Bool(p.VariableLength)),
                p.TypeName));
        }
        element.Add(TypeElement(p.FullTypeName));
        element.Add(new XElement(Dev + "defaultValue", p.DefaultValue));
        return element;
    }

    private static XElement TypeElement(string name) =>
        new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
