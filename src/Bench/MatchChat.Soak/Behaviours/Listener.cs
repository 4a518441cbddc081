using System.Collections.Concurrent;
using MatchChat.Soak.Checks;
using MatchChat.Soak.Clients;

namespace MatchChat.Soak.Behaviours;

/// <summary>
/// A volunteer: available for one topic with a capacity, accepts offers (declines one in ten), talks in every
/// conversation until it ends. Every ~10 s, as a person glancing at the page, it lists its conversations (finding
/// ones whose Matched was lost, checking it is never over capacity) and makes itself available again if the server
/// set it unavailable (two offers in a row lost to a crash expire, and the rule does that).
/// </summary>
public sealed class Listener
{
    private readonly SoakClient _client;
    private readonly SoakLedger _ledger;
    private readonly SoakSettings _settings;
    private readonly Pace _pace;
    private readonly ConcurrentDictionary<string, Task> _chatting = new();
    private readonly ConcurrentDictionary<string, bool> _ended = new();
    private CancellationToken _stop = new(canceled: true);
    private int _sent;

    public Listener(SoakClient client, SoakLedger ledger, SoakSettings settings, Pace pace, string topic)
    {
        _client = client;
        _ledger = ledger;
        _settings = settings;
        _pace = pace;
        Topic = topic;
        client.OnOffer = o => _ = AcceptAsync(o);
        client.OnMatched = Recognise;
        client.OnEnded = e => _ended[e.ConversationId] = true;
        client.OnResync = RefreshAsync;
    }

    public string Topic { get; }

    private string Handle => _client.Handle;

    public async Task SetupAsync()
    {
        await _client.RetryAsync<object?>(TimeSpan.FromSeconds(60), "Volunteer",
            new { topics = new[] { Topic }, experiences = Array.Empty<string>(), maxConcurrentChats = _settings.ListenerCapacity, acceptsTeens = false, agreedToGuide = true });
        await _client.RetryAsync<object?>(TimeSpan.FromSeconds(60), "SetAvailable", true);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        _stop = stop;
        while (!stop.IsCancellationRequested)
        {
            await _pace.Wait(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12), stop);
            try
            {
                await RefreshAsync();
            }
            catch (SoakCallException)
            {
                // Next time.
            }
        }

        await Task.WhenAll(_chatting.Values);
    }

    /// <summary>GetMe (available again if the server set it unavailable) and ListConversations (capacity, missed matches).</summary>
    public async Task RefreshAsync()
    {
        var me = await _client.CallAsync<Member>("GetMe");
        if (me.Listener is { Available: false } && !_stop.IsCancellationRequested)
        {
            _ledger.Count("listeners set available again");
            await _client.CallAsync<object?>("SetAvailable", true);
        }

        var conversations = await _client.CallAsync<Conversation[]>("ListConversations");
        foreach (var conversation in conversations)
        {
            Recognise(conversation);
        }

        var active = conversations.Count(c => c.Role == "listener" && c.EndedAt is null);
        _ledger.Count("capacity samples");
        if (active > _settings.ListenerCapacity)
        {
            _ledger.CapacityViolations.Enqueue($"[{_ledger.Now.TotalSeconds:F0}s] {Handle} lists {active} active conversations, capacity {_settings.ListenerCapacity}");
        }
    }

    /// <summary>At the end: which of this listener's conversations are still open (for the capacity check over time).</summary>
    public async Task MarkActiveAtEndAsync()
    {
        foreach (var conversation in await _client.RetryAsync<Conversation[]>(TimeSpan.FromSeconds(60), "ListConversations"))
        {
            var record = _ledger.Saw(conversation, Handle);
            record.ActiveAtEnd = conversation.EndedAt is null;
        }
    }

    private async Task AcceptAsync(Offer offer)
    {
        _ledger.Count("offers received");
        if (_pace.Next() < 0.1)
        {
            try
            {
                await _client.CallAsync("DeclineOffer", offer.OfferId);
                _ledger.Count("offers declined");
            }
            catch (SoakCallException)
            {
                // It expires instead.
            }

            return;
        }

        while (DateTime.UtcNow < offer.ExpiresAt)
        {
            try
            {
                var conversation = await _client.CallAsync<Conversation>("AcceptOffer", offer.OfferId);
                _ledger.Count("offers accepted");
                _client.Follow(conversation.Channel);
                Recognise(conversation);
                return;
            }
            catch (SoakCallException e) when (e.Code is "conflict" or "not_found")
            {
                _ledger.Count("offers gone when accepted");
                return;
            }
            catch (SoakCallException e) when (e.Transient)
            {
                await Task.Delay(1000);
            }
            catch (SoakCallException e)
            {
                _ledger.Count($"accepts refused: {e.Code}");
                return;
            }
        }
    }

    private void Recognise(Conversation conversation)
    {
        _ledger.Saw(conversation, Handle);
        if (conversation.Role != "listener")
        {
            return;
        }

        _client.Follow(conversation.Channel);
        if (conversation.EndedAt is not null)
        {
            _ended[conversation.ConversationId] = true;
            return;
        }

        lock (_chatting)
        {
            if (!_ended.ContainsKey(conversation.ConversationId) && !_stop.IsCancellationRequested && !_chatting.ContainsKey(conversation.ConversationId))
            {
                _chatting[conversation.ConversationId] = ChatAsync(conversation);
            }
        }
    }

    private async Task ChatAsync(Conversation conversation)
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested && !_ended.ContainsKey(conversation.ConversationId))
        {
            _client.Send(conversation.Channel, $"soak: listener {Handle} says #{Interlocked.Increment(ref _sent)}");
            await _pace.Wait(_settings.SendEveryMin, _settings.SendEveryMax, _stop);
        }
    }
}
