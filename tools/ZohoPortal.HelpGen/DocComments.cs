using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace ZohoPortal.HelpGen;

/// <summary>
/// The compiler's XML documentation files of the module's assemblies, looked up by member.
/// Cmdlet help follows one fixed shape: a class summary holding
/// <c>&lt;para type="synopsis"&gt;</c> and <c>&lt;para type="description"&gt;</c> paragraphs,
/// one <c>&lt;example&gt;</c> per example (<c>&lt;code&gt;</c> and <c>&lt;para&gt;</c>), and a
/// <c>&lt;para type="description"&gt;</c> summary on every parameter property.
/// </summary>
internal sealed class DocComments
{
    private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);

    public static DocComments Load(IEnumerable<string> files)
    {
        var docs = new DocComments();
        foreach (var file in files)
        {
            var root = XDocument.Load(file).Root;
            if (root == null || root.Name != "doc") continue;
            foreach (var member in root.Descendants("member"))
            {
                var name = (string?)member.Attribute("name");
                if (name != null) docs._members[name] = member;
            }
        }
        return docs;
    }

    public int Count => _members.Count;

    public XElement? ForType(Type type) => Find("T:" + DocName(type));

    public XElement? ForProperty(PropertyInfo property) => Find("P:" + DocName(property.DeclaringType!) + "." + property.Name);

    private XElement? Find(string id) => _members.TryGetValue(id, out var member) ? member : null;

    /// <summary>Documentation ids write nested types with '.' where reflection uses '+'.</summary>
    private static string DocName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>Paragraphs of <paramref name="kind"/> ("synopsis", "description") inside the summary.</summary>
    public static IReadOnlyList<string> TypedParagraphs(XElement? member, string kind)
    {
        var summary = member?.Element("summary");
        if (summary == null) return Array.Empty<string>();
        return summary.Elements("para")
            .Where(p => string.Equals((string?)p.Attribute("type"), kind, StringComparison.OrdinalIgnoreCase))
            .Select(Text)
            .Where(t => t.Length > 0)
            .ToList();
    }

    /// <summary>The summary as plain paragraphs, for types that are not cmdlets (output types).</summary>
    public static IReadOnlyList<string> SummaryParagraphs(XElement? member)
    {
        var summary = member?.Element("summary");
        if (summary == null) return Array.Empty<string>();
        var paras = summary.Elements("para").Select(Text).Where(t => t.Length > 0).ToList();
        if (paras.Count > 0) return paras;
        var text = Text(summary);
        return text.Length == 0 ? Array.Empty<string>() : new[] { text };
    }

    public static IReadOnlyList<string> RemarksParagraphs(XElement? member)
    {
        var remarks = member?.Element("remarks");
        if (remarks == null) return Array.Empty<string>();
        var paras = remarks.Elements("para").Select(Text).Where(t => t.Length > 0).ToList();
        if (paras.Count > 0) return paras;
        var text = Text(remarks);
        return text.Length == 0 ? Array.Empty<string>() : new[] { text };
    }

    public static IReadOnlyList<HelpExample> Examples(XElement? member)
    {
        if (member == null) return Array.Empty<HelpExample>();
        return member.Elements("example")
            .Select(e => new HelpExample(
                Code(e.Element("code")),
                e.Elements("para").Select(Text).Where(t => t.Length > 0).ToList()))
            .ToList();
    }

    /// <summary>Prose: inline tags rendered as their text, runs of whitespace (the comment's line breaks) collapsed.</summary>
    public static string Text(XElement element)
    {
        var sb = new StringBuilder();
        AppendInline(element, sb);
        return CollapseWhitespace(sb.ToString());
    }

    private static void AppendInline(XElement element, StringBuilder sb)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement child when child.Name == "see" || child.Name == "seealso":
                    if (!child.IsEmpty) AppendInline(child, sb);
                    else sb.Append((string?)child.Attribute("langword") ?? ShortCref((string?)child.Attribute("cref")) ?? (string?)child.Attribute("href") ?? string.Empty);
                    break;
                case XElement child when child.Name == "paramref" || child.Name == "typeparamref":
                    sb.Append((string?)child.Attribute("name"));
                    break;
                case XElement child when child.Name == "para":
                    sb.Append(' ');
                    AppendInline(child, sb);
                    sb.Append(' ');
                    break;
                case XElement child:
                    AppendInline(child, sb);
                    break;
            }
        }
    }

    /// <summary>"T:ZohoPortal.Core.Models.Portal" -> "Portal"; "M:A.B.Run(System.Int32)" -> "Run".</summary>
    private static string? ShortCref(string? cref)
    {
        if (string.IsNullOrEmpty(cref)) return null;
        var name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name.Substring(0, paren);
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Code keeps its lines. The compiler indents every continuation line by the member's depth
    /// in the XML file, so that common indentation is removed while relative indentation stays.
    /// </summary>
    public static string Code(XElement? code)
    {
        if (code == null) return string.Empty;
        var lines = code.Value.Replace("\r\n", "\n").Split('\n').ToList();
        var continuation = lines.Skip(1).Where(l => l.Trim().Length > 0).ToList();
        var indent = continuation.Count == 0 ? 0 : continuation.Min(l => l.Length - l.TrimStart().Length);
        for (var i = 1; i < lines.Count; i++)
            lines[i] = lines[i].Length >= indent ? lines[i].Substring(indent) : lines[i].TrimStart();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        return string.Join("\n", lines.Select(l => l.TrimEnd()));
    }
}

internal sealed record HelpExample(string Code, IReadOnlyList<string> Remarks);
