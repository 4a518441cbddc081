using System.Collections.Concurrent;
using MatchChat.Soak.Checks;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Soak.Clients;

/// <summary>
/// One member's page, without the page: a real SignalR connection (negotiate, then WebSockets) that reconnects
/// for as long as it runs (0, 1, 2, 4, then every 8 s, to whichever web node answers, as behind a load balancer),
/// an outbox resent with the same clientMessageId until acknowledged, and per-channel seq logs whose gaps are filled
/// with GetHistory, after every (re)connection and whenever a pushed message skips a seq.
/// </summary>
public sealed class SoakClient : IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<Uri> _nodes;
    private readonly SoakLedger _ledger;
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, ChannelLog> _channels = new();
    private readonly Outbox _outbox = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private volatile HubConnection? _hub;
    private int _reconnectRequested;

    public SoakClient(MemberCreated member, IReadOnlyList<Uri> nodes, SoakLedger ledger, int seed)
    {
        Member = member;
        _nodes = nodes;
        _ledger = ledger;
        _random = new Random(seed);
    }

    public MemberCreated Member { get; }

    public string Handle => Member.Handle;

    public bool Connected => _hub is { State: HubConnectionState.Connected };

    public Outbox Outbox => _outbox;

    public IReadOnlyDictionary<string, ChannelLog> Channels => _channels;

    public Action<QueueTicket>? OnTicket { get; set; }
    public Action<Offer>? OnOffer { get; set; }
    public Action<Conversation>? OnMatched { get; set; }
    public Action<ConversationEnded>? OnEnded { get; set; }

    /// <summary>The role's part of a resync (after every connection), before the outbox is flushed and channels caught up.</summary>
    public Func<Task>? OnResync { get; set; }

    /// <summary>Connects, keeps connected and sends the outbox until <paramref name="stop"/>.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(ConnectionLoopAsync(stop), PumpLoopAsync(stop));

    /// <summary>Writes a message: it is in the outbox before anything is sent.</summary>
    public void Send(string channel, string text)
    {
        Follow(channel);
        _outbox.Add(channel, text);
        _wake.Release();
    }

    public ChannelLog Follow(string channel) => _channels.GetOrAdd(channel, c => new ChannelLog(c));

    /// <summary>As a reload would: drop the connection and connect again (a new attach: the server re-sends the ticket).</summary>
    public void Reconnect() => Interlocked.Exchange(ref _reconnectRequested, 1);

    public async Task<T> CallAsync<T>(string method, params object?[] args)
    {
        var hub = _hub;
        if (hub is null || hub.State != HubConnectionState.Connected)
        {
            throw new SoakCallException(method, "network");
        }

        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            return await hub.InvokeCoreAsync<T>(method, args, timeout.Token);
        }
        catch (HubException e)
        {
            var code = SoakCallException.CodeOf(e.Message);
            _ledger.HubError(method, code);
            throw new SoakCallException(method, code);
        }
        catch (Exception e) when (e is not SoakCallException)
        {
            _ledger.HubError(method, "network");
            throw new SoakCallException(method, "network");
        }
    }

    public Task CallAsync(string method, params object?[] args) => CallAsync<object?>(method, args);

    /// <summary>Calls until an answer that is not transient, or until <paramref name="within"/> has passed.</summary>
    public async Task<T> RetryAsync<T>(TimeSpan within, string method, params object?[] args)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await CallAsync<T>(method, args);
            }
            catch (SoakCallException e) when (e.Transient && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1000);
            }
        }
    }

    /// <summary>Fills whatever the channel is missing, page by page; false when the server could not answer now.</summary>
    public async Task<bool> CatchUpAsync(string channel)
    {
        var log = Follow(channel);
        await log.CatchUpGate.WaitAsync();
        try
        {
            while (true)
            {
                var batch = await CallAsync<Message[]>("GetHistory", channel, log.Contiguous, null, 200);
                log.AddHistory(batch);
                if (batch.Length < 200)
                {
                    log.Loaded = true;
                    return true;
                }
            }
        }
        catch (SoakCallException)
        {
            return false;
        }
        finally
        {
            log.CatchUpGate.Release();
        }
    }

    /// <summary>The page's resync, until it completes once: role part, outbox, every channel caught up.</summary>
    public async Task<bool> FinalSyncAsync(IEnumerable<string> alsoFollow, TimeSpan within)
    {
        foreach (var channel in alsoFollow)
        {
            Follow(channel);
        }

        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (Connected && await ResyncAsync())
            {
                return true;
            }

            await Task.Delay(1000);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is { } hub)
        {
            await hub.DisposeAsync();
        }
    }

    private async Task ConnectionLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        var node = _random.Next(_nodes.Count);
        while (!stop.IsCancellationRequested)
        {
            var hub = Build(_nodes[node % _nodes.Count]);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(TimeSpan.FromSeconds(20));
                await hub.StartAsync(timeout.Token);
            }
            catch (Exception e)
            {
                await hub.DisposeAsync();
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                _ledger.Count("connection attempts failed");
                if (e is HttpRequestException { StatusCode: { } status })
                {
                    _ledger.Http((int)status);
                }

                // Behind a load balancer the next attempt may reach the other node.
                node = _random.Next(_nodes.Count);
                await Delay(failures < Backoff.Length ? Backoff[failures] : TimeSpan.FromSeconds(8), stop);
                failures++;
                continue;
            }

            failures = 0;
            _hub = hub;
            _ledger.Count("connections opened");
            var resync = ResyncAsync();
            while (!closed.Task.IsCompleted && !stop.IsCancellationRequested && Interlocked.Exchange(ref _reconnectRequested, 0) == 0)
            {
                await Task.WhenAny(closed.Task, Task.Delay(500, CancellationToken.None));
            }

            _hub = null;
            await hub.DisposeAsync();
            await resync;
            if (stop.IsCancellationRequested)
            {
                break;
            }

            _ledger.Count("connections lost or dropped");
            node = _random.Next(_nodes.Count);
        }
    }

    private HubConnection Build(Uri node)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "/hubs/chat"), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(Member.Token);
                o.HttpMessageHandlerFactory = inner => new StatusRecorder(inner, _ledger);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true)
            .Build();
        // As the page: server timeout 30 s, keep-alive 10 s.
        hub.ServerTimeout = TimeSpan.FromSeconds(30);
        hub.KeepAliveInterval = TimeSpan.FromSeconds(10);
        hub.On<Message>("MessageReceived", OnMessage);
        hub.On<QueueTicket>("QueueUpdated", t => OnTicket?.Invoke(t));
        hub.On<Offer>("OfferReceived", o => OnOffer?.Invoke(o));
        hub.On<Conversation>("Matched", c =>
        {
            Follow(c.Channel);
            OnMatched?.Invoke(c);
        });
        hub.On<ConversationEnded>("ConversationEnded", e => OnEnded?.Invoke(e));
        return hub;
    }

    private void OnMessage(Message message)
    {
        if (Follow(message.Channel).AddLive(message))
        {
            _ledger.Count("gaps noticed in pushed messages");
            _ = CatchUpAsync(message.Channel);
        }
    }

    /// <summary>After every (re)connection: the role's refresh, the outbox, then every channel by seq.</summary>
    private async Task<bool> ResyncAsync()
    {
        try
        {
            if (OnResync is { } role)
            {
                await role();
            }
        }
        catch (SoakCallException)
        {
            return false;
        }

        await FlushAsync();
        var complete = true;
        foreach (var channel in _channels.Keys.ToList())
        {
            complete &= await CatchUpAsync(channel);
        }

        await FlushAsync();
        return complete && _outbox.Count == 0;
    }

    private async Task PumpLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (Connected && _outbox.Count > 0)
            {
                await FlushAsync();
            }
        }
    }

    /// <summary>Sends pending messages in the order written, one at a time; a transient error ends the round.</summary>
    private async Task FlushAsync()
    {
        if (!await _flushGate.WaitAsync(0))
        {
            return;
        }

        try
        {
            foreach (var item in _outbox.Snapshot())
            {
                if (!Connected)
                {
                    break;
                }

                try
                {
                    var message = await CallAsync<Message>("SendMessage", item.Channel, item.ClientMessageId, item.Text);
                    _ledger.Acknowledged(message, item.Text, Handle, item.FirstFailureAt, item.Failures);
                    Follow(item.Channel).AddLive(message);
                    _outbox.Remove(item);
                }
                catch (SoakCallException e) when (e.Transient)
                {
                    item.Failures++;
                    item.FirstFailureAt ??= _ledger.Now;
                    break;
                }
                catch (SoakCallException e)
                {
                    // Not acknowledged and never will be (for example: the conversation has ended).
                    _ledger.Count($"sends refused: {e.Code}");
                    _outbox.Remove(item);
                }
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
