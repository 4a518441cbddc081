using System.Diagnostics;
using System.Net.Http.Json;
using MatchChat.Soak.Behaviours;
using MatchChat.Soak.Checks;
using MatchChat.Soak.Clients;
using MatchChat.Soak.Cluster;

namespace MatchChat.Soak;

/// <summary>
/// The chaos soak: starts the cluster, creates and connects the members, lets them chat and match for
/// <see cref="SoakSettings.Duration"/> while a fault loop kills a random silo or web node (and once crash-restarts
/// PostgreSQL), then drains, has every client resync, and checks. Every process it started is gone when it returns
/// or throws.
/// </summary>
public static class SoakRun
{
    public static async Task<SoakReport> RunAsync(SoakSettings settings, ISoakDatabase database, Action<string> log)
    {
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.LogDirectory);
        var ledger = new SoakLedger();
        var pace = new Pace(settings.Seed);
        log($"soak: seed {settings.Seed}, logs in {settings.LogDirectory}");
        await using var cluster = new SoakCluster(settings, database, log);
        await cluster.StartAsync();
        log($"soak: cluster serving after {total.Elapsed.TotalSeconds:F0}s");

        var topics = settings.Topics;
        var members = settings.Conversations + settings.Listeners + settings.RoomMembers;
        var created = await CreateMembersAsync(cluster.WebUrls, members, ledger);
        var clients = created.Select((m, i) => new SoakClient(m, cluster.WebUrls, ledger, settings.Seed + i)).ToList();
        var seekers = clients.Take(settings.Conversations).Select((c, i) => new Seeker(c, ledger, settings, new Pace(settings.Seed * 31 + i), topics[i % topics.Count])).ToList();
        var listeners = clients.Skip(settings.Conversations).Take(settings.Listeners)
            .Select((c, i) => new Listener(c, ledger, settings, new Pace(settings.Seed * 37 + i), topics[i % topics.Count])).ToList();
        var regulars = clients.Skip(settings.Conversations + settings.Listeners)
            .Select((c, i) => new RoomRegular(c, ledger, settings, new Pace(settings.Seed * 41 + i), topics[i % topics.Count])).ToList();

