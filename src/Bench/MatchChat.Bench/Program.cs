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
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
return await new Runner(options, root).RunAsync();
