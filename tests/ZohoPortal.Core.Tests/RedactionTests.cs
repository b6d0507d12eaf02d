using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Http;
using ZohoPortal.Emulator;
using ZohoPortal.Emulator.Faults;

namespace ZohoPortal.Core.Tests;

public sealed class RedactionTests
{
    [Fact]
    public async Task Trace_NeverContainsASecret_EvenAtDebugLevel()
    {
        using var org = new EmulatedOrg();
        await org.Client.GetPortalsAsync();
        org.Emulator.Faults.Add(FaultKind.ExpireToken);
        org.Emulator.Faults.Add(FaultKind.TooManyRequests);
        await org.Client.GetPortalsAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => org.Client.CreatePortalAsync("MyFirstCompany"));

        var text = org.Tracer.AllText();
        Assert.Contains("Zoho-oauthtoken ***", text);
        Assert.Contains("HTTP GET /crm/v8/settings/portals -> 200", text);
        Assert.DoesNotContain(ZohoEmulator.DemoClientSecret, text);
        Assert.DoesNotContain(org.Emulator.DemoRefreshToken, text);
        Assert.DoesNotMatch(@"1000\.[0-9a-f]{32}\.[0-9a-f]{32}", text); // no access token of the emulator's shape
    }

    [Theory]
    [InlineData("{\"access_token\":\"1000.abc.def\",\"expires_in\":3600}", "1000.abc.def")]
    [InlineData("grant_type=refresh_token&client_secret=s3cr3t&refresh_token=1000.r.t", "s3cr3t")]
    [InlineData("Authorization: Zoho-oauthtoken 1000.live.token", "1000.live.token")]
    [InlineData("code=1000.grant.code&client_id=x", "1000.grant.code")]
    public void Redactor_MasksSecretShapedFields(string text, string secret)
    {
        var redacted = new Redactor().Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains("***", redacted);
    }

    [Theory]
    [InlineData("{\"code\":\"INVALID_TOKEN\",\"status\":\"error\"}")]
    [InlineData("{\"code\" : \"ALREADY_USED\"}")]
    [InlineData("error_code=LIMIT&x=1")]
    public void Redactor_LeavesZohoErrorCodesReadable(string text)
    {
        Assert.Equal(text, new Redactor().Redact(text));
    }

    [Fact]
    public void Redactor_MasksRegisteredSecretsAnywhere()
    {
        var redactor = new Redactor();
        redactor.Register("super-secret-value");
        Assert.Equal("error near *** in body", redactor.Redact("error near super-secret-value in body"));
    }
}
