using ZohoPortal.Core.Auth;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>The client against the emulator served over real loopback HTTP.</summary>
public sealed class LoopbackClientTests
{
    [Fact]
    public async Task OverLoopback_TheRealClientWorks_AndTokenAnnouncesTheLoopbackApiDomain()
    {
        var emulator = new ZohoEmulator();
        using var server = EmulatorServer.Start(emulator);
        using var client = new ZohoPortalClient(new ZohoConnectionOptions { AccountsBaseUrl = server.BaseUrl },
            new RefreshTokenCredential(ZohoEmulator.DemoClientId, ZohoEmulator.DemoClientSecret, emulator.DemoRefreshToken));
        // No ApiBaseUrl given: the client follows the token's api_domain, as Zoho advises.
        Assert.Single(await client.GetPortalsAsync());
        Assert.Equal(server.BaseUrl.GetLeftPart(UriPartial.Authority), client.Http.ApiBaseUrl.GetLeftPart(UriPartial.Authority));
    }
}
