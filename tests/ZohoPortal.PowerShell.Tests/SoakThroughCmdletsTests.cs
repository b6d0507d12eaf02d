using System.Diagnostics;
using Xunit.Abstractions;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>
/// The soak through the cmdlets as a script would run them: Move, Disable, Enable and
/// Remove-PortalUser and Send-PortalInvite -Wait over 2,000 users and 2,000 contacts (10,000
/// operations; ZOHOPORTAL_SOAK_USERS asks for more), with 20% of requests (token requests too)
/// failing at random before or after acting and tokens living 3 seconds. Each user's output or
/// error is checked against the emulator's state and the real answers in its request log. The
/// retry backoff and timeout are shortened on the connection's options so the run stays bounded.
/// </summary>
public sealed class SoakThroughCmdletsTests(ITestOutputHelper output) : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private const string Script = """
        $ErrorActionPreference = 'Continue'
        $c = New-ZohoPortalEmulator -UsersPerUserType $n -ContactCount $n | Connect-ZohoPortal -PassThru
        $o = $c.Client.Options
        $o.RetryPolicy = [ZohoPortal.Core.Http.RetryPolicy]::new(6, [TimeSpan]::FromMilliseconds(1), [TimeSpan]::FromMilliseconds(20), 11)
        $o.RequestTimeout = [TimeSpan]::FromMilliseconds(400)
        $eo = $c.Emulator.Options
        $eo.AccessTokenLifetime = [TimeSpan]::FromSeconds(3); $eo.TokenMintLimit = 1000000; $eo.JobDelay = [TimeSpan]::Zero; $eo.ConcurrencyLimit = 25
        $faults = [ZohoPortal.Emulator.Faults.RandomFaults]::new(0.2, 20261202); $faults.IncludeTokenEndpoint = $true
        foreach ($k in 'TooManyRequests', 'ExpireToken', 'InternalError', 'ServiceUnavailable', 'ConnectionReset') {
            $faults.Choices.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = $k }) }
        foreach ($k in 'InternalError', 'ServiceUnavailable', 'ConnectionReset', 'CutBody', 'TruncatedJson', 'Delay') {
            $faults.Choices.Add([ZohoPortal.Emulator.Faults.EmulatorFault]@{ Kind = $k; AfterActing = $true; Delay = [TimeSpan]::FromMilliseconds(600) }) }
        $log = $c.Emulator.RequestLog
        $samples = [Collections.Generic.List[string]]::new()
        $t = @{ Operations = 0; Lost = 0; Doubled = 0; InTwoJobs = 0; Unreported = 0; Misreported = 0; OutcomeUnknown = 0; Refused = 0 }

        function Ids($type) { $s = [Collections.Generic.HashSet[string]]::new(); Get-PortalUser -UserType $type | ForEach-Object { $null = $s.Add($_.PersonalityId) }; ,$s }
        function Users($type) { $d = @{}; Get-PortalUser -UserType $type | ForEach-Object { $d[$_.PersonalityId] = $_ }; $d }
        # One verdict per id: ok (output), an error (its ErrorId), or nothing at all.
        function Check($ids, $okIds, $errors, [scriptblock] $applied) {
            $ok = [Collections.Generic.HashSet[string]]::new(); foreach ($i in $okIds) { $null = $ok.Add([string]$i) }
            $err = @{}; foreach ($e in $errors) { $id = if ($e.TargetObject.PersonalityId) { $e.TargetObject.PersonalityId } else { [string]$e.TargetObject }; $err[$id] = $e.FullyQualifiedErrorId.Split(',')[0] }
            foreach ($id in $ids) {
                $t.Operations++
                $done = & $applied $id
                $wrong = $false
                if ($ok.Contains($id) -and $err.ContainsKey($id)) { $wrong = $true }
                elseif ($ok.Contains($id)) { if (-not $done) { $wrong = $true } }
                elseif ($err.ContainsKey($id)) { if ($err[$id] -eq 'OutcomeUnknown') { $t.OutcomeUnknown++ } elseif ($done) { $wrong = $true } else { $t.Refused++ } }
                else { $t.Unreported++; if (-not $done) { $t.Lost++ } }
                if ($wrong) { $t.Misreported++; if ($samples.Count -lt 5) { $samples.Add("$id ok=$($ok.Contains($id)) error=$($err[$id]) applied=$done " + (($log.Entries | Where-Object { $_.Path.Contains($id) -or $_.Query.Contains($id) } | ForEach-Object { "$($_.Method) $($_.Path.Substring($_.Path.Length - 20)) q$($_.Query.Length) -> $($_.Status) [$($_.Fault)] answered $($_.AnsweredStatus) $(if ($_.AnsweredBody) { $_.AnsweredBody.Substring(0, [Math]::Min(160, $_.AnsweredBody.Length)) })" }) -join ' | ')) } }
            }
        }
        # Users changed by more than one request since $from, from the emulator's real answers.
        function Doubled($from, $method, $path) {
            $count = @{}
            $entries = $log.Entries
            for ($i = $from; $i -lt $entries.Count; $i++) {
                $x = $entries[$i]
                if ($x.Method -ne $method -or -not $x.Path.Contains($path) -or ($x.AnsweredStatus -ne 200 -and $x.AnsweredStatus -ne 207)) { continue }
                $changed = if ($method -eq 'PUT') { ,$x.Path.Split('/')[-3] } else {
                    [System.Text.Json.Nodes.JsonNode]::Parse($x.AnsweredBody)['users'].AsArray() | Where-Object { $_['status'].GetValue[string]() -eq 'success' } | ForEach-Object { $_['details']['personality_id'].GetValue[string]() } }
                foreach ($id in $changed) { $count[$id] = 1 + [int]$count[$id] }
            }
            @($count.Values | Where-Object { $_ -gt 1 }).Count
        }

        $records = @($c.Emulator.Org.GetRecords('Contacts') | Where-Object { -not $_.IsPortalUser })
        $users = @(Get-PortalUser -UserType Customers)
        $ids = @($users | ForEach-Object PersonalityId)

        $from = $log.Count; $c.Emulator.Faults.Random = $faults
        $moved = @($users | Move-PortalUser -Destination Partners -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
        $c.Emulator.Faults.Random = $null
        $partners = Ids Partners
        Check $ids @($moved | ForEach-Object PersonalityId) $ev { param($id) $partners.Contains($id) }
        $t.Doubled += Doubled $from 'POST' '/action/transfer'

        foreach ($active in $false, $true) {
            $before = Users Partners
            $from = $log.Count; $c.Emulator.Faults.Random = $faults
            $done = if ($active) { @(Enable-PortalUser -Id $ids -UserType Partners -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue) }
                    else { @(Disable-PortalUser -Id $ids -UserType Partners -Force -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue) }
            $c.Emulator.Faults.Random = $null
            $after = Users Partners
            Check $ids @($done | ForEach-Object PersonalityId) $ev { param($id) $after[$id].Active -eq $active }
            $t.Doubled += Doubled $from 'PUT' '/change_status'
        }

        $from = $log.Count; $c.Emulator.Faults.Random = $faults
        $removed = @(Remove-PortalUser -Id $ids -UserType Partners -Force -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
        $c.Emulator.Faults.Random = $null
        $left = Ids Partners
        Check $ids @($removed | ForEach-Object PersonalityId) $ev { param($id) -not $left.Contains($id) }
        $t.Doubled += Doubled $from 'DELETE' '/users'

        $c.Emulator.Faults.Random = $faults
        $results = @($records | Send-PortalInvite -UserType Customers -Wait -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $c.Emulator.Faults.Random = $null
        $portal = [Collections.Generic.HashSet[string]]::new(); $c.Emulator.Org.GetRecords('Contacts') | Where-Object IsPortalUser | ForEach-Object { $null = $portal.Add($_.Id) }
        $unknown = @($results | Where-Object Code -eq 'OUTCOME_UNKNOWN' | ForEach-Object RecordId)
        $inviteErrors = @($results | Where-Object { $_.Status -ne 'success' -and $_.Code -ne 'OUTCOME_UNKNOWN' } | ForEach-Object { [pscustomobject]@{ TargetObject = $_.RecordId; FullyQualifiedErrorId = $_.Code } }) +
                        @($unknown | ForEach-Object { [pscustomobject]@{ TargetObject = $_; FullyQualifiedErrorId = 'OutcomeUnknown' } })
        Check @($records | ForEach-Object Id) @($results | Where-Object Status -eq 'success' | ForEach-Object RecordId) $inviteErrors { param($id) $portal.Contains($id) }
        $inJobs = @{}
        foreach ($job in Get-PortalInviteJob) { foreach ($r in $job.Results) { if ($r.RecordId) { $inJobs[$r.RecordId] = 1 + [int]$inJobs[$r.RecordId] } } }
        $t.InTwoJobs = @($inJobs.Values | Where-Object { $_ -gt 1 }).Count

        $t.Requests = $log.Count
        $t.Faults = ($faults.Injected.Values | ForEach-Object { $_ }) -join '+'
        $t.AfterActingKinds = @($faults.Injected.Keys | Where-Object { $_.EndsWith('after acting') }).Count
        $t.Tokens = $c.Emulator.AccessTokensIssued
        $t.Samples = $samples -join "`n"
        $t
        """;

    [Fact]
    public void Soak_ThroughTheCmdlets_FaultsBeforeAndAfterActing_EveryUserReportedTruthfully()
    {
        var users = int.TryParse(Environment.GetEnvironmentVariable("ZOHOPORTAL_SOAK_USERS"), out var n) && n > 0 ? n : 2000;
        var stopwatch = Stopwatch.StartNew();
        var result = _ps.Run(Script, new Dictionary<string, object?> { ["n"] = users });
        stopwatch.Stop();

        var t = (System.Collections.Hashtable)Assert.Single(result.Output).BaseObject;
        int Get(string key) => Convert.ToInt32(t[key]);
        var faults = ((string)t["Faults"]!).Split('+').Sum(int.Parse);
        output.WriteLine($"operations {Get("Operations")}, lost {Get("Lost")}, doubled {Get("Doubled")}, records in two jobs {Get("InTwoJobs")}, unreported {Get("Unreported")}, "
                         + $"misreported {Get("Misreported")}, OutcomeUnknown {Get("OutcomeUnknown")}, refused by Zoho (truthfully) {Get("Refused")}; "
                         + $"{Get("Requests")} requests, {faults} faults, {Get("Tokens")} tokens minted; {stopwatch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine((string)t["Samples"]!);
        Assert.Equal(5 * users, Get("Operations"));
        Assert.True(Get("AfterActingKinds") >= 5);
        Assert.Equal(0, Get("Lost"));
        Assert.Equal(0, Get("Doubled"));
        Assert.Equal(0, Get("InTwoJobs"));
        Assert.Equal(0, Get("Unreported"));
        Assert.Equal(0, Get("Misreported"));
    }
}
