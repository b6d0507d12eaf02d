using System.Management.Automation;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// The connection's metadata cache seen through the cmdlets: loops of single-user commands cost
/// one call per user after the first, ids cost no user-type listing, and a name the cache lacks
/// is looked up once more before it is refused. Calls are counted in the emulator's request log.
/// </summary>
public sealed class MetadataCacheCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private int Count(string filter) =>
        (int)_ps.RunClean("@($emu.RequestLog.Entries | Where-Object { $_.Path -like '/crm/*' -and (" + filter + ") }).Count")[0].BaseObject;

    private int CrmCalls() => Count("$true");
    private int TypeListings() => Count("$_.Method -eq 'GET' -and $_.Path -like '*/user_type'");
    private int PortalListings() => Count("$_.Method -eq 'GET' -and $_.Path -like '*/settings/portals'");
    private int Transfers() => Count("$_.Path -like '*/action/transfer'");

    [Fact]
    public void LoopOfSingleUserMoves_ByName_CostsOneCallPerUser_AfterTheFirst()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 400 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "$ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId); " +
                     "$c2 = $emu | Connect-ZohoPortal -PassThru; $emu.RequestLog.Clear()");
        // A fresh connection (cold cache), names for both user types, one user per command.
        _ps.RunClean("foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners -Connection $c2 }");

        Assert.Equal(400, Transfers());
        Assert.Equal(1, PortalListings());
        Assert.Equal(1, TypeListings());
        Assert.Equal(402, CrmCalls());
        Assert.Equal(400, (int)_ps.RunClean("@(Get-PortalUser -UserType Partners -Connection $c2).Count - 400")[0].BaseObject);
    }

    [Fact]
    public void LoopOfPipedUsers_CostsOneTransferEach_AndNoListing_WhenWarm()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 50 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "$users = Get-PortalUser -UserType Customers; $emu.RequestLog.Clear()");
        _ps.RunClean("foreach ($u in $users) { $u | Move-PortalUser -Destination Partners }");
        Assert.Equal(50, Transfers());
        Assert.Equal(50, CrmCalls());
    }

    [Fact]
    public void UserTypeIds_CostNoUserTypeListing_EvenCold()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 5 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "$types = Get-PortalUserType; $from = ($types | Where-Object Name -eq Customers).Id; $to = ($types | Where-Object Name -eq Partners).Id; " +
                     "$ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId); " +
                     "$cold = $emu | Connect-ZohoPortal -PassThru; $emu.RequestLog.Clear()");
        _ps.RunClean("foreach ($id in $ids[0..2]) { Move-PortalUser -Id $id -UserType $from -Destination $to -Connection $cold }");
        Assert.Equal(0, TypeListings());
        Assert.Equal(3, Transfers());
        Assert.Equal(1, PortalListings());

        // -PassThru writes UserTypeName: cold, that costs the one listing, which then serves the next commands.
        _ps.RunClean("$emu.RequestLog.Clear()");
        var moved = _ps.RunClean("foreach ($id in $ids[3..4]) { Move-PortalUser -Id $id -UserType $from -Destination $to -Connection $cold -PassThru }");
        Assert.Equal(new[] { "Partners", "Partners" }, moved.Select(m => (string)m.Properties["UserTypeName"].Value));
        Assert.Equal(1, TypeListings());
        Assert.Equal(2, Transfers());
    }

    [Fact]
    public void GetPortalUser_WhenWarm_SendsTheUsersPageFirst()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 5 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "$null = Get-PortalUserType; $emu.RequestLog.Clear()");
        var users = _ps.RunClean("Get-PortalUser -UserType Customers -First 2");
        Assert.Equal(2, users.Count);
        Assert.Equal(1, CrmCalls());
        Assert.Contains("/users", (string)_ps.RunClean("$emu.RequestLog.Entries[0].Path")[0].BaseObject);
    }

    [Fact]
    public void NameMadeInAnotherConnection_IsFound_AfterOneFreshListing()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -JobDelayMilliseconds 0; $a = $emu | Connect-ZohoPortal -PassThru; " +
                     "$ids = @(Get-PortalUser -UserType Customers -Connection $a | ForEach-Object PersonalityId); " +
                     "$b = $emu | Connect-ZohoPortal -PassThru; Set-PortalUserType -Identity Partners -NewName Resellers -Connection $b; $emu.RequestLog.Clear()");

        // $a's cache still says Partners: Resellers is a miss, read again once, then found.
        _ps.RunClean("Move-PortalUser -Id $ids[0] -UserType Customers -Destination Resellers -Connection $a");
        Assert.Equal(1, TypeListings());
        Assert.Equal(1, Transfers());

        // A name Zoho does not have either: refused after the one fresh listing, nothing sent.
        _ps.RunClean("$emu.RequestLog.Clear()");
        var result = _ps.Run("Move-PortalUser -Id $ids[1] -UserType Customers -Destination Nowhere -Connection $a");
        var error = Assert.Single(result.Errors);
        Assert.Equal("UserTypeNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(1, TypeListings());
        Assert.Equal(0, Transfers());
    }

    [Fact]
    public void UserTypeDeletedInAnotherConnection_ReadIsRetriedOnce_ThenUserTypeNotFound()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -JobDelayMilliseconds 0; $a = $emu | Connect-ZohoPortal -PassThru; " +
                     "$null = Get-PortalUserType -Connection $a; " +
                     "$b = $emu | Connect-ZohoPortal -PassThru; Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force -Connection $b; $emu.RequestLog.Clear()");

        // $a still holds Partners' id: Zoho calls it unknown, the user types are read again, and the name is refused.
        var result = _ps.Run("Get-PortalUser -UserType Partners -Connection $a");
        var error = Assert.Single(result.Errors);
        Assert.Equal("UserTypeNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(result.Output);
        Assert.Equal(1, TypeListings());
        Assert.Equal(1, Count("$_.Path -like '*/users'"));
    }

    [Fact]
    public void UserTypeDeletedInAnotherConnection_ChangeGetsZohosAnswer_AndTheNextCommandIsRefusedBeforeSending()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -JobDelayMilliseconds 0; $a = $emu | Connect-ZohoPortal -PassThru; " +
                     "$ids = @(Get-PortalUser -UserType Customers -Connection $a | ForEach-Object PersonalityId); " +
                     "$b = $emu | Connect-ZohoPortal -PassThru; Remove-PortalUserType -Identity Partners -TransferUsersTo Customers -Force -Connection $b; $emu.RequestLog.Clear()");

        // The change goes out with the cached id and Zoho's refusal is reported for the user, with Zoho's code.
        var first = Assert.Single(_ps.Run("Move-PortalUser -Id $ids[0] -UserType Customers -Destination Partners -Connection $a").Errors);
        Assert.Equal("INVALID_DATA", first.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(1, Transfers());
        Assert.Equal(0, TypeListings());

        // That answer made the cache stale: the next command reads the user types and refuses before sending.
        var second = Assert.Single(_ps.Run("Move-PortalUser -Id $ids[1] -UserType Customers -Destination Partners -Connection $a").Errors);
        Assert.Equal("UserTypeNotFound", second.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(1, Transfers());
        Assert.Equal(1, TypeListings());
    }

    [Fact]
    public void PortalRenamedThroughThePipeline_IsTheNameLaterCommandsUse()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 2 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "Get-Portal | Set-Portal -NewName ZylkerCare; $emu.RequestLog.Clear()");
        Assert.Equal("ZylkerCare", (string)_ps.RunClean("$c.PortalName")[0].BaseObject);
        Assert.Equal(2, _ps.RunClean("Get-PortalUserType").Count);
        Assert.Equal(0, PortalListings());
    }

    [Fact]
    public void ChangeThroughTheConnection_ReadsTheUserTypesAgain()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; " +
                     "$ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId)");
        _ps.RunClean("Set-PortalUserType -Identity Partners -NewName Resellers; $emu.RequestLog.Clear()");
        _ps.RunClean("Move-PortalUser -Id $ids[0] -UserType Customers -Destination Resellers");
        Assert.Equal(1, TypeListings());
        _ps.RunClean("$emu.RequestLog.Clear(); Move-PortalUser -Id $ids[1] -UserType Customers -Destination Resellers");
        Assert.Equal(0, TypeListings());
        // The old name is gone from the listing read after the change: refused, nothing sent.
        var error = Assert.Single(_ps.Run("Move-PortalUser -Id $ids[2] -UserType Customers -Destination Partners").Errors);
        Assert.Equal("UserTypeNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(1, Transfers());
    }

    [Fact]
    public void WrongPortalName_IsStillOnePortalNotFound_AfterOneFreshListing()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 2 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru; $null = Get-Portal; $emu.RequestLog.Clear()");
        var error = Assert.Single(_ps.Run("Get-PortalUser -Portal ZylkerCars").Errors);
        Assert.Equal("PortalNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(1, PortalListings());
        Assert.Equal(1, CrmCalls());
    }

    [Fact]
    public void ZeroLifetime_ListsInEveryCommand()
    {
        _ps.RunClean("$emu = New-ZohoPortalEmulator -UsersPerUserType 3 -JobDelayMilliseconds 0; $c = $emu | Connect-ZohoPortal -PassThru -MetadataCacheLifetimeSec 0; " +
                     "$ids = @(Get-PortalUser -UserType Customers | ForEach-Object PersonalityId); $emu.RequestLog.Clear()");
        Assert.Equal(TimeSpan.Zero, (TimeSpan)_ps.RunClean("$c.MetadataCacheLifetime")[0].BaseObject);
        _ps.RunClean("foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners }");
        Assert.Equal(3, TypeListings());
        Assert.Equal(3, PortalListings());
        Assert.Equal(3, Transfers());
    }
}
