using System.Diagnostics;
using ZohoPortal.LoadBench;

// Side-by-side load benchmark: ZohoPortal in real pwsh and the naive Invoke-RestMethod loop,
// against the emulator on loopback with a per-call latency. One command runs every part and
// rewrites its section of bench/README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (!File.Exists(Repo.StagedModule))
{
    Console.Error.WriteLine("The staged module is missing (" + Repo.StagedModule + "): build with dotnet build -c Release first.");
    return 1;
}

var clock = Stopwatch.StartNew();
var report = new BenchReport();
await PwshProcess.RestoreToolsAsync();
report.PwshVersion = await PwshProcess.VersionAsync();
Console.WriteLine("pwsh " + report.PwshVersion + ", module " + Repo.StagedModule);

var runner = new WorkloadRunner(options);
foreach (var w in Workload.All(options).Where(w => options.Wants(w.Part)))
{
    Console.WriteLine(w.Title + ": " + w.Command);
    var module = await runner.RunModuleAsync(w);
    var naive = w.HasNaive ? await runner.RunNaiveAsync(w) : null;
    report.Workloads.Add((module, naive));
}
if (options.Wants("memory"))
{
    Console.WriteLine("Memory while streaming");
    report.Memory.AddRange(await MemoryBench.RunAsync(options));
}
if (options.Wants("import"))
{
    Console.WriteLine("Import-Module");
    report.Import = await MicroBench.ImportAsync(options.ImportRuns);
}
if (options.Wants("core"))
{
    Console.WriteLine("Core call versus bare HttpClient");
    report.Core = await MicroBench.CoreCallAsync(options);
}
report.Duration = clock.Elapsed;
report.LoadAtEnd = ReportWriter.LoadAverage();

var markdown = ReportWriter.Markdown(report, options, options.Section);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Only.Count > 0)
{
    // A partial run must not replace a whole section with a few of its figures.
    Console.WriteLine("--only: bench/README.md left as it is.");
}
else if (options.WriteReadme)
{
    ReportWriter.WriteSection(Repo.Readme, options.Section, markdown);
    Console.WriteLine("Wrote section '" + options.Section + "' of " + Repo.Readme);
}
return 0;
