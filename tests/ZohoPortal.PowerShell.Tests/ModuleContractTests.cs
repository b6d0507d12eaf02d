using System.Management.Automation;
using System.Xml.Linq;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// Rules every cmdlet of the module keeps, checked on whatever the staged module holds at run
/// time: manifest exports, ShouldProcess on state changes, format views for output types.
/// </summary>
public sealed class ModuleContractTests : IDisposable
{
    /// <summary>Verbs whose cmdlets change something (in Zoho, in the session or on the machine).</summary>
    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "New", "Set", "Remove", "Move", "Enable", "Disable", "Send", "Start", "Stop", "Disconnect",
        "Add", "Clear", "Reset", "Rename", "Update", "Register", "Unregister", "Grant", "Revoke",
        "Restore", "Publish", "Unpublish", "Approve", "Deny", "Submit", "Suspend", "Resume", "Lock",
        "Unlock", "Install", "Uninstall", "Initialize", "Sync", "Import", "Copy", "Join", "Split",
    };

    /// <summary>
    /// "New" cmdlets that only build an object in memory for another cmdlet to send; asking
    /// -WhatIf of them would be noise. Each entry needs a reason.
    /// </summary>
    private static readonly Dictionary<string, string> LocalBuilders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New-PortalUserTypeModule"] = "builds a module-permission entry for New-/Set-PortalUserType; sends nothing",
    };

    /// <summary>
    /// Removals, taking access away and (bulk) invitations must ask first unless -Force is given.
    /// Enable (giving access back) is deliberately Medium: see docs/users.md.
    /// </summary>
    private static readonly HashSet<string> HighImpactVerbs = new(StringComparer.OrdinalIgnoreCase) { "Remove", "Disable", "Send" };

    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    /// <summary>The two modules every rule is checked on: the main module and its emulator companion.</summary>
    public static TheoryData<string> Modules => new() { "ZohoPortal", "ZohoPortal.Emulator" };

    private static string StageDir(string module) => module == "ZohoPortal" ? ModulePath.StageDir : ModulePath.EmulatorStageDir;
    private static string ManifestPath(string module) => Path.Combine(StageDir(module), module + ".psd1");

    private List<CmdletInfo> Cmdlets(string module)
    {
        var cmdlets = _ps.RunClean("Get-Command -Module " + module + " -CommandType Cmdlet").Select(o => (CmdletInfo)o.BaseObject).ToList();
        Assert.NotEmpty(cmdlets);
        return cmdlets;
    }

    private static CmdletAttribute Attribute(CmdletInfo cmdlet) =>
        (CmdletAttribute)cmdlet.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), inherit: true).Single();

    [Theory]
    [MemberData(nameof(Modules))]
    public void Manifest_CmdletsToExport_EqualsTheCmdletsDefinedInTheAssembly(string module)
    {
        var exported = ModuleManifest.Strings("CmdletsToExport", ManifestPath(module));
        Assert.DoesNotContain(exported, n => n.Contains('*'));
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var assembly = _ps.RunClean("(Get-Module " + module + ").ImplementingAssembly").Select(o => (System.Reflection.Assembly)o.BaseObject).Single();
        var defined = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), inherit: false).OfType<CmdletAttribute>().SingleOrDefault())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .ToList();

        var missing = defined.Except(exported, StringComparer.OrdinalIgnoreCase).OrderBy(n => n).ToList();
        var extra = exported.Except(defined, StringComparer.OrdinalIgnoreCase).OrderBy(n => n).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "Cmdlets in the assembly but not in the manifest's CmdletsToExport: [" + string.Join(", ", missing) + "]; "
            + "in the manifest but not in the assembly: [" + string.Join(", ", extra) + "]");
        Assert.Contains(module == "ZohoPortal" ? "Connect-ZohoPortal" : "New-ZohoPortalEmulator", defined);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void StateChangingCmdlets_SupportShouldProcess(string module)
    {
        var changing = Cmdlets(module).Where(c => StateChangingVerbs.Contains(c.Verb) && !LocalBuilders.ContainsKey(c.Name)).ToList();
        Assert.Contains(changing, c => c.Name == (module == "ZohoPortal" ? "Remove-Portal" : "Set-ZohoPortalEmulator"));

        var lacking = changing
            .Where(c => !Attribute(c).SupportsShouldProcess || !c.Parameters.ContainsKey("WhatIf") || !c.Parameters.ContainsKey("Confirm"))
            .Select(c => c.Name)
            .ToList();

        Assert.True(lacking.Count == 0, "These cmdlets change state but do not support -WhatIf/-Confirm: " + string.Join(", ", lacking));
    }

    [Fact]
    public void RemovalsStatusChangesAndInvitations_AreHighImpactWithForce()
    {
        var high = Cmdlets("ZohoPortal").Where(c => HighImpactVerbs.Contains(c.Verb)).ToList();
        Assert.Contains(high, c => c.Name == "Remove-Portal");
        Assert.Equal(ConfirmImpact.Medium, Attribute(Cmdlets("ZohoPortal").Single(c => c.Name == "Enable-PortalUser")).ConfirmImpact);

        var wrong = high
            .Where(c => Attribute(c).ConfirmImpact != ConfirmImpact.High || !c.Parameters.ContainsKey("Force"))
            .Select(c => c.Name + " (ConfirmImpact " + Attribute(c).ConfirmImpact + (c.Parameters.ContainsKey("Force") ? "" : ", no -Force") + ")")
            .ToList();

        Assert.True(wrong.Count == 0, "Removals, status changes and invitations need ConfirmImpact.High and -Force: " + string.Join(", ", wrong));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void EveryOutputType_HasAViewInTheStagedFormatFiles(string module)
    {
        var viewTypes = FormatViewTypeNames(module);
        Assert.Contains(module == "ZohoPortal" ? "ZohoPortal.Core.Models.Portal" : "ZohoPortal.Emulator.PowerShell.EmulatorInstance", viewTypes);

        var missing = new List<string>();
        var checkedTypes = 0;
        foreach (var cmdlet in Cmdlets(module))
        {
            foreach (var output in cmdlet.OutputType)
            {
                var type = output.Type;
                if (type == null)
                {
                    // Declared by name only: the name must have a view itself.
                    if (!viewTypes.Contains(output.Name)) missing.Add(cmdlet.Name + " -> " + output.Name);
                    continue;
                }
                type = Element(type);
                if (NeedsNoView(type)) continue;
                checkedTypes++;
                if (!Lineage(type).Any(viewTypes.Contains)) missing.Add(cmdlet.Name + " -> " + type.FullName);
            }
        }

        Assert.True(checkedTypes > 0, "No output type was checked.");
        Assert.True(missing.Count == 0, "Output types without a view in any FormatsToProcess file: " + string.Join(", ", missing.Distinct()));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void EveryStagedFormatFile_IsListedInTheManifest(string module)
    {
        var listed = ModuleManifest.Strings("FormatsToProcess", ManifestPath(module))
            .Concat(ModuleManifest.Strings("TypesToProcess", ManifestPath(module)))
            .Select(f => Path.GetFullPath(Path.Combine(StageDir(module), f)))
            .ToHashSet(StringComparer.Ordinal);
        var staged = Directory.GetFiles(StageDir(module), "*.ps1xml", SearchOption.AllDirectories).Select(Path.GetFullPath).ToList();

        Assert.NotEmpty(staged);
        Assert.All(listed, f => Assert.True(File.Exists(f), f + " is listed in FormatsToProcess but not staged."));
        Assert.All(staged, f => Assert.True(listed.Contains(f), f + " is staged but not listed in the manifest's FormatsToProcess or TypesToProcess (or is left from an earlier build: delete out/ and build again)."));
    }

    /// <summary>Type names selected by any view of the format files the manifest lists (directly or through a selection set).</summary>
    private static HashSet<string> FormatViewTypeNames(string module)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = ModuleManifest.Strings("FormatsToProcess", ManifestPath(module));
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var document = XDocument.Load(Path.Combine(StageDir(module), file));
            var selectionSets = document.Descendants("SelectionSet").ToDictionary(
                s => (string)s.Element("Name")!,
                s => s.Descendants("TypeName").Select(t => t.Value.Trim()).ToList(),
                StringComparer.OrdinalIgnoreCase);
            foreach (var selectedBy in document.Descendants("View").Select(v => v.Element("ViewSelectedBy")).Where(v => v != null))
            {
                foreach (var typeName in selectedBy!.Elements("TypeName")) names.Add(typeName.Value.Trim());
                foreach (var set in selectedBy.Elements("SelectionSetName"))
                    if (selectionSets.TryGetValue(set.Value.Trim(), out var members)) names.UnionWith(members);
            }
        }
        return names;
    }

    private static Type Element(Type type)
    {
        while (type.IsArray) type = type.GetElementType()!;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static bool NeedsNoView(Type type) =>
        type == typeof(void) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(object) || type == typeof(PSObject) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan) || type == typeof(Guid);

    /// <summary>The type and its base classes: PowerShell picks a view for any of them.</summary>
    private static IEnumerable<string> Lineage(Type type)
    {
        for (var t = type; t != null && t != typeof(object); t = t.BaseType) yield return t.FullName!;
    }
}
