using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Tests.Support;

/// <summary>One real SignalR connection (WebSockets) that records every event it receives.</summary>
public sealed class TestConnection : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly List<(string Name, object Payload)> _events = [];
    private readonly SemaphoreSlim _signal = new(0);

    private TestConnection(HubConnection connection)
    {
        Hub = connection;
        Record<QueueTicket>("QueueUpdated");
        Record<QueueProgress>("QueueProgress");
        Record<Offer>("OfferReceived");
        Record<OfferWithdrawn>("OfferWithdrawn");
        Record<Conversation>("Matched");
        Record<Message>("MessageReceived");
        Record<PeerTyping>("PeerTyping");
        Record<ConversationEnded>("ConversationEnded");
        Record<Room>("RoomUpdated");
        Record<CrisisResources>("CrisisResources");
        Record<PeerNeedsCare>("PeerNeedsCare");
        Record<Alert>("CrisisAlert");
        Record<Alert>("AlertUpdated");
        Record<Thanked>("Thanked");
        Record<CheckInDue>("CheckInDue");
        Record<Member>("MemberUpdated");
        Record<MessagesRedacted>("MessagesRedacted");
        Record<MessageRemoved>("MessageRemoved");
        Record<Contracts.Rooms.MutedInRoom>("MutedInRoom");
        Record<PeerPresence>("PeerPresence");
        Record<SuspensionNotice>("Suspended");
        Record<Contracts.Reports.Warned>("Warned");
    }

    public HubConnection Hub { get; }

    /// <summary>Opens a connection; <paramref name="keepAlive"/> shortens the client's ping interval for servers with a short client timeout.</summary>
    public static async Task<TestConnection> OpenAsync(Uri baseUrl, string token, TimeSpan? keepAlive = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/chat"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        var hub = builder.Build();
        if (keepAlive is { } interval)
        {
            hub.KeepAliveInterval = interval;
        }

        var connection = new TestConnection(hub);
        await hub.StartAsync();
        return connection;
    }

    public Task<T> Invoke<T>(string method, params object?[] args) => Hub.InvokeCoreAsync<T>(method, args);

    public Task Invoke(string method, params object?[] args) => Hub.InvokeCoreAsync(method, args);

    /// <summary>The first event of that name (received before or after this call) that matches.</summary>
    public async Task<T> Next<T>(string name, Func<T, bool>? match = null, TimeSpan? within = null, int skip = 0)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (true)
        {
            lock (_events)
            {
                foreach (var (n, payload) in _events.Where(e => e.Name == name).Skip(skip))
                {
                    if (payload is T typed && (match is null || match(typed)))
                    {
                        return typed;
                    }
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                throw new TimeoutException($"No {name} event arrived within {(within ?? DefaultWait).TotalSeconds}s.");
            }
        }
    }

    /// <summary>How many events of that name arrived so far: pass as skip to wait for a later one.</summary>
    public int Count(string name)
    {
        lock (_events)
        {
            return _events.Count(e => e.Name == name);
        }
    }

    public IReadOnlyList<T> All<T>(string name)
    {
        lock (_events)
        {
            return _events.Where(e => e.Name == name).Select(e => (T)e.Payload).ToList();
        }
    }

    /// <summary>Waits a little and asserts no matching event came.</summary>
    public async Task AssertNone<T>(string name, Func<T, bool>? match = null, TimeSpan? wait = null)
    {
        await Task.Delay(wait ?? TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(All<T>(name), e => match is null || match(e));
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    private void Record<T>(string name) =>
        Hub.On<T>(name, payload =>
        {
            lock (_events)
            {
                _events.Add((name, payload!));
            }

            _signal.Release();
        });
}
