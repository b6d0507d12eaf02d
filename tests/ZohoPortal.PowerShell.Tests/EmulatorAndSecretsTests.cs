using System.Management.Automation;
using System.Net.Http.Headers;
using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZohoPortal.PowerShell.Tests;

public sealed class EmulatorAndSecretsTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (var c in value) s.AppendChar(c);
        return s;
    }

    [Fact]
    public async Task StartedEmulator_AnswersAPlainHttpClient_AndPipesIntoConnect()
    {
        var emu = Assert.Single(_ps.RunClean("$emu = Start-ZohoPortalEmulator; $emu"));
        var baseUrl = (Uri)emu.Properties["BaseUrl"].Value;
        var refresh = (string)_ps.RunClean("$emu.Emulator.CreateRefreshToken()")[0].BaseObject;
        Assert.Equal("127.0.0.1", baseUrl.Host);

        using var http = new HttpClient();
        var tokenResponse = await http.PostAsync(new Uri(baseUrl, "/oauth/v2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = (string)emu.Properties["ClientId"].Value,
            ["client_secret"] = "emulator-demo-client-secret",
            ["refresh_token"] = refresh,
        }));
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "/crm/v8/settings/portals"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token.RootElement.GetProperty("access_token").GetString());
        using var portals = JsonDocument.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("ZylkerAutos", portals.RootElement.GetProperty("portals")[0].GetProperty("name").GetString());

        var portal = Assert.Single(_ps.RunClean("$emu | Connect-ZohoPortal; Get-Portal"));
        Assert.Equal("ZylkerAutos", portal.Properties["Name"].Value);
        var connection = Assert.Single(_ps.RunClean("Get-ZohoPortalConnection"));
        Assert.Equal("RefreshToken", connection.Properties["AuthType"].Value.ToString());
        Assert.Equal(baseUrl, connection.Properties["ApiBaseUrl"].Value);
    }

    [Fact]
    public void ConnectWithRefreshToken_ToLoopbackEmulator_NeverShowsASecret_UnderVerboseAndDebug()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var refresh = (string)_ps.RunClean("$emu.Emulator.CreateRefreshToken()")[0].BaseObject;
        const string secret = "emulator-demo-client-secret";
        var result = _ps.Run(
            "$c = Connect-ZohoPortal -ClientId $emu.ClientId -ClientSecret $secret -RefreshToken $refresh " +
            "-ApiBaseUrl $emu.BaseUrl -AccountsBaseUrl $emu.BaseUrl -PassThru -Verbose -Debug; " +
            "$c; Get-Portal -Verbose -Debug; $emu.Emulator.ExpireAccessTokens(); Get-Portal -Verbose -Debug; " +
            "New-Portal -Name MyFirstCompany -Verbose -Debug; Get-ZohoPortalConnection | ForEach-Object { $_.ToString() }",
            new Dictionary<string, object?> { ["secret"] = Secure(secret), ["refresh"] = Secure(refresh) });

        Assert.Equal(2, result.Output.Count(o => o.BaseObject is not string && o.Properties["Name"]?.Value as string == "ZylkerAutos"));
        Assert.Contains(result.Verbose, v => v.Contains("HTTP GET /crm/v8/settings/portals -> 401"));
        Assert.Contains(result.Debug, d => d.Contains("Zoho-oauthtoken ***"));
        Assert.Single(result.Errors); // the ALREADY_USED, with the client's trace around it
        var text = result.AllText();
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(refresh, text);
        Assert.DoesNotMatch(new Regex(@"1000\.[0-9a-f]{32}\.[0-9a-f]{32}"), text);
    }

    [Fact]
    public void WrongCredentials_FailAtConnect_WithAnAuthenticationError_AndNoSecret()
    {
        _ps.RunClean("$emu = Start-ZohoPortalEmulator");
        var result = _ps.Run(
            "Connect-ZohoPortal -ClientId $emu.ClientId -ClientSecret $secret -RefreshToken $secret -AccountsBaseUrl $emu.BaseUrl -ApiBaseUrl $emu.BaseUrl",
            new Dictionary<string, object?> { ["secret"] = Secure("wrong-secret-value-42") });
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("ZohoAuthentication.invalid_client_secret", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("wrong-secret-value-42", result.AllText());
        Assert.Empty(_ps.RunClean("Get-ZohoPortalConnection"));
    }

    [Fact]
    public void TokenExpiryDuringARun_IsInvisible()
    {
        var result = _ps.Run("$c = Connect-ZohoPortal -Emulator -PassThru; Get-Portal; $c.Emulator.ExpireAccessTokens(); Get-Portal; " +
                             "$c.Emulator.Faults.Add('ExpireToken', 1) | Out-Null; Get-Portal; $c.Client.Http.TokenRefreshCount");
        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Output.Count);
        Assert.All(result.Output.Take(3), o => Assert.Equal("ZylkerAutos", o.Properties["Name"]?.Value));
        Assert.Equal(3, (int)result.Output.Last().BaseObject);
    }

    [Fact]
    public void NotConnected_IsATerminatingErrorThatSaysWhatToDo()
    {
        var result = _ps.Run("Connect-ZohoPortal -Emulator; Disconnect-ZohoPortal; Get-Portal; 'after'");
        var record = Assert.Single(result.Errors);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        Assert.StartsWith("NotConnected", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-ZohoPortal", record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void StopEmulator_StopsServing()
    {
        var result = _ps.Run("$emu = Start-ZohoPortalEmulator; $emu | Connect-ZohoPortal -MaxRetries 0; $emu | Stop-ZohoPortalEmulator; $emu.Running; Get-Portal");
        Assert.False((bool)result.Output[0].BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
    }
}

public sealed class CancellationTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void Stop_DuringASlowCall_EndsThePipelinePromptly()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; " +
                     "$f = [ZohoPortal.Emulator.Faults.EmulatorFault]::new('Delay'); $f.Delay = [TimeSpan]::FromMinutes(5); $null = $c.Emulator.Faults.Add($f)");
        dynamic faults = _ps.RunClean("$c.Emulator.Faults")[0].BaseObject;

        // Stopped once the call is held in the emulator (its fault taken), not after a guessed pause.
        var result = _ps.RunAndStopWhen("Get-Portal", () => (int)faults.Pending == 0);

        Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, result);
    }
}
