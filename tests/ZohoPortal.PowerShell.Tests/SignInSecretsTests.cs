using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.RegularExpressions;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// The secret scan for the sign-ins of issue 13 (client credentials, device code, the refresh
/// token handed back): every stream under -Verbose -Debug, the connection object and its text,
/// errors included, must show no client secret, device code, access or refresh token. Against
/// Start-ZohoPortalEmulator over loopback HTTP, in a real runspace.
/// </summary>
public sealed class SignInSecretsTests : IDisposable
{
    private const string Secret = "emulator-demo-client-secret";
    // Access and refresh tokens are 1000.<hex>.<hex>, device codes 1004.<hex>.<hex>.
    private static readonly Regex AnyToken = new(@"100[04]\.[0-9a-f]{32}\.[0-9a-f]{32}");
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (var c in value) s.AppendChar(c);
        return s;
    }

    private static string Plain(SecureString value)
    {
        var p = Marshal.SecureStringToGlobalAllocUnicode(value);
        try { return Marshal.PtrToStringUni(p)!; } finally { Marshal.ZeroFreeGlobalAllocUnicode(p); }
    }

    [Fact]
    public void ClientCredentials_UnderVerboseAndDebug_AndAfterExpiry_ShowNoSecret()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var result = _ps.Run(
            "$client = [pscredential]::new($emu.ClientId, $secret); " +
            "$c = Connect-ZohoPortal -ClientCredential $client -OrganizationId $emu.Emulator.OrganizationId -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl -PassThru -Verbose -Debug; " +
            "$c; Get-Portal -Verbose -Debug; $emu.Emulator.ExpireAccessTokens(); Get-Portal -Verbose -Debug; $c.ToString(); $c.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }",
            new Dictionary<string, object?> { ["secret"] = Secure(Secret) });

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count(o => o.Properties["Name"]?.Value as string == "ZylkerAutos"));
        Assert.Equal("ClientCredentials", result.Output.First().Properties["AuthType"].Value.ToString());
        Assert.Contains(result.Debug, d => d.Contains("Token response body"));
        Assert.Contains(result.Verbose, v => v.Contains("-> 401"));
        var text = result.AllText();
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotMatch(AnyToken, text);
    }

    [Fact]
    public void ClientCredentials_WithoutOrganizationId_SayWhatToAdd_AndShowNoSecret()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var result = _ps.Run(
            "Connect-ZohoPortal -ClientCredential ([pscredential]::new($emu.ClientId, $secret)) -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl -Verbose -Debug",
            new Dictionary<string, object?> { ["secret"] = Secure(Secret) });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ZohoAuthentication.missing_org_info", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("-OrganizationId", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(Secret, result.AllText());
        Assert.Empty(_ps.RunClean("Get-ZohoPortalConnection"));
    }

    [Fact]
    public void DeviceCode_ShowsOnlyTheUserCode_AndHandsTheRefreshTokenBackOnce_AsASecureString()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator; $emu.Emulator.Options.DevicePollInterval = [TimeSpan]::FromSeconds(1)");
        var emulator = _ps.RunClean("$emu.Emulator")[0].BaseObject;
        string? userCode = null;
        // Plays the person at the browser: approves as soon as the code is handed out.
        emulator.GetType().GetEvent("DeviceCodeIssued")!.AddEventHandler(emulator, new Action<string>(code =>
        {
            userCode = code;
            emulator.GetType().GetMethod("DecideDeviceCode")!.Invoke(emulator, new object[] { code, true, "us" });
        }));

        var result = _ps.Run(
            "$c = Connect-ZohoPortal -UseDeviceCode -ClientId $emu.ClientId -ClientSecret $secret -RefreshTokenVariable kept " +
            "-ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl -PassThru -Verbose -Debug; " +
            "Get-Portal -Verbose -Debug; $emu.Emulator.ExpireAccessTokens(); Get-Portal -Verbose -Debug; $c.ToString(); $c.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }",
            new Dictionary<string, object?> { ["secret"] = Secure(Secret) });

        Assert.Empty(result.Errors);
        Assert.NotNull(userCode);
        var shown = Assert.Single(result.Information, i => i.Contains("enter the code"));
        Assert.Contains(userCode!, shown);
        Assert.DoesNotContain(result.Output, o => o.ToString().Contains(userCode!)); // shown on the host, not the output stream
        Assert.Equal(2, result.Output.Count(o => o.Properties["Name"]?.Value as string == "ZylkerAutos"));
        Assert.Contains(result.Debug, d => d.Contains("Device token response body"));
        var kept = Assert.IsType<SecureString>(_ps.GetVariable<object>("kept") is PSObject p ? p.BaseObject : _ps.GetVariable<object>("kept"));
        var refresh = Plain(kept);
        Assert.Matches(AnyToken, refresh);
        var text = result.AllText();
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(refresh, text);
        Assert.DoesNotMatch(AnyToken, text);
    }

    [Fact]
    public void GrantCode_HandsTheIssuedRefreshTokenBack_InTheNamedVariable_ThatConnectsAgain()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var code = (string)_ps.RunClean("$emu.Emulator.CreateGrantCode($null)")[0].BaseObject;
        var result = _ps.Run(
            "Connect-ZohoPortal -ClientId $emu.ClientId -ClientSecret $secret -GrantToken $code -RefreshTokenVariable kept -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl -Verbose -Debug; " +
            "Disconnect-ZohoPortal; Connect-ZohoPortal -ClientId $emu.ClientId -ClientSecret $secret -RefreshToken $kept -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl; " +
            "(Get-Portal).Name; \"$((Get-ZohoPortalConnection).AuthType)\"",
            new Dictionary<string, object?> { ["secret"] = Secure(Secret), ["code"] = Secure(code) });

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "ZylkerAutos", "RefreshToken" }, result.Output.Select(o => o.ToString()));
        var kept = Plain(Assert.IsType<SecureString>(_ps.GetVariable<object>("kept") is PSObject p ? p.BaseObject : _ps.GetVariable<object>("kept")));
        var text = result.AllText();
        Assert.DoesNotContain(kept, text);
        Assert.DoesNotContain(code, text);
        Assert.DoesNotMatch(AnyToken, text);
    }

    [Fact]
    public void DeviceCode_Stop_WhileWaitingForApproval_EndsPromptly_AndLeavesNoConnection()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator; $emu.Emulator.Options.DevicePollInterval = [TimeSpan]::FromMinutes(5)");
        var emulator = _ps.RunClean("$emu.Emulator")[0].BaseObject;
        var issued = false;
        emulator.GetType().GetEvent("DeviceCodeIssued")!.AddEventHandler(emulator, new Action<string>(_ => issued = true));

        // Stopped once the code was handed out (the command now waits five minutes to poll), like Ctrl+C.
        _ps.Run("$s = $secret", new Dictionary<string, object?> { ["secret"] = Secure(Secret) });
        var state = _ps.RunAndStopWhen(
            "Connect-ZohoPortal -UseDeviceCode -ClientId $emu.ClientId -ClientSecret $s -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl",
            () => issued);

        Assert.Equal(PSInvocationState.Stopped, state);
        Assert.Empty(_ps.RunClean("Get-ZohoPortalConnection"));
    }

    [Theory]
    [InlineData("-UseDeviceCode -ClientId x -ClientSecret $s -OrganizationId 1", "AmbiguousParameterSet,")]
    [InlineData("-ClientCredential $cred -ClientId x", "AmbiguousParameterSet,")]
    [InlineData("-ClientCredential $cred -OrganizationId ZohoCRM.1", "ParameterArgumentValidationError,")]
    [InlineData("-ClientCredential ([pscredential]::new(' ', $s)) -OrganizationId 1", "ClientCredentialWithoutClientId,")]
    public void ConflictingOrBadSignInParameters_FailBeforeAnyRequest(string parameters, string errorId)
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var result = _ps.Run(
            "$cred = [pscredential]::new('1000.X', $s); Connect-ZohoPortal " + parameters + " -ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl",
            new Dictionary<string, object?> { ["s"] = Secure("x") });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(0, (int)_ps.RunClean("$emu.Emulator.RequestLog.Entries.Count")[0].BaseObject);
    }
}
