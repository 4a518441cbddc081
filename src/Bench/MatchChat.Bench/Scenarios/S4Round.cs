using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Bench.Infra;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>
/// One S4 burst in a running server: every seeker requests a listener in back-to-back waves, listeners accept every
/// offer; what the driver saw (offers, accepts, Matched, tickets) is kept here and reported as S4's rows. S4 may run
/// several in one server (<c>--s4-bursts N</c>), resetting between them (<see cref="ResetAsync"/>).
/// </summary>
public sealed class S4Round(int seekers, int listeners, int capacity)
{
    private const int Waves = 10;
    private const int FifoToleranceMs = 50;

    private readonly ConcurrentDictionary<string, long> _offerTs = new();
    private readonly ConcurrentDictionary<string, long> _acceptedTs = new();
    private readonly long[] _matchedTs = new long[seekers];
    private readonly long[] _startTs = new long[seekers];
    private readonly long[] _ackTs = new long[seekers];
    private readonly string?[] _requestIds = new string?[seekers];
    private readonly string?[] _conversationIds = new string?[seekers];
    private readonly int[] _waveOf = new int[seekers];
    private readonly int[] _maxOpen = new int[listeners];
    private readonly int[] _offersWhileFull = new int[listeners];
    private readonly int _expected = Math.Min(seekers, listeners * capacity);
    private readonly TaskCompletionSource _allMatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _offers, _acceptErrors, _matched, _lastMatch, _requestErrors;
    private string? _lastAcceptError, _lastRequestError;
    private long _burstStart;
    private double _burstSeconds;
    private int _waves = Math.Min(Waves, seekers);

    /// <summary>What this burst measured, for the median over several bursts.</summary>
    public (double Rate, double CpuMs, double P99OfferMs, double P99TicketMs) Figures { get; private set; }

    /// <summary>A listener received an offer while it had <paramref name="open"/> conversations; it accepts at once.</summary>
    public void Offered(int listener, Peer p, Offer o, int open)
    {
        _offerTs.TryAdd(o.RequestId, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _offers);
        if (open >= capacity)
        {
            Interlocked.Increment(ref _offersWhileFull[listener]);
        }

        _ = AcceptAsync(p, o);
    }

    /// <summary>A listener's open conversations after a Matched.</summary>
    public void ListenerOpen(int listener, int open)
    {
        int seen;
        while ((seen = Volatile.Read(ref _maxOpen[listener])) < open && Interlocked.CompareExchange(ref _maxOpen[listener], open, seen) != seen)
        {
        }
    }

    /// <summary>A seeker's Matched: timed once per burst.</summary>
    public void SeekerMatched(int seeker, Conversation c)
    {
        var now = Stopwatch.GetTimestamp();
        if (Interlocked.CompareExchange(ref _matchedTs[seeker], now, 0) == 0)
        {
            Volatile.Write(ref _conversationIds[seeker], c.ConversationId);
            Volatile.Write(ref _lastMatch, now);
            if (Interlocked.Increment(ref _matched) >= _expected)
            {
                _allMatched.TrySetResult();
            }
        }
    }

