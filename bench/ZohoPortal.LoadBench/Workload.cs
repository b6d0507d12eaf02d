namespace ZohoPortal.LoadBench;

/// <summary>Which ids a workload's scripts are given in a file (the rest list users themselves).</summary>
internal enum IdSource { None, Contacts, PortalUsers }

/// <summary>
/// One workload as a user types it, with its seed, its API minimum and ideal plan, the naive
/// loop's counterpart, and the org count that proves it was done (expected to change by n).
/// <see cref="WarmConnection"/>: measured on a connection that already knows the portal and its
/// user types (the API minimum and the ideal leave those lookups out); the single-user loop and
/// the -First workloads are measured on a fresh connection, as their figures are about that.
/// </summary>
internal sealed record Workload(
    string Key,
    string Title,
    string Command,
    int Users,
    int UsersPerUserType,
    int Contacts,
    IdSource Ids,
    string MinimumText,
    Func<int, int> Minimum,
    Func<int, List<PlannedCall>> Plan,
    bool HasNaive,
    Func<BenchOrg, Task<int>>? Check,
    int CheckDelta,
    bool WarmConnection = true)
{
    public static IReadOnlyList<Workload> All(BenchOptions o)
    {
        var n = o.Users;
        int Pages(int k) => IdealPlans.Pages(k);
        int Ceil(int a, int b) => (a + b - 1) / b;
        return new[]
        {
            new Workload("Move", "Move " + n.ToString("N0"), "Get-PortalUser -UserType Customers | Move-PortalUser -Destination Partners",
                n, n, 0, IdSource.None, "pages + ceil(n/200) transfers", k => Pages(k) + Ceil(k, 200), k => IdealPlans.ListThenBatches(k, 200),
                true, org => org.CountAsync("Partners"), +1),
            // About 77 in 100 seeded users are active and confirmed (the seeder's pattern): seed 1.4 n so n of them are.
            new Workload("Disable", "Disable " + n.ToString("N0"), "Get-PortalUser -UserType Customers -Status ActiveConfirmed -First " + n + " | Disable-PortalUser -Force",
                n, n * 14 / 10, 0, IdSource.None, "pages + n status changes", k => Pages(k) + k, k => IdealPlans.ListThenBatches(k, 1),
                true, org => org.CountAsync("Customers", "ActiveConfirmedUsers"), -1),
            new Workload("Delete", "Delete " + n.ToString("N0"), "Get-PortalUser -UserType Customers | Remove-PortalUser -Force",
                n, n, 0, IdSource.None, "pages + ceil(n/499) deletes", k => Pages(k) + Ceil(k, 499), k => IdealPlans.ListThenBatches(k, 499),
                true, org => org.CountAsync("Customers"), -1),
            new Workload("Invite", "Invite " + n.ToString("N0") + " -Wait", "$ids | Send-PortalInvite -UserType Customers -Wait -Force",
                n, 25, n * 26 / 25 + 100, IdSource.Contacts, "ceil(n/100) invites + 1 job listing", k => Ceil(k, 100) + 1, k => IdealPlans.Invite(k, o.JobDelay),
                true, org => Task.FromResult(org.Emulator.Org.PortalUserCount), +1),
            new Workload("Loop", o.LoopUsers.ToString("N0") + " single moves", "foreach ($id in $ids) { Move-PortalUser -Id $id -UserType Customers -Destination Partners }",
                o.LoopUsers, o.LoopUsers, 0, IdSource.PortalUsers, "n transfers (one per command)", k => k, IdealPlans.Sequential,
                true, org => org.CountAsync("Partners"), +1, WarmConnection: false),
            new Workload("List", "List " + n.ToString("N0"), "Get-PortalUser -UserType Customers | ForEach-Object { ... }",
                n, n, 0, IdSource.None, "pages", Pages, IdealPlans.Listing, false, null, 0),
            new Workload("First", "First 1", "Get-PortalUser | Select-Object -First 1",
                1, n, 0, IdSource.None, "1 user-type listing + pages", k => 1 + Pages(k), IdealPlans.FirstOfAllTypes, false, null, 0, WarmConnection: false),
            new Workload("First", "First 1,000", "Get-PortalUser | Select-Object -First 1000",
                1000, n, 0, IdSource.None, "1 user-type listing + pages", k => 1 + Pages(k), IdealPlans.FirstOfAllTypes, false, null, 0, WarmConnection: false),
        };
    }

    /// <summary>The part name --only selects this workload by.</summary>
    public string Part => Key.ToLowerInvariant();
}
