using System.Management.Automation;
using Xunit;

namespace ZohoPortal.PowerShell.Tests;

public sealed class ConnectionAndPortalTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void GetPortal_AfterEmulatorConnect_ReturnsTypedPortal()
    {
        var output = _ps.RunClean("Connect-ZohoPortal -Emulator; Get-Portal");
        var portal = Assert.Single(output);
        Assert.Equal("ZohoPortal.Core.Models.Portal", portal.BaseObject.GetType().FullName);
        Assert.Equal("ZylkerAutos", portal.Properties["Name"].Value);
        Assert.Equal(true, portal.Properties["Active"].Value);
    }

    [Fact]
    public void GetCommand_ListsExactlyTheManifestCmdlets()
    {
        var manifest = _ps.RunClean("([scriptblock]::Create([IO.File]::ReadAllText('" + ModulePath.Manifest + "')).InvokeReturnAsIs()).CmdletsToExport")
            .Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
        var commands = _ps.RunClean("Get-Command -Module ZohoPortal | ForEach-Object Name")
            .Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
        Assert.Contains("Connect-ZohoPortal", manifest);
        Assert.Equal(manifest, commands);
        var types = _ps.RunClean("Get-Command -Module ZohoPortal | ForEach-Object CommandType");
        Assert.All(types, t => Assert.Equal(CommandTypes.Cmdlet, (CommandTypes)t.BaseObject));
    }

    [Fact]
    public void NewPortal_ShortName_FailsBeforeAnyRequest()
    {
        var result = _ps.Run("$c = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru; $c.Emulator.RequestLog.Clear(); New-Portal -Name ab; $c.Emulator.RequestLog.Count");
        var error = Assert.Single(result.Errors);
        Assert.Equal("PortalNameLength,ZohoPortal.Cmdlets.Portals.NewPortalCmdlet", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("6 to 30", error.Exception.Message);
        Assert.Equal(0, (int)Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void NewPortal_TakenName_SurfacesAlreadyUsed()
    {
        var result = _ps.Run("New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal; New-Portal -Name MyFirstCompany");
        var error = Assert.Single(result.Errors);
        Assert.True(error.FullyQualifiedErrorId.StartsWith("ALREADY_USED"), error.Exception.ToString());
        Assert.Equal("ALREADY_USED", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("The entered portal name is already in use", error.ErrorDetails.Message);
    }

    [Theory]
    [InlineData("Remove-Portal")]
    [InlineData("Get-PortalUserType -Name Partners | Remove-PortalUserType -TransferUsersTo Customers")]
    [InlineData("Get-PortalUser -UserType Customers -First 2 | Disable-PortalUser")]
    public void HighImpactChange_InAHostThatCannotPrompt_ExplainsForceAndSendsNothing(string command)
    {
        _ps.RunClean("Connect-ZohoPortal -Emulator");

        var result = _ps.Run(command);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfirmationNotPossible", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("-Force", error.ErrorDetails?.RecommendedAction ?? "");
        var changes = _ps.RunClean("(Get-ZohoPortalConnection).Emulator.RequestLog.Entries | Where-Object { $_.Method -ne 'GET' -and $_.Path -like '/crm/*' }");
        Assert.Empty(changes);
    }

    [Fact]
    public void Force_SkipsThePrompt_ButVerboseStillNamesTheOperation()
    {
        var result = _ps.Run("Connect-ZohoPortal -Emulator; Get-PortalUser -UserType Customers -First 1 | Disable-PortalUser -Force -Verbose");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.StartsWith("Performing the operation \"", StringComparison.Ordinal));
    }

    [Fact]
    public void RemovePortal_WhatIf_SendsNothing()
    {
        var result = _ps.Run("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear(); Remove-Portal -WhatIf; $c.Emulator.RequestLog.Count; $c.Emulator.Org.PortalName");
        Assert.Empty(result.Errors);
        Assert.Equal(0, (int)result.Output[0].BaseObject);
        Assert.Equal("ZylkerAutos", result.Output[1].BaseObject);
    }
}

public sealed class CompletionTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void PortalName_CompletesFromTheConnection_WithoutARequest()
    {
        var output = _ps.RunClean(
            "$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear(); " +
            "$line = 'Remove-Portal -Name Zyl'; " +
            "([System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)).CompletionMatches | ForEach-Object CompletionText; " +
            "$c.Emulator.RequestLog.Count");
        Assert.Equal("ZylkerAutos", output[0].BaseObject);
        Assert.Equal(0, (int)output[1].BaseObject);
    }
}
