using System.Xml.Linq;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// Every user-type cmdlet documents itself (the build turns these XML doc comments into MAML help)
/// and every type they output has a view in the staged format file.
/// </summary>
public sealed class UserTypeHelpAndFormatTests : IDisposable
{
    private static readonly string[] Cmdlets =
    {
        "Get-PortalUserType", "New-PortalUserType", "Set-PortalUserType", "Remove-PortalUserType", "New-PortalUserTypeModule", "Get-PortalModuleMeta",
    };

    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    /// <summary>The compiler's XML documentation of the module assembly (Debug or Release, whichever was built last).</summary>
    private static XDocument Docs()
    {
        var file = new[] { "Debug", "Release" }
            .Select(c => new FileInfo(Path.Combine(ModulePath.RepoRoot, "src", "ZohoPortal", "bin", c, "netstandard2.0", "ZohoPortal.xml")))
            .Where(f => f.Exists).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("ZohoPortal.xml not built");
        return XDocument.Load(file.FullName);
    }

    private static XElement? Member(XDocument docs, string name) =>
        docs.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == name);

    private static string Para(XElement member, string type) =>
        string.Concat(member.Element("summary")?.Elements("para").Where(p => (string?)p.Attribute("type") == type).Select(p => p.Value.Trim()) ?? Array.Empty<string>());

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_HasSynopsisDescriptionTwoExamplesAndDocumentedParameters(string cmdlet)
    {
        var docs = Docs();
        var typeName = (string)_ps.RunClean("(Get-Command " + cmdlet + ").ImplementingType.FullName")[0].BaseObject;
        var type = Member(docs, "T:" + typeName) ?? throw new Xunit.Sdk.XunitException("No docs for " + typeName);
        Assert.NotEmpty(Para(type, "synopsis"));
        Assert.True(Para(type, "description").Length > 80, cmdlet + " needs a real description");
        var examples = type.Elements("example").ToList();
        Assert.True(examples.Count >= 2, cmdlet + " has " + examples.Count + " examples");
        Assert.All(examples, e =>
        {
            Assert.Contains(cmdlet, e.Element("code")!.Value);
            Assert.NotEmpty(e.Element("para")!.Value.Trim());
        });

        var parameters = _ps.RunClean("$cmd = Get-Command " + cmdlet + "\n"
            + "$cmd.Parameters.Keys | ForEach-Object { '{0}|{1}' -f $_, $cmd.ImplementingType.GetProperty($_).DeclaringType.FullName }").Select(o => ((string)o.BaseObject).Split('|')).Where(p => !CommonParameters.Contains(p[0])).ToList();
        Assert.NotEmpty(parameters);
        foreach (var p in parameters)
        {
            var member = Member(docs, "P:" + p[1] + "." + p[0]);
            Assert.True(member != null && Para(member, "description").Length > 10, cmdlet + " -" + p[0] + " has no description");
        }
    }

    public static IEnumerable<object[]> CmdletNames() => Cmdlets.Select(c => new object[] { c });

    [Fact]
    public void EveryOutputType_AndEveryPartOfAModuleEntry_HasATableView()
    {
        var format = XDocument.Load(Path.Combine(ModulePath.StageDir, "Formats", "ZohoPortal.UserTypes.Format.ps1xml"));
        var tables = format.Descendants("View").Where(v => v.Element("TableControl") != null)
            .SelectMany(v => v.Descendants("TypeName").Select(t => t.Value)).ToHashSet();
        var outputs = _ps.RunClean("'" + string.Join("','", Cmdlets) + "' | ForEach-Object { (Get-Command $_).OutputType.Type.FullName }")
            .Select(o => (string)o.BaseObject).Where(t => t != "System.Void").ToHashSet();
        Assert.Equal(new[] { "ZohoPortal.Core.Models.PortalModuleMeta", "ZohoPortal.Core.Models.PortalUserType", "ZohoPortal.Core.Models.UserTypeModule" }, outputs.Order());
        var nested = new[] { "UserTypeField", "UserTypeLayout", "UserTypeView", "UserTypeFilter", "UserTypePermissions" }.Select(n => "ZohoPortal.Core.Models." + n);
        Assert.All(outputs.Concat(nested), t => Assert.Contains(t, tables));
        // The manifest loads the file (Import-Module would fail on a broken one).
        Assert.Contains("Formats/ZohoPortal.UserTypes.Format.ps1xml", File.ReadAllText(ModulePath.Manifest));
    }

    [Fact]
    public void TableView_ColumnsEvaluateForRealObjects()
    {
        // Out-String is not in this host, so evaluate each view's script blocks the way the formatter does.
        var format = XDocument.Load(Path.Combine(ModulePath.StageDir, "Formats", "ZohoPortal.UserTypes.Format.ps1xml"));
        // The table views, the default: the list views only repeat properties.
        string Blocks(string typeName) => string.Join("\n", format.Descendants("View")
            .Where(v => v.Element("TableControl") != null && v.Descendants("TypeName").Any(t => t.Value == "ZohoPortal.Core.Models." + typeName))
            .Descendants("ScriptBlock").Select(b => "& { " + b.Value + " }"));
        var output = _ps.RunClean(
            "$c = Connect-ZohoPortal -Emulator -PassThru\n"
            + "$t = Get-PortalUserType -Name Customers -IncludeModules\n"
            + "$t | ForEach-Object {\n" + Blocks("PortalUserType") + "\n}\n"
            + "$t.Modules[0] | ForEach-Object {\n" + Blocks("UserTypeModule") + "\n}\n"
            + "Get-PortalModuleMeta Contacts -RelatedModule Services | ForEach-Object {\n" + Blocks("PortalModuleMeta") + "\n}")
            .Select(o => o?.ToString()).ToList();
        Assert.Equal(new[]
        {
            // PortalUserType's table has only properties (PersonalityModule is text now).
            "Contacts", "View, Edit, -EditSharedRecords, -Create, -Delete", "private; layouts Standard; view All Contacts",
            "Standard, Test Drive",
        }, output);
    }
}
