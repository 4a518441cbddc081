using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HdrHistogram;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Bench;

// Client-side shapes from docs/PROTOCOL.md (only the fields the driver reads).
public sealed record MemberCreated(string MemberId, string Handle, string AgeGroup, string Token);
public sealed record Message(string Channel, long Seq, string SenderHandle, string Text, string ClientMessageId);
public sealed record Offer(string OfferId, string RequestId, string Topic);
public sealed record Conversation(string ConversationId, string Channel, string Topic, string PeerHandle, string Role);
public sealed record QueueTicket(string RequestId, string Topic, string Status, int? Position);
public sealed record ConversationEnded(string ConversationId, string? EndedBy, string? Reason);

/// <summary>One driver-side client: a hub connection plus per-scenario hooks.</summary>
public sealed class Peer
{
    public Peer(int index, HubConnection conn, MemberCreated? member)
    {
        Index = index;
        Conn = conn;
        Member = member;
    }

    public int Index { get; }
    public HubConnection Conn { get; }
    public MemberCreated? Member { get; }

    /// <summary>Set by the running scenario; called for every MessageReceived on this connection.</summary>
    public volatile Action<Peer, Message>? OnMessage;
    public volatile Action<Peer, Offer>? OnOffer;
    public volatile Action<Peer, Conversation>? OnMatched;
    public volatile Action<Peer, ConversationEnded>? OnEnded;
}

public static class Clients
{
    public const string Text = "I hear you. Take your time, I'm here and listening whenever you're ready to talk.";

    private static int _closedUnexpectedly;

    /// <summary>Connections that closed without the driver asking (server timeouts, resets).</summary>
    public static int ClosedUnexpectedly => Volatile.Read(ref _closedUnexpectedly);

    public static HttpClient NewHttp(Uri baseUri) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(120),
        };

    public static Peer NewPeer(int index, Uri hub, MemberCreated? member, bool skipNegotiation)
    {
        var conn = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = skipNegotiation;
                // Several loopback source addresses (Infra/SourceAddresses.cs) when a step needs more than one address's ports.
                o.WebSocketFactory = Infra.SourceAddresses.WebSocketFactory(member?.Token);
                if (member is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(member.Token);
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true)
            .Build();
        conn.ServerTimeout = TimeSpan.FromSeconds(180);
        conn.HandshakeTimeout = TimeSpan.FromSeconds(90);
        var peer = new Peer(index, conn, member);
        conn.On<Message>("MessageReceived", m => peer.OnMessage?.Invoke(peer, m));
        conn.On<Offer>("OfferReceived", o => peer.OnOffer?.Invoke(peer, o));
        conn.On<Conversation>("Matched", c => peer.OnMatched?.Invoke(peer, c));
        conn.On<ConversationEnded>("ConversationEnded", e => peer.OnEnded?.Invoke(peer, e));
        conn.Closed += ex =>
        {
            if (ex is not null)
            {
                Interlocked.Increment(ref _closedUnexpectedly);
            }
            return Task.CompletedTask;
        };
        return peer;
    }

    public static async Task<MemberCreated> CreateMemberAsync(HttpClient http, string ageGroup = "adult")
    {
        for (var attempt = 1; ; attempt++)
        {
            using var resp = await http.PostAsJsonAsync("/api/members", new { ageGroup });
            if (resp.StatusCode == HttpStatusCode.Created || resp.IsSuccessStatusCode)
            {
                return (await resp.Content.ReadFromJsonAsync<MemberCreated>())!;
            }
            if (attempt >= 5 || (int)resp.StatusCode < 429)
            {
                throw new InvalidOperationException($"POST /api/members answered {(int)resp.StatusCode}: {await resp.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(200 * attempt);
        }
    }

    /// <summary>Runs body for 0..count-1 with at most dop at once; returns elapsed time.</summary>
    public static async Task<TimeSpan> ForAsync(int count, int dop, Func<int, Task> body, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = cts.Token },
            async (i, _) => await body(i));
        return sw.Elapsed;
    }

    /// <summary>Creates members (when auth is used) and connects them, bounded concurrency. Returns the peers and the connect rate.</summary>
    public static async Task<(Peer[] Peers, double PerSecond)> ConnectManyAsync(Uri baseUri, string hubPath, int count, bool members, bool skipNegotiation, int dop, HttpClient? http, int firstIndex = 0)
    {
        var peers = new Peer[count];
        var hub = new Uri(baseUri, hubPath);
        var elapsed = await ForAsync(count, dop, async i =>
        {
            MemberCreated? m = null;
            if (members)
            {
                m = await CreateMemberAsync(http!);
            }
            var p = NewPeer(firstIndex + i, hub, m, skipNegotiation);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await p.Conn.StartAsync();
                    break;
                }
                catch (Exception ex) when (attempt < 4 && ex is not OperationCanceledException)
                {
                    await Task.Delay(250 * attempt);
                }
            }
            peers[i] = p;
        }, TimeSpan.FromMinutes(10));
        return (peers, count / Math.Max(0.001, elapsed.TotalSeconds));
    }

    public static async Task DisposeAllAsync(IEnumerable<Peer> peers, int dop = 256)
    {
        var list = peers.Where(p => p is not null).ToList();
        await ForAsync(list.Count, dop, async i =>
        {
            try
            {
                await list[i].Conn.DisposeAsync();
            }
            catch (Exception)
            {
                // closing is best effort
            }
        }, TimeSpan.FromMinutes(3));
    }
}

/// <summary>Thread-safe latency histogram in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes).</summary>
public sealed class Latency
{
    private readonly LongHistogram _h = new(TimeSpan.FromMinutes(10).Ticks / 10, 3);
    private readonly object _gate = new();

    public void RecordTicks(long stopwatchTicks)
    {
        var us = Math.Max(1, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
        lock (_gate)
        {
            _h.RecordValue(Math.Min(us, _h.HighestTrackableValue));
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _h.TotalCount;
            }
        }
    }

    /// <summary>Percentile in milliseconds.</summary>
    public double Ms(double percentile)
    {
        lock (_gate)
        {
            return _h.TotalCount == 0 ? double.NaN : _h.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    public double MaxMs
    {
        get
        {
            lock (_gate)
            {
                return _h.TotalCount == 0 ? double.NaN : _h.GetMaxValue() / 1000.0;
            }
        }
    }
}
