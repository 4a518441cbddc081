using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MatchChat.Bench.Infra;
using MatchChat.Bench.Tail;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench;

/// <summary>Two connections that share a channel (a MatchChat conversation, or a group on the echo baseline).</summary>
public sealed record RelayPair(Peer A, Peer B, string Channel);

public sealed record ClosedLoopResult(double DeliveredPerSecond, Latency Latency, long Delivered, long Lost, long Errors, string? LastError, List<Message> Acked);

public sealed record OpenLoopResult(int Rate, double AchievedPerSecond, Latency Latency, long Sent, long Acked, long Received, long Lost, long ReorderedBySender, long ReorderedBySeq, long SeqGaps, long Errors, string? LastError, double LateStartMs);

/// <summary>S1/S2 message loops; the same code drives MatchChat and the echo baseline.</summary>
public static class Relay
{
    private sealed record Waiter(string Cmid, TaskCompletionSource Tcs);

    private sealed class ClosedState
    {
        public volatile Waiter? Waiting;
    }

    public static async Task<List<RelayPair>> BaselinePairsAsync(ServerProcess server, int pairs, bool skipNegotiation)
    {
        var (peers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/echo", pairs * 2, members: false, skipNegotiation, 32, null);
        var result = new List<RelayPair>();
        for (var i = 0; i < pairs; i++)
        {
            var channel = $"conversation:pair-{i}";
            await peers[2 * i].Conn.InvokeAsync("Join", channel);
            await peers[2 * i + 1].Conn.InvokeAsync("Join", channel);
            result.Add(new RelayPair(peers[2 * i], peers[2 * i + 1], channel));
        }
        return result;
    }

    /// <summary>Listeners volunteer (capacity 1) and accept every offer; seekers request; pairs come from Matched.</summary>
    public static async Task<List<RelayPair>> MatchChatPairsAsync(ServerProcess server, HttpClient http, int pairs, bool skipNegotiation, Results results)
    {
        var (listeners, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", pairs, members: true, skipNegotiation, 32, http, 0);
        var (seekers, _) = await Clients.ConnectManyAsync(server.BaseUri, "/hubs/chat", pairs, members: true, skipNegotiation, 32, http, pairs);
        var byChannel = new ConcurrentDictionary<string, Peer?[]>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var complete = 0;
        var acceptErrors = 0;
        void OnMatched(Peer p, Conversation c, int slot)
        {
            var arr = byChannel.GetOrAdd(c.Channel, _ => new Peer?[2]);
            lock (arr)
            {
                if (arr[slot] is not null)
                {
                    return;
                }
                arr[slot] = p;
                if (arr[0] is not null && arr[1] is not null && Interlocked.Increment(ref complete) == pairs)
                {
                    done.TrySetResult();
                }
            }
        }
        foreach (var l in listeners)
        {
            l.OnMatched = (p, c) => OnMatched(p, c, 0);
            l.OnOffer = (p, o) => _ = AcceptAsync(p, o);
        }
        async Task AcceptAsync(Peer p, Offer o)
        {
            try
            {
                await p.Conn.InvokeAsync<Conversation>("AcceptOffer", o.OfferId);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref acceptErrors);
            }
        }
        foreach (var s in seekers)
        {
            s.OnMatched = (p, c) => OnMatched(p, c, 1);
        }
        await Clients.ForAsync(pairs, 16, async i =>
        {
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("Volunteer",
                new { topics = new[] { "grief" }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, acceptsTeens = false, agreedToGuide = true });
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("SetAvailable", true);
        }, TimeSpan.FromMinutes(2));
        await Clients.ForAsync(pairs, 16, async i =>
            await seekers[i].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = "grief" }), TimeSpan.FromMinutes(2));
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            results.Note($"relay setup: only {complete} of {pairs} conversations matched within 90 s (accept errors {acceptErrors})");
        }
        foreach (var p in listeners.Concat(seekers))
        {
            p.OnMatched = null;
            p.OnOffer = null;
        }
        return byChannel.Where(kv => kv.Value[0] is not null && kv.Value[1] is not null)
            .Select(kv => new RelayPair(kv.Value[0]!, kv.Value[1]!, kv.Key))
            .ToList();
    }

    /// <summary>S1: each pair ping-pongs; the next message is sent when the peer received the last one.</summary>
    public static async Task<ClosedLoopResult> ClosedLoopAsync(List<RelayPair> pairs, TimeSpan warmup, TimeSpan duration, string tag)
    {
        var latency = new Latency();
        long delivered = 0, lost = 0, errors = 0;
        string? lastError = null;
        foreach (var p in pairs)
        {
            foreach (var peer in new[] { p.A, p.B })
            {
                var st = new ClosedState();
                peer.OnMessage = (_, m) =>
                {
                    var w = st.Waiting;
                    if (w is not null && w.Cmid == m.ClientMessageId)
                    {
                        w.Tcs.TrySetResult();
                    }
                };
                peerStates[peer] = st;
            }
        }
        var acks = new ConcurrentBag<Task<Message>>();
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(pairs.Select(async pair =>
        {
            var k = 0;
            while (Stopwatch.GetTimestamp() < end && k < 10_000_000)
            {
                var (sender, receiver) = k % 2 == 0 ? (pair.A, pair.B) : (pair.B, pair.A);
                var cmid = $"{tag}-{sender.Index}-{k}";
                var w = new Waiter(cmid, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                peerStates[receiver].Waiting = w;
                var t0 = Stopwatch.GetTimestamp();
                var ack = sender.Conn.InvokeAsync<Message>("SendMessage", pair.Channel, cmid, Clients.Text);
                acks.Add(ack);
                k++;
                var first = await Task.WhenAny(w.Tcs.Task, ack);
                if (first == ack && ack.IsFaulted)
                {
                    Interlocked.Increment(ref errors);
                    lastError = ack.Exception?.InnerException?.Message;
                    await Task.Delay(20);
                    continue;
                }
                try
                {
                    await w.Tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref lost);
                    continue;
                }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 >= measureStart && t1 <= end)
                {
                    latency.RecordTicks(t1 - t0);
                    Interlocked.Increment(ref delivered);
                }
            }
        }));
        var acked = new List<Message>();
        foreach (var a in acks)
        {
            try
            {
                acked.Add(await a.WaitAsync(TimeSpan.FromSeconds(30)));
            }
            catch (Exception)
            {
                // already counted when it failed inside the loop, or a late failure
            }
        }
        foreach (var p in pairs)
        {
            p.A.OnMessage = null;
            p.B.OnMessage = null;
            peerStates.TryRemove(p.A, out _);
            peerStates.TryRemove(p.B, out _);
        }
        return new ClosedLoopResult(delivered / duration.TotalSeconds, latency, delivered, lost, errors, lastError, acked);
    }

    private static readonly ConcurrentDictionary<Peer, ClosedState> peerStates = new();

    private sealed class OpenState
    {
        public long LastPeerK = -1;
        public long LastSeq = -1;
        public long Received;
        public long ReorderedBySender;
        public long ReorderedBySeq;
        public long SeqGaps;
    }

    /// <summary>
    /// S2: every connection sends on its own schedule (rate / connections per second each), whether or not earlier sends
    /// were answered. Latency runs from the scheduled send time to receipt at the peer, so a slow server is not hidden.
    /// </summary>
    public static async Task<OpenLoopResult> OpenLoopAsync(List<RelayPair> pairs, int rate, TimeSpan duration, string tag, OpenLoopTimeline? timeline = null)
    {
        var senders = pairs.SelectMany(p => new[] { p.A, p.B }).ToArray();
        var channelOf = new Dictionary<Peer, string>();
        foreach (var p in pairs)
        {
            channelOf[p.A] = p.Channel;
            channelOf[p.B] = p.Channel;
        }
        var n = senders.Length;
        var posOf = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            posOf[senders[i].Index] = i;
        }
        var freq = Stopwatch.Frequency;
        var interval = (double)freq * n / rate;           // stopwatch ticks between two sends of one connection
        var perSender = Math.Max(1, (int)(duration.TotalSeconds * rate / n));
        var start = Stopwatch.GetTimestamp() + freq / 2;
        if (timeline is not null)
        {
            timeline.Start = start;
        }
        var phase = Enumerable.Range(0, n).Select(i => interval * i / n).ToArray();
        var latency = new Latency();
        var states = senders.Select(_ => new OpenState()).ToArray();
        var acked = new long[n];
        long sent = 0, errors = 0, lateTicks = 0;
        string? lastError = null;
        var prefix = tag + "-";
        for (var i = 0; i < n; i++)
        {
            var st = states[i];
            var self = senders[i];
            self.OnMessage = (_, m) =>
            {
                var now = Stopwatch.GetTimestamp();
                if (!m.ClientMessageId.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return;
                }
                if (st.LastSeq >= 0)
                {
                    if (m.Seq <= st.LastSeq)
                    {
                        Interlocked.Increment(ref st.ReorderedBySeq);
                    }
                    else if (m.Seq != st.LastSeq + 1)
                    {
                        Interlocked.Increment(ref st.SeqGaps);
                    }
                }
                st.LastSeq = Math.Max(st.LastSeq, m.Seq);
                var parts = m.ClientMessageId.AsSpan(prefix.Length);
                var dash = parts.IndexOf('-');
                var idx = int.Parse(parts[..dash], CultureInfo.InvariantCulture);
                var k = long.Parse(parts[(dash + 1)..], CultureInfo.InvariantCulture);
                if (idx == self.Index || !posOf.TryGetValue(idx, out var pos))
                {
                    return;
                }
                var due = start + (long)(phase[pos] + k * interval);
                latency.RecordTicks(now - due);
                timeline?.Record(due, now - due);
                if (k <= st.LastPeerK)
                {
                    Interlocked.Increment(ref st.ReorderedBySender);
                }
                else
                {
                    st.LastPeerK = k;
                }
                Interlocked.Increment(ref st.Received);
            };
        }
        var ackTasks = new ConcurrentBag<Task>();
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            var sender = senders[i];
            var channel = channelOf[sender];
            for (var k = 0; k < perSender; k++)
            {
                var due = start + (long)(phase[i] + k * interval);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > freq / 1000)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / freq));
                }
                var late = Stopwatch.GetTimestamp() - due;
                timeline?.RecordSend(due, late);
                if (late > 0)
                {
                    Interlocked.Add(ref lateTicks, late);
                }
                Interlocked.Increment(ref sent);
                var t = sender.Conn.InvokeAsync<Message>("SendMessage", channel, $"{tag}-{sender.Index}-{k}", Clients.Text);
                var slot = i;
                ackTasks.Add(t.ContinueWith(r =>
                {
                    if (r.IsCompletedSuccessfully)
                    {
                        Interlocked.Increment(ref acked[slot]);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        lastError = r.Exception?.InnerException?.Message ?? "cancelled";
                    }
                }, TaskScheduler.Default));
            }
        }));
        var sendEnd = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(ackTasks).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            lastError = "acknowledgements still outstanding after 60 s";
        }
        // Drain: wait until every acknowledged message reached the peer, at most 10 s.
        var peerOf = new Dictionary<int, int>();
        foreach (var p in pairs)
        {
            peerOf[posOf[p.A.Index]] = posOf[p.B.Index];
            peerOf[posOf[p.B.Index]] = posOf[p.A.Index];
        }
        long Lost() => Enumerable.Range(0, n).Sum(i => Math.Max(0, Volatile.Read(ref acked[i]) - Volatile.Read(ref states[peerOf[i]].Received)));
        var drainUntil = Stopwatch.GetTimestamp() + 10 * freq;
        while (Lost() > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(100);
        }
        var lastReceipt = Stopwatch.GetTimestamp();
        foreach (var s in senders)
        {
            s.OnMessage = null;
        }
        var received = states.Sum(s => s.Received);
        var achieved = received / ((Math.Max(sendEnd, lastReceipt) - start) / (double)freq);
        return new OpenLoopResult(rate, achieved, latency, sent, acked.Sum(), received, Lost(),
            states.Sum(s => s.ReorderedBySender), states.Sum(s => s.ReorderedBySeq), states.Sum(s => s.SeqGaps), errors, lastError,
            sent == 0 ? 0 : lateTicks * 1000.0 / freq / sent);
    }
}
