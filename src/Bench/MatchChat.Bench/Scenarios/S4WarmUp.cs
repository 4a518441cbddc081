using System.Diagnostics;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>S4's warm-up (not measured).</summary>
public static class S4WarmUp
{
    /// <summary>
    /// Warm-up outside the figures, as S1, S2 and S8 have: the burst's whole path (request, offer, accept, conversation
    /// start, Matched) runs first on another topic with its own members, in rounds, so that the measured burst finds a
    /// running server rather than one whose every method of that path is still in the JIT's first tier (S4 cold, stop 26's
    /// profile: the methods of the path ran <c>QuickJitted</c> through the whole burst and the JIT took a fifth of a core).
    /// Every warm-up seeker is matched (seekers = listeners × capacity), so no request is left in a queue. <c>--s4-cold</c>
    /// skips it (the figures of a server's first burst after start).
    /// </summary>
    public static async Task RunAsync(ScenarioContext context, Uri baseUri, HttpClient http, int firstIndex, int capacity, bool? meaning)
    {
        const int Rounds = 8;
        var wl = Math.Max(10, context.Profile.Listeners / 5);
        var ws = wl * capacity;
        var started = Stopwatch.StartNew();
        var (listeners, _) = await Clients.ConnectManyAsync(baseUri, "/hubs/chat", wl, members: true, context.Options.SkipNegotiation, 64, http, firstIndex);
        var (seekers, _) = await Clients.ConnectManyAsync(baseUri, "/hubs/chat", ws, members: true, context.Options.SkipNegotiation, 64, http, firstIndex + wl);
        long matched = 0;
        foreach (var p in listeners)
        {
            p.OnOffer = (peer, o) => _ = peer.Conn.InvokeAsync<Conversation>("AcceptOffer", o.OfferId);
        }
        foreach (var p in seekers)
        {
            p.OnMatched = (_, _) => Interlocked.Increment(ref matched);
        }
        await MatchingPeers.VolunteerAsync(listeners, "anxiety", capacity, meaning is null ? null : S4Texts.Bio);
        for (var r = 0; r < Rounds; r++)
        {
            var from = ws * r / Rounds;
            var to = ws * (r + 1) / Rounds;
            await Clients.ForAsync(to - from, 64, i => seekers[from + i].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = "anxiety", note = meaning is null ? null : S4Texts.Note(from + i) }), TimeSpan.FromMinutes(2));
            var deadline = Stopwatch.StartNew();
            while (Interlocked.Read(ref matched) < to && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
            // A pause after each round: the runtime promotes a method to its next tier only after a quiet moment.
            await Task.Delay(1000);
        }
        await Clients.DisposeAllAsync(listeners.Concat(seekers));
        await Task.Delay(3000);
        Log.Info($"S4: warm-up on another topic, {ws} seekers and {wl} listeners x {capacity}, {Interlocked.Read(ref matched)} matched, {started.Elapsed.TotalSeconds:F1}s (not measured)");
    }
}
