using MatchChat.Bench;
using MatchChat.Bench.Infra;

// MatchChat benchmark driver (issue 5). See docs/benchmarks.md.
if (args.Contains("--retention"))
{
    return await MatchChat.Bench.Retention.RetentionBench.RunAsync(args);
}

if (args.Contains("--store-writer"))
{
    return await MatchChat.Bench.StoreWriter.StoreWriterBench.RunAsync(args);
}

var options = Options.Parse(args);
var root = Repo.FindRoot();
Directory.SetCurrentDirectory(root);
// The driver's thread pool floor. MCBENCH_DRIVER_MIN_THREADS=N sets it to N workers (0: the runtime's default, one per
// core), for measuring what the load client's own threads cost a machine it shares with the server (stop 39).
var driverMinThreads = int.TryParse(Environment.GetEnvironmentVariable("MCBENCH_DRIVER_MIN_THREADS"), out var n) && n >= 0
    ? n
    : Math.Max(64, Environment.ProcessorCount * 8);
if (driverMinThreads > 0)
{
    ThreadPool.SetMinThreads(driverMinThreads, 64);
}

return await new Runner(options, root).RunAsync();