        using var clientStop = new CancellationTokenSource();
        var connections = clients.Select(c => c.RunAsync(clientStop.Token)).ToList();
        try
        {
            await WaitAsync(() => clients.All(c => c.Connected), TimeSpan.FromSeconds(90), "every client connected");
            await Task.WhenAll(listeners.Select(l => l.SetupAsync()).Concat(regulars.Select(r => r.SetupAsync())));
            log($"soak: {clients.Count} members connected; chatting for {settings.Duration.TotalMinutes:F1} min with faults");

            ledger.StartClock();
            using var sending = new CancellationTokenSource();
            using var chaosStop = new CancellationTokenSource();
            var behaviours = seekers.Select(s => s.RunAsync(sending.Token))
                .Concat(listeners.Select(l => l.RunAsync(sending.Token)))
                .Concat(regulars.Select(r => r.RunAsync(sending.Token)))
                .ToList();
            var chaos = ChaosAsync(cluster, settings, ledger, pace, log, chaosStop.Token);
            var progress = ProgressAsync(ledger, clients, log, sending.Token);
            await Task.Delay(settings.Duration);
            await chaosStop.CancelAsync();
            await chaos;
            await sending.CancelAsync();
            await Task.WhenAll(behaviours);
            await progress;
            log($"soak: chaos over at {ledger.Now.TotalSeconds:F0}s; draining");

            await cluster.WaitAllServingAsync();
            await Task.WhenAll(seekers.Select(s => s.FinishAsync()));
            await WaitAsync(() => clients.All(c => c.Connected && c.Outbox.Count == 0), settings.Drain, null);

            // A request whose start a late fault interrupted cannot be cancelled (it is being handed over): its queue's
            // timer settles it once the cluster has evicted the dead silo, as matched, or given up and cancelled as the
            // seeker asked, and the seeker hears which. Wait for that as the seeker would; the check still fails any
            // request left without an outcome.
            await WaitAsync(() => ledger.Requests.Values.All(r => r.Outcome is not null
                || ledger.Conversations.Keys.Any(id => ConversationIds.Answers(id, r.RequestId))), settings.Drain, null);
            await Task.WhenAll(listeners.Select(l => l.MarkActiveAtEndAsync()));

            // Every client resyncs as the page does on reconnecting, following every channel it is known to be in.
            var roomMembers = regulars.GroupBy(r => r.Channel).ToDictionary(g => g.Key, g => g.Select(r => clients[regulars.IndexOf(r) + settings.Conversations + settings.Listeners].Handle).ToArray());
            var unsynced = new List<string>();
            foreach (var batch in clients.Chunk(16))
            {
                var results = await Task.WhenAll(batch.Select(async c => (c.Handle, Done: await c.FinalSyncAsync(ChannelsOf(c.Handle, ledger), settings.Drain))));
                unsynced.AddRange(results.Where(r => !r.Done).Select(r => r.Handle));
            }

            log($"soak: drained and resynced at {ledger.Now.TotalSeconds:F0}s; checking");
            var report = await SoakVerifier.VerifyAsync(settings, ledger, database.ConnectionString, clients.ToDictionary(c => c.Handle), roomMembers, unsynced, total.Elapsed);
            return report;
        }
        finally
        {
            await clientStop.CancelAsync();
            await Task.WhenAll(connections);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static IEnumerable<string> ChannelsOf(string handle, SoakLedger ledger) =>
        ledger.Conversations.Values.Where(r => r.SeekerHandle == handle || r.ListenerHandle == handle).Select(r => r.Channel);

    /// <summary>
    /// A fault every FaultEveryMin–Max (counted from the previous fault, and at least 5 s after its victim serves
    /// again): a kill -9 of a random silo, then of a random web node, and so on, so that a short run hits both kinds;
    /// once, past the middle, a PostgreSQL crash instead.
    /// </summary>
    private static async Task ChaosAsync(SoakCluster cluster, SoakSettings settings, SoakLedger ledger, Pace pace, Action<string> log, CancellationToken stop)
    {
        var postgresDone = false;
        var silo = pace.Next() < 0.5;
        var previous = TimeSpan.Zero;
        var ready = TimeSpan.Zero;
        while (true)
        {
            var next = previous + pace.Between(settings.FaultEveryMin, settings.FaultEveryMax);
            if (next < ready + TimeSpan.FromSeconds(5))
            {
                next = ready + TimeSpan.FromSeconds(5);
            }

            try
            {
                await Task.Delay(next - ledger.Now > TimeSpan.Zero ? next - ledger.Now : TimeSpan.Zero, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var at = ledger.Now;
            Fault fault;
            if (!postgresDone && at >= settings.Duration * 0.45)
            {
                postgresDone = true;
                fault = await cluster.RestartPostgresAsync(at, () => ledger.Now);
            }
            else
            {
                var target = (silo ? "silo" : "web") + pace.Between(1, 2);
                silo = !silo;
                fault = await cluster.KillAndRestartAsync(target, at, () => ledger.Now);
            }

            ledger.Add(fault);
            previous = at;
            ready = fault.ReadyAt ?? ledger.Now;
        }

        if (!postgresDone)
        {
            log("chaos: the run ended before PostgreSQL's turn; crashing it now");
            ledger.Add(await cluster.RestartPostgresAsync(ledger.Now, () => ledger.Now));
        }
    }

    private static async Task ProgressAsync(SoakLedger ledger, List<SoakClient> clients, Action<string> log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            log($"soak: {ledger.Now.TotalSeconds:F0}s: {ledger.Acks.Count} acknowledged, {clients.Sum(c => c.Outbox.Count)} pending, " +
                $"{clients.Count(c => c.Connected)}/{clients.Count} connected, {ledger.Conversations.Count} conversations, {ledger.Faults.Count} faults");
        }
    }

    private static async Task<List<MemberCreated>> CreateMembersAsync(IReadOnlyList<Uri> nodes, int count, SoakLedger ledger)
    {
        var created = new List<MemberCreated>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < count; i++)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                using var response = await http.PostAsJsonAsync(new Uri(nodes[i % nodes.Count], "/api/members"), new { ageGroup = "adult" });
                ledger.Http((int)response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    created.Add((await response.Content.ReadFromJsonAsync<MemberCreated>())!);
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"POST /api/members answered {(int)response.StatusCode}");
                }

                await Task.Delay(500);
            }
        }

        return created;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within, string? what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                if (what is null)
                {
                    return;
                }

                throw new TimeoutException($"soak: not {what} within {within.TotalSeconds:F0}s");
            }

            await Task.Delay(250);
        }
    }
}