    private async Task AcceptAsync(Peer p, Offer o)
    {
        try
        {
            await p.Conn.InvokeAsync<Conversation>("AcceptOffer", o.OfferId);
            _acceptedTs.TryAdd(o.RequestId, Stopwatch.GetTimestamp());
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _acceptErrors);
            _lastAcceptError = ex.Message;
        }
    }

    /// <summary>The burst, inside the context's measured window.</summary>
    public async Task RunAsync(ScenarioContext context, ServerProcess server, IReadOnlyList<Peer> seekerPeers, Func<int, string?> note, TimeSpan budgetForRequests)
    {
        var results = context.Results;
        var m = seekerPeers.Count;
        _burstStart = Stopwatch.GetTimestamp();
        await context.WindowAsync("S4", server, TimeSpan.FromSeconds(10), async () =>
        {
            var tasks = new Task[m];
            // All seekers arrive within a moment, in back-to-back waves: wave w+1 is sent as soon as every request of
            // wave w was answered, so arrival order between waves is known without trusting clocks (see docs).
            var budget = Stopwatch.StartNew();
            for (var w = 0; w < _waves; w++)
            {
                if (budget.Elapsed > budgetForRequests)
                {
                    results.Note($"S4: stopped after {w} of {_waves} waves: the {budgetForRequests.TotalSeconds:F0} s budget for sending requests ran out (later seekers are left out of every S4 figure)");
                    _waves = w;
                    break;
                }
                var from = (int)((long)m * w / _waves);
                var to = (int)((long)m * (w + 1) / _waves);
                for (var i = from; i < to; i++)
                {
                    var idx = i;
                    _waveOf[idx] = w;
                    _startTs[idx] = Stopwatch.GetTimestamp();
                    tasks[idx] = seekerPeers[idx].Conn.InvokeAsync<QueueTicket>("RequestListener", new { topic = "grief", note = note(idx) }).ContinueWith(t =>
                    {
                        _ackTs[idx] = Stopwatch.GetTimestamp();
                        if (t.IsCompletedSuccessfully)
                        {
                            _requestIds[idx] = t.Result.RequestId;
                        }
                        else
                        {
                            Interlocked.Increment(ref _requestErrors);
                            _lastRequestError = t.Exception?.InnerException?.Message;
                        }
                    }, TaskScheduler.Default);
                }
                try
                {
                    await Task.WhenAll(tasks[from..to]).WaitAsync(budgetForRequests);
                }
                catch (TimeoutException)
                {
                    results.Note($"S4: wave {w} not answered within 3 minutes");
                }
            }
            _burstSeconds = (Stopwatch.GetTimestamp() - _burstStart) / (double)Stopwatch.Frequency;
            try
            {
                await Task.WhenAll(tasks.Where(t => t is not null)).WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                results.Note("S4: some RequestListener calls did not answer within 3 minutes");
            }
            // Wait for all possible assignments, or 10 s without progress, at most 3 minutes.
            var deadline = Stopwatch.GetTimestamp() + 180 * Stopwatch.Frequency;
            var lastSeen = -1L;
            var lastProgress = Stopwatch.GetTimestamp();
            while (!_allMatched.Task.IsCompleted && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.WhenAny(_allMatched.Task, Task.Delay(500));
                var now = Interlocked.Read(ref _matched);
                if (now != lastSeen)
                {
                    lastSeen = now;
                    lastProgress = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetTimestamp() - lastProgress > 10 * Stopwatch.Frequency)
                {
                    break;
                }
            }
            return 0;
        });
    }

    /// <summary>
    /// Back to where the burst began, for the next one in the same server: seekers still waiting cancel their request,
    /// matched seekers end their conversation; returns once every listener is free again (or after 60 s).
    /// </summary>
    public async Task ResetAsync(IReadOnlyList<Peer> seekerPeers, Func<int> openConversations)
    {
        var started = Stopwatch.StartNew();
        long failed = 0;
        await Clients.ForAsync(seekerPeers.Count, 64, async i =>
        {
            try
            {
                if (Volatile.Read(ref _conversationIds[i]) is { } conversation)
                {
                    await seekerPeers[i].Conn.InvokeAsync("EndConversation", conversation);
                }
                else if (_requestIds[i] is { } request)
                {
                    await seekerPeers[i].Conn.InvokeAsync("CancelRequest", request);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        }, TimeSpan.FromMinutes(3));
        while (openConversations() > 0 && started.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }
        // The ends' pushes and the queue's writes settle before the next burst's window opens.
        await Task.Delay(2000);
        Log.Info($"S4: reset for the next burst in {started.Elapsed.TotalSeconds:F1}s ({openConversations()} conversations still open, {Interlocked.Read(ref failed)} calls failed)");
    }

    /// <summary>S4's rows for this burst under the case <paramref name="c"/>.</summary>
    public void Report(ScenarioContext context, string c, double s4CpuSeconds, Dictionary<string, double> countersBefore, Dictionary<string, double> countersAfter, double? pgCpuSeconds)
    {
        var results = context.Results;
        var f = (double)Stopwatch.Frequency;
        var assignSeconds = Math.Max(1e-3, (Volatile.Read(ref _lastMatch) - _burstStart) / f);
        var toOffer = new Latency();
        var matchedUntimed = Enumerable.Range(0, seekers).Count(i => _matchedTs[i] != 0 && !(_requestIds[i] is { } r && _offerTs.ContainsKey(r)));
        var toMatch = new Latency();
        // Where the time after the offer goes: the listener's AcceptOffer answered, and the seeker's Matched.
        var offerToAccepted = new Latency();
        var offerToMatched = new Latency();
        var toTicket = new Latency();
        for (var i = 0; i < seekers; i++)
        {
            if (_requestIds[i] is not null)
            {
                toTicket.RecordTicks(_ackTs[i] - _startTs[i]);
            }
            if (_requestIds[i] is { } rid && _offerTs.TryGetValue(rid, out var ot))
            {
                toOffer.RecordTicks(ot - _startTs[i]);
                if (_acceptedTs.TryGetValue(rid, out var at))
                {
                    offerToAccepted.RecordTicks(at - ot);
                }
                if (_matchedTs[i] != 0)
                {
                    offerToMatched.RecordTicks(_matchedTs[i] - ot);
                }
            }
            if (_matchedTs[i] != 0)
            {
                toMatch.RecordTicks(_matchedTs[i] - _startTs[i]);
            }
        }
        // FIFO (docs/benchmarks.md): seekers arrive in waves; every request of wave v was answered before any of wave w > v
        // was sent, so a (wave v) requested before b (wave w). All seekers are adults on one topic with no experiences, so
        // any listener eligible for b was eligible for a. A matched b is a violation when some earlier-wave a is
        // (1) never offered while b was, or (2) offered more than FifoToleranceMs after b (offers are timed at the driver).
        var waveMaxOffer = new long[_waves];
        var waveUnoffered = new bool[_waves];
        var offerOf = new long[seekers];
        for (var i = 0; i < seekers; i++)
        {
            offerOf[i] = _requestIds[i] is { } rid2 && _offerTs.TryGetValue(rid2, out var ot2) ? ot2 : 0;
            if (_requestIds[i] is null)
            {
                continue;
            }
            if (offerOf[i] == 0)
            {
                waveUnoffered[_waveOf[i]] = true;
            }
            else
            {
                waveMaxOffer[_waveOf[i]] = Math.Max(waveMaxOffer[_waveOf[i]], offerOf[i]);
            }
        }
        var tol = (long)(FifoToleranceMs / 1000.0 * Stopwatch.Frequency);
        int fifoNever = 0, fifoLate = 0;
        var unmatched = Enumerable.Range(0, seekers).Count(i => _matchedTs[i] == 0 && _requestIds[i] is not null);
        var earlierUnoffered = false;
        var earlierMaxOffer = 0L;
        for (var w = 0; w < _waves; w++)
        {
            for (var i = 0; i < seekers; i++)
            {
                if (_waveOf[i] != w || offerOf[i] == 0)
                {
                    continue;
                }
                if (earlierUnoffered)
                {
                    fifoNever++;
                }
                else if (earlierMaxOffer > offerOf[i] + tol)
                {
                    fifoLate++;
                }
            }
            earlierUnoffered |= waveUnoffered[w];
            earlierMaxOffer = Math.Max(earlierMaxOffer, waveMaxOffer[w]);
        }
        var fifo = fifoNever + fifoLate;
        var over = _maxOpen.Count(n => n > capacity);
        var offersWhileFull = _offersWhileFull.Sum();
        var echo1000 = context.Baseline.Echo.TryGetValue(1000, out var e) ? e : ((double, double, double)?)null;
        results.Add(new Row("S4", c, "assignments/s", Interlocked.Read(ref _matched) / assignSeconds, echo1000?.Item1, "matches/s",
            $"{Interlocked.Read(ref _matched)} of {_expected} possible matched in {assignSeconds:F1} s; ratio to S0 echo msg/s at 1000 conns; all {_waves} waves sent and answered in {_burstSeconds:F2} s"));
        var sent = _requestIds.Count(x => x is not null);
        results.Note($"S4 {c}: server runtime over the burst window: {Tail.RuntimeCounters.Describe(countersBefore, countersAfter, sent, "request")}");
        results.Add(new Row("S4", c, "server CPU per request", sent == 0 ? double.NaN : s4CpuSeconds * 1000 / sent, context.Baseline.EchoCpuUs1000 / 1000, "ms",
            "all server CPU in the burst window (enqueue, matching, offers, accepts, pushes) / answered requests; ratio to S0 echo CPU per message at 1000 conns"));
        if (pgCpuSeconds is { } pgCpu)
        {
            results.Add(new Row("S4", c, "PostgreSQL CPU per request", sent == 0 ? double.NaN : pgCpu * 1000 / sent, null, "ms",
                "all CPU of the private PostgreSQL (postmaster and backends) over the burst window / answered requests; on the same cores"));
        }
        results.Add(new Row("S4", c, "p50 request→offer", toOffer.Ms(50), echo1000?.Item2, "ms", "ratio to S0 echo p50 at 1000 conns"));
        results.Add(new Row("S4", c, "p99 request→offer", toOffer.Ms(99), echo1000?.Item3, "ms", $"ratio to S0 echo p99 at 1000 conns; {toOffer.Count} offers timed ({Interlocked.Read(ref _offers)} received for {_offerTs.Count} requests; {_requestIds.Count(r => r is not null)} requests answered with an id; {matchedUntimed} matched seekers without a timed offer)"));
        results.Add(new Row("S4", c, "p99 request→ticket", toTicket.Ms(99), echo1000?.Item3, "ms", $"RequestListener answered with a QueueTicket; p50 {Results.Fmt(toTicket.Ms(50))} ms, {toTicket.Count} answered"));
        results.Add(new Row("S4", c, "p99 request→Matched", toMatch.Ms(99), echo1000?.Item3, "ms", $"p50 {Results.Fmt(toMatch.Ms(50))} ms; offer→accept answered p50 {Results.Fmt(offerToAccepted.Ms(50))} ms, p99 {Results.Fmt(offerToAccepted.Ms(99))} ms; offer→seeker's Matched p50 {Results.Fmt(offerToMatched.Ms(50))} ms, p99 {Results.Fmt(offerToMatched.Ms(99))} ms"));
        results.Add(new Row("S4", c, "listeners ever over capacity (must be 0)", over, null, "listeners", $"offers received while at capacity: {offersWhileFull}; max open per listener {_maxOpen.Max()}"));
        results.Add(new Row("S4", c, "FIFO violations (must be 0)", fifo, null, "seekers", $"{_waves} waves; offered while an earlier wave had an unoffered seeker {fifoNever}, offered > {FifoToleranceMs} ms before an earlier-wave seeker {fifoLate}; {unmatched} left waiting; request errors {_requestErrors}{(_lastRequestError is null ? "" : " (" + _lastRequestError + ")")}, accept errors {_acceptErrors}{(_lastAcceptError is null ? "" : " (" + _lastAcceptError + ")")}"));
        Figures = (Interlocked.Read(ref _matched) / assignSeconds, sent == 0 ? double.NaN : s4CpuSeconds * 1000 / sent, toOffer.Ms(99), toTicket.Ms(99));
    }
}
