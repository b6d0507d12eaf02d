using System.Management.Automation;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>The hostile-input cases through the cmdlets: each refused before any request, with a stable ErrorId.</summary>
public sealed class HardeningCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private ErrorRecord SingleError(string script)
    {
        var result = _ps.Run(script);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("/crm/../oauth/v2/token")]
    [InlineData("/crm/v8/../../oauth/v2/token")]
    [InlineData("/crm/v8/%2e%2e/%2e%2e/oauth/v2/token")]
    public void InvokeZohoCrmRequest_OutsideTheCrmApi_IsRefused_NothingSent(string path)
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear()");
        var error = SingleError("Invoke-ZohoCrmRequest -Path '" + path + "' -Method POST -Confirm:$false");
        Assert.Equal("InvalidRequestPath", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(0, (int)_ps.RunClean("$c.Emulator.RequestLog.Count")[0].BaseObject);
    }

    [Theory]
    [InlineData("Remove-Portal -Name '..' -Force", "PortalNameLength")]
    [InlineData("Get-PortalUserType -Portal '..'", "PortalNameLength")]
    [InlineData("Get-PortalUserType -Portal '.'", "PortalNameLength")]
    [InlineData("Get-PortalUserType -Portal ('a' * 70000)", "PortalNameLength")]
    [InlineData("Get-PortalUser -Portal 'Zylker..' -UserType 1306462000000659001", "PortalNamePattern")]
    public void PortalName_BreakingTheRules_IsRefused_NothingSent(string command, string errorId)
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear()");
        var error = SingleError(command);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, (int)_ps.RunClean("$c.Emulator.RequestLog.Count")[0].BaseObject);
    }

    [Fact]
    public void Id_WithATrailingNewline_IsRefused()
    {
        _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $null = Get-Portal; $c.Emulator.RequestLog.Clear()");
        var error = SingleError("Remove-PortalUser -Id \"1306462000000659009`n\" -UserType Customers -Force");
        Assert.Equal("InvalidPersonalityId", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, (int)_ps.RunClean("$c.Emulator.RequestLog.Count")[0].BaseObject);
    }

    [Theory]
    [InlineData("-ApiBaseUrl http://zoho.example.com", "InsecureBaseUrl")]
    [InlineData("-AccountsBaseUrl http://accounts.example.com", "InsecureBaseUrl")]
    [InlineData("-ApiBaseUrl file:///etc/passwd", "InvalidBaseUrl")]
    [InlineData("-ApiBaseUrl ftp://zoho.example.com", "InvalidBaseUrl")]
    [InlineData("-ApiBaseUrl zoho/api", "InvalidBaseUrl")]
    public void Connect_WithAnUnsafeOrMalformedBaseUrl_IsRefused(string parameter, string errorId)
    {
        var error = SingleError("$s = [securestring]::new(); 'not-a-secret'.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; " +
                                "Connect-ZohoPortal -ClientId 1000.X -ClientSecret $s -RefreshToken $s " + parameter);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void ConnectionObject_DoesNotHandOutTheToken()
    {
        var output = _ps.RunClean("$c = Connect-ZohoPortal -Emulator -PassThru; $t = $c.Client.Http.EnsureTokenAsync([Threading.CancellationToken]::None); $null = $t.Wait(5000); \"$($t.Result)\"");
        Assert.DoesNotContain("1000.", output[0].BaseObject.ToString());
    }
}
