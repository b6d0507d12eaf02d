using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace ZohoPortal.HelpGen;

/// <summary>
/// Builds the help of one cmdlet from what PowerShell itself knows about it (parameter sets,
/// binding attributes, OutputType, as Get-Command reports them) and from its doc comments.
/// Anything the help conventions require but the comments lack is reported as a warning.
/// </summary>
internal sealed class CommandHelpBuilder
{
    private const string WhatIfText = "Shows what would happen if the cmdlet runs. The cmdlet is not run and no request that changes anything is sent.";
    private const string ConfirmText = "Prompts you for confirmation before running the cmdlet.";

    // The engine adds these to cmdlets with SupportsPaging; they have no property to carry a doc comment.
    private static readonly Dictionary<string, string> EngineParameterText = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = WhatIfText,
        ["Confirm"] = ConfirmText,
        ["First"] = "Gets only the first N objects. Pages past the ones needed are not requested.",
        ["Skip"] = "Ignores the first N objects and then gets the remaining ones.",
        ["IncludeTotalCount"] = "Reports the number of objects before the objects themselves. The count is exact only when the API tells it; otherwise it is marked as an estimate of unknown accuracy.",
    };

    private readonly DocComments _docs;
    private readonly List<string> _warnings = new();

    public CommandHelpBuilder(DocComments docs) => _docs = docs;

    /// <summary>Help conventions the comments break, one line each, prefixed with the cmdlet name.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public CommandHelp Build(CmdletInfo cmdlet, IReadOnlyCollection<string> exportedNames)
    {
        var type = cmdlet.ImplementingType;
        var typeDoc = _docs.ForType(type);
        var synopsis = DocComments.TypedParagraphs(typeDoc, "synopsis");
        var description = DocComments.TypedParagraphs(typeDoc, "description");
        var examples = DocComments.Examples(typeDoc);

        if (typeDoc == null) Warn(cmdlet, "has no XML doc comment on " + type.FullName + ".");
        if (synopsis.Count == 0) Warn(cmdlet, "has no <para type=\"synopsis\"> in its class summary.");
        if (description.Count == 0) Warn(cmdlet, "has no <para type=\"description\"> in its class summary.");
        if (examples.Count < 2) Warn(cmdlet, "has " + examples.Count + " <example> element(s); at least two are required.");
        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i].Code.Length == 0) Warn(cmdlet, "example " + (i + 1) + " has no <code>.");
            if (examples[i].Remarks.Count == 0) Warn(cmdlet, "example " + (i + 1) + " has no <para> explaining it.");
        }

        var instance = TryCreate(type);
        var parameters = BuildParameters(cmdlet, instance);
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        return new CommandHelp
        {
            Name = cmdlet.Name,
            Verb = cmdlet.Verb,
            Noun = cmdlet.Noun,
            Synopsis = string.Join(" ", synopsis),
            Description = description,
            Syntax = BuildSyntax(cmdlet, byName),
            Parameters = parameters,
            Inputs = BuildInputs(cmdlet, byName),
            Outputs = BuildOutputs(cmdlet),
            Notes = DocComments.RemarksParagraphs(typeDoc),
            Examples = examples,
            RelatedCommands = exportedNames
                .Where(n => n != cmdlet.Name && n.EndsWith("-" + cmdlet.Noun, StringComparison.OrdinalIgnoreCase))
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .ToList(),
        };
    }

    private void Warn(CmdletInfo cmdlet, string message) => _warnings.Add(cmdlet.Name + " " + message);

    /// <summary>Parameters a help page documents: every parameter except the common ones, plus -WhatIf and -Confirm.</summary>
    internal static bool IsDocumented(string name) =>
        !Cmdlet.CommonParameters.Contains(name) && (!Cmdlet.OptionalCommonParameters.Contains(name) || name is "WhatIf" or "Confirm");

    private static bool IsShouldProcessParameter(string name) => name is "WhatIf" or "Confirm";

    private List<ParameterHelp> BuildParameters(CmdletInfo cmdlet, object? instance)
    {
        var occurrences = cmdlet.ParameterSets
            .SelectMany(set => set.Parameters)
            .Where(p => IsDocumented(p.Name))
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase);

        var result = new List<ParameterHelp>();
        foreach (var group in occurrences)
        {
            var all = group.ToList();
            var first = all[0];
            var property = FindProperty(cmdlet.ImplementingType, first.Name);
            IReadOnlyList<string> description;
            if (property == null && EngineParameterText.TryGetValue(first.Name, out var engineText))
            {
                description = new[] { engineText };
            }
            else
            {
                description = property == null ? Array.Empty<string>() : DocComments.TypedParagraphs(_docs.ForProperty(property), "description");
                if (description.Count == 0) Warn(cmdlet, "parameter -" + first.Name + " has no <para type=\"description\"> in its summary.");
            }

            var positions = all.Where(p => p.Position >= 0).Select(p => p.Position).Distinct().ToList();
            var byValue = all.Any(p => p.ValueFromPipeline);
            var byProperty = all.Any(p => p.ValueFromPipelineByPropertyName);
            var attributes = all.SelectMany(p => p.Attributes).ToList();
            if (property != null) attributes.AddRange(property.GetCustomAttributes(inherit: true).OfType<Attribute>());

            var elementType = ElementType(first.ParameterType);
            var allowed = attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (allowed.Count == 0 && elementType.IsEnum) allowed = Enum.GetNames(elementType).ToList();

            result.Add(new ParameterHelp
            {
                Name = first.Name,
                Description = description,
                TypeName = ShortName(first.ParameterType),
                FullTypeName = FullName(first.ParameterType),
                IsSwitch = first.ParameterType == typeof(SwitchParameter),
                Required = all.All(p => p.IsMandatory),
                Position = positions.Count == 0 ? "named" : positions.Min().ToString(CultureInfo.InvariantCulture),
                PipelineInput = !byValue && !byProperty ? "False"
                    : "True (" + string.Join(", ", new[] { byValue ? "ByValue" : null, byProperty ? "ByPropertyName" : null }.Where(s => s != null)) + ")",
                Globbing = attributes.OfType<SupportsWildcardsAttribute>().Any(),
                Aliases = first.Aliases.ToList(),
                DefaultValue = DefaultValue(property, instance, all.All(p => p.IsMandatory), attributes),
                AllowedValues = allowed,
                VariableLength = first.ParameterType.IsArray,
            });
        }

        // Alphabetical like PowerShell's own help, with the ShouldProcess pair last.
        return result
            .OrderBy(p => IsShouldProcessParameter(p.Name) ? 1 : 0)
            .ThenBy(p => p.Name == "Confirm" ? 1 : 0)
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static List<SyntaxItem> BuildSyntax(CmdletInfo cmdlet, IReadOnlyDictionary<string, ParameterHelp> byName)
    {
        var items = new List<SyntaxItem>();
        foreach (var set in cmdlet.ParameterSets.OrderBy(s => s.IsDefault ? 0 : 1))
        {
            var documented = set.Parameters.Where(p => IsDocumented(p.Name)).ToList();
            var ordered = documented
                .Select((p, index) => (p, index))
                .OrderBy(x => IsShouldProcessParameter(x.p.Name) ? 3 : x.p.Position >= 0 ? 0 : x.p.IsMandatory ? 1 : 2)
                .ThenBy(x => x.p.Position >= 0 ? x.p.Position : 0)
                .ThenBy(x => x.p.Name == "Confirm" ? 1 : 0)
                .ThenBy(x => x.index)
                .Select(x => new SyntaxParameter(byName[x.p.Name], x.p.IsMandatory,
                    x.p.Position >= 0 ? x.p.Position.ToString(CultureInfo.InvariantCulture) : "named"))
                .ToList();
            items.Add(new SyntaxItem(set.Name, set.IsDefault, ordered));
        }
        return items;
    }

    private static List<TypeHelp> BuildInputs(CmdletInfo cmdlet, IReadOnlyDictionary<string, ParameterHelp> byName)
    {
        var pipeline = cmdlet.ParameterSets.SelectMany(s => s.Parameters)
            .Where(p => IsDocumented(p.Name) && (p.ValueFromPipeline || p.ValueFromPipelineByPropertyName))
            .ToList();
        var inputs = new List<TypeHelp>();

        foreach (var group in pipeline.Where(p => p.ValueFromPipeline).GroupBy(p => FullName(p.ParameterType)))
        {
            var names = group.Select(p => "-" + p.Name).Distinct().ToList();
            inputs.Add(new TypeHelp(group.Key, new[]
            {
                "You can pipe " + Article(ShortName(group.First().ParameterType)) + " to " + string.Join(" or ", names) + ".",
            }));
        }

        var byProperty = pipeline.Where(p => p.ValueFromPipelineByPropertyName).Select(p => p.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (byProperty.Count > 0)
        {
            var described = byProperty.Select(n =>
            {
                var aliases = byName[n].Aliases;
                return aliases.Count == 0 ? n : n + " (or " + string.Join(", ", aliases) + ")";
            });
            inputs.Add(new TypeHelp("System.Management.Automation.PSObject", new[]
            {
                "Objects with these properties bind to the parameters of the same name: " + string.Join(", ", described) + ".",
            }));
        }

        if (inputs.Count == 0) inputs.Add(new TypeHelp("None", new[] { cmdlet.Name + " does not take input from the pipeline." }));
        return inputs;
    }

    private List<TypeHelp> BuildOutputs(CmdletInfo cmdlet)
    {
        var outputs = new List<TypeHelp>();
        foreach (var output in cmdlet.OutputType)
        {
            if (output.Type == typeof(void)) continue;
            if (output.Type == null)
            {
                outputs.Add(new TypeHelp(output.Name, Array.Empty<string>()));
                continue;
            }
            var summary = DocComments.SummaryParagraphs(_docs.ForType(output.Type));
            outputs.Add(new TypeHelp(FullName(output.Type), summary.Count > 0 ? summary : new[] { Article(ShortName(output.Type)) + " object." }));
        }
        if (outputs.Count == 0) outputs.Add(new TypeHelp("None", new[] { cmdlet.Name + " returns no output." }));
        return outputs;
    }

    private static PropertyInfo? FindProperty(Type type, string name)
    {
        for (var t = type; t != null; t = t.BaseType)
        {
            var property = t.GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            if (property != null) return property;
        }
        return null;
    }

    private static object? TryCreate(Type type)
    {
        try
        {
            return Activator.CreateInstance(type);
        }
        catch (Exception)
        {
            return null; // no usable default constructor: defaults are then unknown, not wrong
        }
    }

    private static string DefaultValue(PropertyInfo? property, object? instance, bool mandatory, IEnumerable<Attribute> attributes)
    {
        var declared = attributes.OfType<PSDefaultValueAttribute>().FirstOrDefault();
        if (declared != null) return declared.Help ?? Format(declared.Value);
        if (mandatory || property == null || instance == null || property.GetMethod == null) return "None";
        try
        {
            return Format(property.GetValue(instance));
        }
        catch (Exception)
        {
            return "None";
        }
    }

    private static string Format(object? value)
    {
        switch (value)
        {
            case null:
                return "None";
            case SwitchParameter sw:
                return sw.IsPresent ? "True" : "False";
            case bool b:
                return b ? "True" : "False";
            case string s:
                return s.Length == 0 ? "None" : s;
            case IFormattable f:
                return f.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                var texts = items.Cast<object?>().Select(Format).ToList();
                return texts.Count == 0 ? "None" : string.Join(", ", texts);
        }
        var text = value.ToString();
        return string.IsNullOrEmpty(text) || text == value.GetType().FullName ? "None" : text;
    }

    private static Type ElementType(Type type)
    {
        var t = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(t) ?? t;
    }

    internal static string ShortName(Type type)
    {
        if (type.IsArray) return ShortName(type.GetElementType()!) + "[]";
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null) return ShortName(underlying);
        if (!type.IsGenericType) return type.Name;
        var name = type.Name.Substring(0, type.Name.IndexOf('`'));
        return name + "[" + string.Join(", ", type.GetGenericArguments().Select(ShortName)) + "]";
    }

    internal static string FullName(Type type)
    {
        if (type.IsArray) return FullName(type.GetElementType()!) + "[]";
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null) return FullName(underlying);
        if (!type.IsGenericType) return (type.FullName ?? type.Name).Replace('+', '.');
        var definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var name = definition.Substring(0, definition.IndexOf('`'));
        return name + "[" + string.Join(", ", type.GetGenericArguments().Select(FullName)) + "]";
    }

    private static string Article(string noun) =>
        ("AEIOU".IndexOf(char.ToUpperInvariant(noun[0])) >= 0 ? "an " : "a ") + noun;
}
