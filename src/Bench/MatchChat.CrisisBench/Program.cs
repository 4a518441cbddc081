using MatchChat.CrisisBench;

await CrisisBenchmark.RunAsync(args);
