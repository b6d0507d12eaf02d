using System.Management.Automation;

namespace ZohoPortal.PowerShell.Tests;

public sealed class InvokeZohoCrmRequestTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void Get_ReturnsTheApiShapeAsObjects()
    {
        var output = _ps.RunClean("Connect-ZohoPortal -Emulator; $r = Invoke-ZohoCrmRequest /settings/portals; $r.portals[0].name; $r.portals[0].active; $r.portals.GetType().Name");
        Assert.Equal("ZylkerAutos", output[0].BaseObject);
        Assert.Equal(true, output[1].BaseObject);
        Assert.Equal("Object[]", output[2].BaseObject);
    }

    [Fact]
    public void Post_WithHashtableBody_IsSentAsJson_AndWhatIfSendsNothing()
    {
        var output = _ps.RunClean(
            "$c = New-ZohoPortalEmulator -EmptyOrg | Connect-ZohoPortal -PassThru; $c.Emulator.RequestLog.Clear(); " +
            "Invoke-ZohoCrmRequest -Method POST -Path /settings/portals -Body @{ portals = @(@{ name = 'ZylkerCare' }) } -WhatIf; " +
            "$c.Emulator.RequestLog.Count; " +
            "(Invoke-ZohoCrmRequest -Method POST -Path /settings/portals -Body @{ portals = @(@{ name = 'ZylkerCare' }) }).portals[0].code; " +
            "(Get-Portal).Name");
        Assert.Equal(0, (int)output[0].BaseObject);
        Assert.Equal("SUCCESS", output[1].BaseObject);
        Assert.Equal("ZylkerCare", output[2].BaseObject);
    }

    [Fact]
    public void ZohoError_KeepsZohosCodeAsErrorId()
    {
        var result = _ps.Run("Connect-ZohoPortal -Emulator; Invoke-ZohoCrmRequest /settings/nothing; Invoke-ZohoCrmRequest -Raw -Path /settings/portals -Query @{ a = 1 }");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("INVALID_URL_PATTERN,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("{\"portals\":[", (string)Assert.Single(result.Output).BaseObject);
    }
}
