namespace ZohoPortal.HelpGen;

/// <summary>Everything the MAML of one cmdlet says, gathered from its metadata and doc comments.</summary>
internal sealed class CommandHelp
{
    public required string Name { get; init; }
    public required string Verb { get; init; }
    public required string Noun { get; init; }
    public required string Synopsis { get; init; }
    public required IReadOnlyList<string> Description { get; init; }
    public required IReadOnlyList<SyntaxItem> Syntax { get; init; }
    public required IReadOnlyList<ParameterHelp> Parameters { get; init; }
    public required IReadOnlyList<TypeHelp> Inputs { get; init; }
    public required IReadOnlyList<TypeHelp> Outputs { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyList<HelpExample> Examples { get; init; }
    public required IReadOnlyList<string> RelatedCommands { get; init; }
}

/// <summary>One parameter set as a syntax line.</summary>
internal sealed record SyntaxItem(string ParameterSetName, bool IsDefault, IReadOnlyList<SyntaxParameter> Parameters);

/// <summary>A parameter as it appears in one parameter set.</summary>
internal sealed record SyntaxParameter(ParameterHelp Parameter, bool Mandatory, string Position);

/// <summary>A parameter across all its sets.</summary>
internal sealed class ParameterHelp
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Description { get; init; }
    /// <summary>Short type name for display ("String", "SecureString", "Int32[]").</summary>
    public required string TypeName { get; init; }
    public required string FullTypeName { get; init; }
    public required bool IsSwitch { get; init; }
    public required bool Required { get; init; }
    public required string Position { get; init; }
    /// <summary>"False", or "True (ByValue)", "True (ByPropertyName)", "True (ByValue, ByPropertyName)".</summary>
    public required string PipelineInput { get; init; }
    public required bool Globbing { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public required string DefaultValue { get; init; }
    /// <summary>The values a ValidateSet or an enum type allows (shown in the syntax as {A | B}).</summary>
    public required IReadOnlyList<string> AllowedValues { get; init; }
    public required bool VariableLength { get; init; }
}

internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);
