using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Tests;

public sealed class EndpointsTests
{
    [Theory]
    [InlineData(ZohoDataCenter.US, "https://accounts.zoho.com/", "https://www.zohoapis.com/", "https://sandbox.zohoapis.com/", "https://developer.zohoapis.com/")]
    [InlineData(ZohoDataCenter.EU, "https://accounts.zoho.eu/", "https://www.zohoapis.eu/", "https://sandbox.zohoapis.eu/", "https://developer.zohoapis.eu/")]
    [InlineData(ZohoDataCenter.IN, "https://accounts.zoho.in/", "https://www.zohoapis.in/", "https://sandbox.zohoapis.in/", "https://developer.zohoapis.in/")]
    [InlineData(ZohoDataCenter.AU, "https://accounts.zoho.com.au/", "https://www.zohoapis.com.au/", "https://sandbox.zohoapis.com.au/", "https://developer.zohoapis.com.au/")]
    [InlineData(ZohoDataCenter.JP, "https://accounts.zoho.jp/", "https://www.zohoapis.jp/", "https://sandbox.zohoapis.jp/", "https://developer.zohoapis.jp/")]
    [InlineData(ZohoDataCenter.CA, "https://accounts.zohocloud.ca/", "https://www.zohoapis.ca/", "https://sandbox.zohoapis.ca/", "https://developer.zohoapis.ca/")]
    [InlineData(ZohoDataCenter.SA, "https://accounts.zoho.sa/", "https://www.zohoapis.sa/", "https://sandbox.zohoapis.sa/", "https://developer.zohoapis.sa/")]
    [InlineData(ZohoDataCenter.CN, "https://accounts.zoho.com.cn/", "https://www.zohoapis.com.cn/", "https://sandbox.zohoapis.com.cn/", "https://developer.zohoapis.com.cn/")]
    public void DataCentre_MapsToTable51Hosts(ZohoDataCenter dc, string accounts, string production, string sandbox, string developer)
    {
        Assert.Equal(accounts, ZohoEndpoints.GetAccountsUrl(dc).ToString());
        Assert.Equal(production, ZohoEndpoints.GetApiUrl(dc, ZohoEnvironment.Production).ToString());
        Assert.Equal(sandbox, ZohoEndpoints.GetApiUrl(dc, ZohoEnvironment.Sandbox).ToString());
        Assert.Equal(developer, ZohoEndpoints.GetApiUrl(dc, ZohoEnvironment.Developer).ToString());
    }

    [Theory]
    [InlineData("v4")]
    [InlineData("V7")]
    [InlineData("v8")]
    public async Task ApiVersion_IsUsedInEveryPath(string version)
    {
        using var org = new EmulatedOrg(configureClient: o => o.ApiVersion = version);
        await org.Client.GetPortalsAsync();
        Assert.Equal("/crm/" + version.ToLowerInvariant() + "/settings/portals", org.Emulator.RequestLog.Entries.Last().Path);
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("v9")]
    [InlineData("8")]
    public void UnknownApiVersion_IsRejected(string version)
    {
        var e = Assert.Throws<ZohoValidationException>(() => new ZohoConnectionOptions { ApiVersion = version });
        Assert.Equal("InvalidApiVersion", e.ErrorId);
    }

    [Fact]
    public async Task SandboxOrg_ErrorExplainsThePortalApiIsNotOfferedThere()
    {
        using var org = new EmulatedOrg(configureEmulator: o => o.Sandbox = true);
        var e = await Assert.ThrowsAsync<ZohoApiException>(() => org.Client.GetPortalsAsync());
        Assert.Equal("API_NOT_SUPPORTED", e.Code);
        Assert.Contains("sandbox", e.Message);
        Assert.Contains("production or developer environment", e.Message);
    }
}
