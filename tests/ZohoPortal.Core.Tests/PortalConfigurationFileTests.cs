using ZohoPortal.Core.Configuration;

namespace ZohoPortal.Core.Tests;

/// <summary>The configuration file's format: stable text, and clear refusals of files it cannot read.</summary>
public sealed class PortalConfigurationFileTests
{
    private static PortalConfiguration Sample() => new()
    {
        Portal = "ZylkerAutos",
        UserTypes =
        {
            new ConfiguredUserType
            {
                Name = "Zeta", Active = true, PersonalityModule = new() { ApiName = "Contacts" },
                Modules = { new() { ApiName = "Notes", Permissions = new() { View = true } }, new() { ApiName = "Contacts", Permissions = new() { View = true, Edit = true },
                    Fields = new() { new() { ApiName = "Phone" }, new() { ApiName = "Email", ReadOnly = true } } } },
            },
            new ConfiguredUserType { Name = "alpha", PersonalityModule = new() { ApiName = "Contacts" }, Modules = { new() { ApiName = "Contacts" }, new() { ApiName = "Notes" } } },
        },
    };

    [Fact]
    public void Write_SortsAndIndents_AndReadingWhatItWroteGivesTheSameText()
    {
        var text = PortalConfigurationFile.Write(Sample());
        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"portal\": \"ZylkerAutos\",\n  \"userTypes\": [\n    {\n      \"name\": \"alpha\"", text);
        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        Assert.True(text.IndexOf("\"Contacts\"", StringComparison.Ordinal) < text.IndexOf("\"Notes\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"Email\"", StringComparison.Ordinal) < text.IndexOf("\"Phone\"", StringComparison.Ordinal));
        Assert.DoesNotContain("null", text);
        Assert.Equal(text, PortalConfigurationFile.Write(PortalConfigurationFile.Read(text, "t.json")));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 2, \"userTypes\": []}", "ConfigurationSchemaVersion")]
    [InlineData("{\"userTypes\": []}", "ConfigurationSchemaVersion")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [", "ConfigurationMalformed")]
    [InlineData("[1, 2]", "ConfigurationInvalid")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [{\"name\": \"A\", \"personalityModule\": {\"apiName\": \"Contacts\"}, \"modules\": [{\"apiName\": \"Notes\", \"permisions\": {}}]}]}", "ConfigurationMalformed")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [{\"name\": \"A\", \"personalityModule\": {\"apiName\": \"Contacts\"}, \"modules\": [{\"apiName\": \"Notes\"}]}, {\"name\": \"a\", \"personalityModule\": {\"apiName\": \"Contacts\"}, \"modules\": [{\"apiName\": \"Notes\"}]}]}", "ConfigurationInvalid")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [{\"name\": \"\", \"modules\": []}]}", "ConfigurationInvalid")]
    [InlineData("{\"schemaVersion\": 1, \"userTypes\": [], \"removed\": [{\"name\": \"P\", \"transferTo\": \"Nobody\"}]}", "ConfigurationInvalid")]
    public void Read_RefusesWhatItCannotRead_WithItsOwnErrorId(string text, string errorId)
    {
        var error = Assert.Throws<PortalConfigurationException>(() => PortalConfigurationFile.Read(text, "bad.json"));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(PortalConfigurationErrorKind.InvalidFile, error.Kind);
        Assert.Contains("bad.json", error.Message);
    }

    [Fact]
    public void Read_ListsEveryProblemOfAFileAtOnce()
    {
        var error = Assert.Throws<PortalConfigurationException>(() => PortalConfigurationFile.Read(
            "{\"schemaVersion\": 1, \"userTypes\": [{\"name\": \"A\", \"personalityModule\": {\"apiName\": \"\"}, \"modules\": [{\"apiName\": \"Notes\", \"permissions\": {\"view\": false}}]}, {\"name\": \"B\", \"personalityModule\": {\"apiName\": \"Contacts\"}, \"modules\": []}]}", "x.json"));
        Assert.Equal(3, error.Problems.Count);
    }
}
