using MatchChat.Bench.Infra;
using MatchChat.Soak;
using MatchChat.Soak.Cluster;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// S6 (<c>--soak</c>): the chaos soak of src/Bench/MatchChat.Soak at benchmark size: 2 silos and 2 web nodes (Release
/// builds) on a private PostgreSQL, 50 conversations, rooms, matching, a kill -9 every 30–60 s and one PostgreSQL
/// crash, for 10 minutes (<c>--soak-minutes</c>). The same engine runs 2 minutes in tests/MatchChat.Durability.Tests.
/// </summary>
public sealed class S6ChaosSoak : Scenario
{
    public override string Name => "S6";
    public override string Description => "chaos soak (--soak): 2 silos + 2 web nodes on PostgreSQL, kill -9 every 30-60 s, 10 minutes";
    public override bool OnlyWhenAsked => true;

    public override async Task RunAsync(ScenarioContext context)
    {
        var siloDll = Path.Combine(context.Root, "src/Silo/MatchChat.Silo/bin/Release/net10.0/MatchChat.Silo.dll");
        if (context.Options.Build && !await Shell.BuildAsync(context.Root, "src/Silo/MatchChat.Silo"))
        {
            context.Results.Note("S6: MatchChat.Silo did not build.");
            return;
        }

        var duration = context.Options.Soak ?? TimeSpan.FromMinutes(10);
        var settings = SoakSettings.Benchmark(siloDll, context.WebDll, Path.Combine(context.LogDir, "soak"), duration);
        await using var postgres = await PrivatePostgres.StartAsync();
        var report = await SoakRun.RunAsync(settings, new Database(postgres), Log.Info);
        var rendered = report.Render();
        await File.WriteAllTextAsync(Path.Combine(context.LogDir, "soak.md"), rendered);
        Console.WriteLine(rendered);

        var results = context.Results;
        var shape = $"{settings.Conversations} seekers, {settings.Listeners} listeners, {settings.RoomMembers} in rooms, {duration.TotalMinutes:F0} min";
        results.Add(new Row("S6", shape, "processes killed (kill -9)", report.Killed, null, "", $"and {report.Faults.Count - report.Killed} PostgreSQL crash"));
        results.Add(new Row("S6", shape, "messages acknowledged", report.AcknowledgedConversation + report.AcknowledgedRoom, null, "", $"{report.AcknowledgedRoom} of them in rooms"));
        results.Add(new Row("S6", shape, "acknowledged but lost", report.Lost, null, ""));
        results.Add(new Row("S6", shape, "duplicated", report.Duplicated, null, ""));
        results.Add(new Row("S6", shape, "not delivered to the peer", report.Undelivered, null, "", $"{report.DeliveredByHistory} filled from GetHistory"));
        results.Add(new Row("S6", shape, "channels with a seq gap", report.ChannelsWithGaps, null, "", $"of {report.Channels}"));
        results.Add(new Row("S6", shape, "seeker requests lost", report.RequestsLost, null, "", $"of {report.RequestOutcomes.Values.Sum() + report.RequestsLost}"));
        results.Add(new Row("S6", shape, "listeners over capacity", report.ListenersOverCapacity, null, ""));
        results.Add(new Row("S6", shape, "5xx", report.HttpServerErrors + report.HubServerErrors, null, ""));
        var firsts = report.Recoveries.Where(r => r.FirstAck is not null).Select(r => r.FirstAck!.Value.TotalSeconds).Order().ToList();
        if (firsts.Count > 0)
        {
            results.Add(new Row("S6", shape, "fault to first acknowledged send again, max", firsts[^1], null, "s", $"median {Results.Fmt(firsts[firsts.Count / 2])} s"));
        }

        results.Note($"S6 {(report.Passed ? "passed" : "FAILED")}: the soak's full report is in {Path.GetRelativePath(context.Root, Path.Combine(context.LogDir, "soak.md"))}" +
            (report.Passed ? "" : "; violations: " + string.Join("; ", report.Violations.Take(5))));
    }

    private sealed class Database(PrivatePostgres postgres) : ISoakDatabase
    {
        public string ConnectionString => postgres.ConnectionString;

        public Task RestartImmediateAsync() => postgres.RestartImmediateAsync();
    }
}
