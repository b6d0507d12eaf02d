using System.Diagnostics;
using System.Management.Automation;
using System.Reflection;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// The emulator as a companion module: loaded on demand by Connect-ZohoPortal -Emulator, never by
/// a real connection, absent from the main module's public surface, and its cmdlets drive the org.
/// </summary>
public sealed class EmulatorModuleTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void ConnectEmulator_InASessionWithOnlyTheMainModule_LoadsTheCompanionOnDemand()
    {
        using var ps = new PowerShellSession(importEmulator: false);
        Assert.Empty(ps.RunClean("Get-Module ZohoPortal.Emulator"));

        var portal = ps.RunClean("Connect-ZohoPortal -Emulator; (Get-Portal).Name");

        Assert.Equal("ZylkerAutos", (string)portal.Single().BaseObject);
        var loaded = (PSModuleInfo)ps.RunClean("Get-Module ZohoPortal.Emulator").Single().BaseObject;
        Assert.Equal(Path.GetFullPath(ModulePath.EmulatorStageDir), Path.GetFullPath(loaded.ModuleBase));
        Assert.Equal("Emulator", ps.RunClean("(Get-ZohoPortalConnection).AuthType.ToString()").Single().BaseObject);
        Assert.Equal("ZylkerAutos", ps.RunClean("(Get-ZohoPortalConnection).Emulator.Org.PortalName").Single().BaseObject);
    }

    [Fact]
    public void MainModule_ReferencesNoEmulatorAssembly_AndExposesNoEmulatorType()
    {
        var assembly = (Assembly)_ps.RunClean("(Get-Module ZohoPortal).ImplementingAssembly").Single().BaseObject;
        var core = assembly.GetReferencedAssemblies().Single(a => a.Name == "ZohoPortal.Core");
        var references = assembly.GetReferencedAssemblies()
            .Concat(Assembly.Load(core).GetReferencedAssemblies())
            .Select(a => a.Name!).ToList();
        Assert.Contains("ZohoPortal.Core", references);
        Assert.DoesNotContain(references, n => n.StartsWith("ZohoPortal.Emulator", StringComparison.Ordinal));

        var leaks = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            var types = member switch
            {
                PropertyInfo p => new[] { p.PropertyType },
                MethodInfo m => m.GetParameters().Select(x => x.ParameterType).Append(m.ReturnType).ToArray(),
                ConstructorInfo c => c.GetParameters().Select(x => x.ParameterType).ToArray(),
                FieldInfo f => new[] { f.FieldType },
                _ => Array.Empty<Type>(),
            };
            if (types.Any(t => (t.Namespace ?? "").StartsWith("ZohoPortal.Emulator", StringComparison.Ordinal)))
                leaks.Add(type.Name + "." + member.Name);
        }
        Assert.True(leaks.Count == 0, "Public members of the main module that use emulator types: " + string.Join(", ", leaks));
        Assert.False(File.Exists(Path.Combine(ModulePath.StageDir, "ZohoPortal.Emulator.dll")), "The emulator engine is staged inside the main module's folder.");
    }

    /// <summary>
    /// A real connection to an emulator served by another process (this one) loads no emulator
    /// code: the client runs in a separate process (the demo host) that imports only ZohoPortal.
    /// </summary>
    [Fact]
    public void AccessTokenConnection_ToALoopbackEmulator_LoadsNoEmulatorAssembly_InTheClientProcess()
    {
        var url = (string)_ps.RunClean("$global:emu = Start-ZohoPortalEmulator; $emu.BaseUrl.ToString()").Single().BaseObject;
        var script = Path.Combine(Path.GetTempPath(), "zohoportal-real-connection-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(script, string.Join("\n",
            "Connect-ZohoPortal -AccessToken ([System.Net.NetworkCredential]::new('', 'x').SecurePassword) -ApiBaseUrl '" + url + "' -MaxRetries 0",
            "try { $null = Get-Portal -ErrorAction Stop } catch { 'call answered: ' + $_.FullyQualifiedErrorId.Split(',')[0] }",
            "'emulator modules: ' + @(Get-Module ZohoPortal.Emulator).Count",
            "[AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { 'assembly: ' + $_.GetName().Name }"));
        try
        {
            var (exit, output) = RunDemoHost(script);

            Assert.True(exit == 0, "The client process failed (exit " + exit + "):\n" + output);
            Assert.Contains("call answered: INVALID_TOKEN", output);
            Assert.Contains("emulator modules: 0", output);
            var assemblies = output.Split('\n').Where(l => l.StartsWith("assembly: ", StringComparison.Ordinal)).Select(l => l.Substring(10).Trim()).ToList();
            Assert.Contains("ZohoPortal", assemblies);
            Assert.Contains("ZohoPortal.Core", assemblies);
            Assert.DoesNotContain(assemblies, a => a.StartsWith("ZohoPortal.Emulator", StringComparison.Ordinal));
            // The call did reach the emulator, which refused the token.
            Assert.Equal(1, (int)_ps.RunClean("$emu.RequestLog.CountOf('GET', '/settings/portals')").Single().BaseObject);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static (int Exit, string Output) RunDemoHost(string script)
    {
        // Built with this test project (a build-order reference), in whichever configuration MSBuild
        // chose for a project outside the solution: take the newest build.
        var host = new[] { "Release", "Debug" }
            .Select(c => new FileInfo(Path.Combine(ModulePath.RepoRoot, "samples", "ZohoPortal.Demo", "bin", c, "net10.0", "ZohoPortal.Demo.dll")))
            .Where(f => f.Exists).OrderByDescending(f => f.LastWriteTimeUtc).Select(f => f.FullName).FirstOrDefault();
        Assert.True(host != null, "The demo host is not built under samples/ZohoPortal.Demo/bin (it is built with this test project).");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "The client process did not finish in two minutes.");
        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n") + "\n" + stderr.Result);
    }

    [Fact]
    public void EmulatorCmdlets_DriveTheOrgBehindTheCurrentConnection()
    {
        var result = _ps.RunClean(string.Join("\n",
            "$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -ContactCount 0 -JobDelayMilliseconds 50",
            "$c = $emu | Connect-ZohoPortal -MaxRetries 0 -PassThru",
            "(Get-ZohoPortalEmulator).Emulator -eq $emu.Emulator",
            "$c.Emulator -eq $emu.Emulator",
            "Set-ZohoPortalEmulator -JobDelayMilliseconds 0 -ConcurrencyLimit 3",
            "$emu.Options.JobDelay.TotalMilliseconds",
            "$emu.Options.ConcurrencyLimit",
            "Clear-ZohoPortalEmulatorRequest",
            "$null = Add-ZohoPortalEmulatorFault -Kind InternalError -PathContains '/settings/portals'",
            "$null = Get-Portal -ErrorAction SilentlyContinue -ErrorVariable failed",
            "$failed[0].FullyQualifiedErrorId.Split(',')[0]",
            "$null = Get-Portal",
            "@(Get-ZohoPortalEmulatorRequest -Method GET -Path '*/settings/portals').Status -join ','"));

        Assert.Equal(new object[] { true, true, 0.0, 3, "INTERNAL_ERROR", "500,200" }, result.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void EmulatorCmdlets_WithoutAnEmulatorConnection_FailWithEmulatorNotFound()
    {
        var result = _ps.Run("$c = [ZohoPortal.ZohoPortalConnection]::new('ZylkerAutos'); $c.Emulator -eq $null; Get-ZohoPortalEmulator -Connection $c; Set-ZohoPortalEmulator -JobDelayMilliseconds 0");

        Assert.Equal(true, result.Output.First().BaseObject);
        Assert.Equal("EmulatorNotFound,ZohoPortal.Emulator.PowerShell.Cmdlets.GetZohoPortalEmulatorCmdlet", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void AddFault_RetryAfterWithAnotherKind_FailsBeforeAnythingIsScheduled()
    {
        var result = _ps.Run("Connect-ZohoPortal -Emulator; Add-ZohoPortalEmulatorFault -Kind InternalError -RetryAfterSeconds 2; (Get-ZohoPortalEmulator).Faults.Pending");

        Assert.Equal("RetryAfterNeedsTooManyRequests,ZohoPortal.Emulator.PowerShell.Cmdlets.AddZohoPortalEmulatorFaultCmdlet", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void OfflineConnection_ForMocks_AnswersLocallyAndSendsNothing()
    {
        var result = _ps.Run("$c = [ZohoPortal.ZohoPortalConnection]::new('ZylkerAutos'); $c.PortalName; $c.AuthType.ToString(); Get-PortalUser -UserType Customers -Connection $c");

        Assert.Equal(new object[] { "ZylkerAutos", "Offline" }, result.Output.Select(o => o.BaseObject).ToArray());
        Assert.Equal("OFFLINE_CONNECTION", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Theory]
    [InlineData("'Customers'", true)]
    [InlineData("'customers'", true)]
    [InlineData("'Partners'", false)]
    public void UserTypeIdentity_ComparesEqualToItsNameOrId_AsAParameterFilterDoes(string right, bool expected)
    {
        var byName = _ps.RunClean("[ZohoPortal.Infrastructure.UserTypeIdentity]::new('Customers') -eq " + right).Single().BaseObject;
        Assert.Equal(expected, byName);

        // The object from Get-PortalUserType, as the pipeline binds it, compares equal to its name and id.
        var byObject = _ps.RunClean("Connect-ZohoPortal -Emulator; $t = Get-PortalUserType -Name Customers; $i = [ZohoPortal.Infrastructure.UserTypeIdentity]::new($t); ($i -eq " + right + "), ($i -eq $t.Id), ($i -eq '1')")
            .Select(o => o.BaseObject).ToArray();
        Assert.Equal(new object[] { expected, true, false }, byObject);
    }

    [Fact]
    public void EmulatorRecords_ListAndAdd_AsTestsSetUpInvitations()
    {
        var result = _ps.Run(string.Join("\n",
            "Connect-ZohoPortal -Emulator",
            "@(Get-ZohoPortalEmulatorRecord -NotPortalUser).Count",
            "$none = Add-ZohoPortalEmulatorRecord -Name 'No Mail'",
            "$none.Email -eq $null",
            "Set-ZohoPortalEmulator -JobDelayMilliseconds 0",
            "$none | Send-PortalInvite -UserType Customers -Wait -Force -ErrorAction SilentlyContinue -ErrorVariable refused | Out-Null",
            "$refused[0].FullyQualifiedErrorId.Split(',')[0]",
            "@(Get-ZohoPortalEmulatorRecord -NotPortalUser).Count",
            "Add-ZohoPortalEmulatorRecord -Name 'Elsewhere' -Email e@example.com -Module Leads"));

        // 200 seeded contacts to invite; one more added, refused for its missing email, still not a portal user.
        Assert.Equal(new object[] { 200, true, "INVALID_DATA", 201 }, result.Output.Select(o => o.BaseObject).ToArray());
        var error = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("NotAPersonalityModule", StringComparison.Ordinal));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }
}
