using System.Collections.Concurrent;
using MatchChat.Soak.Checks;
using MatchChat.Soak.Clients;

namespace MatchChat.Soak.Behaviours;

/// <summary>
/// Someone asking for a listener, again and again: asks, waits (sometimes cancels), talks for a while, ends the
/// conversation, pauses, asks again. Learns what happened to a request as the page does (QueueUpdated, Matched,
/// ListConversations after a reconnect) and, while waiting, lists conversations every 15 s in case both pushes
/// were lost.
/// </summary>
public sealed class Seeker
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(15);

    private readonly SoakClient _client;
    private readonly SoakLedger _ledger;
    private readonly SoakSettings _settings;
    private readonly Pace _pace;
    private readonly ConcurrentDictionary<string, Conversation> _active = new();
    private readonly ConcurrentDictionary<string, bool> _done = new();
    private readonly ConcurrentDictionary<string, bool> _unrecognised = new();
    private volatile SeekerRequest? _open;
    private volatile bool _unknownOpen;
    private TimeSpan _unknownSince;
    private TimeSpan? _cancelAt;
    private TimeSpan? _giveUpAt;
    private TimeSpan _lastPoll;
    private int _sent;

    public Seeker(SoakClient client, SoakLedger ledger, SoakSettings settings, Pace pace, string topic)
    {
        _client = client;
        _ledger = ledger;
        _settings = settings;
        _pace = pace;
        Topic = topic;
        client.OnTicket = OnTicket;
        client.OnMatched = c => Recognise(c, "Matched");
        client.OnEnded = e =>
        {
            _active.TryRemove(e.ConversationId, out _);
            _done[e.ConversationId] = true;
        };
        client.OnResync = RefreshAsync;
    }

    public string Topic { get; }

    private string Handle => _client.Handle;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (_active.Values.FirstOrDefault() is { } conversation)
            {
                await ChatAsync(conversation, stop);
            }
            else if (_open is null && !_unknownOpen)
            {
                await _pace.Wait(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), stop);
                if (!stop.IsCancellationRequested)
                {
                    await RequestAsync();
                }
            }
            else
            {
                await _pace.Wait(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.5), stop);
                await TendOpenRequestAsync();
            }
        }
    }

    /// <summary>At the end: a request still waiting is cancelled, so that every request ends by a rule.</summary>
    public async Task FinishAsync()
    {
        if (_unknownOpen)
        {
            _client.Reconnect();
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        if (_open is not { Outcome: null } request)
        {
            return;
        }

        try
        {
            await _client.RetryAsync<object?>(TimeSpan.FromSeconds(60), "CancelRequest", request.RequestId);
            request.SetOutcome("cancelled", "CancelRequest at the end");
        }
        catch (SoakCallException)
        {
            // Matched or expired meanwhile: the final ListConversations finds out which.
        }
    }

    private void OnTicket(QueueTicket ticket)
    {
        var open = ticket.Status is "waiting" or "offered";
        if (!_ledger.Requests.TryGetValue(ticket.RequestId, out var request))
        {
            if (open && !_unknownOpen)
            {
                // Most likely the push that came before RequestListener's own answer: that answer records it.
                return;
            }

            // A request whose answer this client lost (RequestListener failed, yet the queue has it).
            request = _ledger.Request(ticket.RequestId, Handle, ticket.Topic, "QueueUpdated");
            _ledger.Count("requests learned from QueueUpdated");
            if (open)
            {
                _open = request;
                _unknownOpen = false;
            }
        }

        if (!open && request.SetOutcome(ticket.Status, "QueueUpdated") && ticket.Status == "expired")
        {
            _ledger.Observe($"a request expired while its seeker was connected ({ticket.Topic})");
        }

        if (!open && _open == request)
        {
            _open = null;
            _lastPoll = TimeSpan.Zero; // a matched request's conversation may need a listing to be found
        }
    }

    private void Recognise(Conversation conversation, string source)
    {
        _ledger.Saw(conversation, Handle);
        if (conversation.Role != "seeker")
        {
            return;
        }

        var request = _ledger.Requests.Values.FirstOrDefault(r => r.SeekerHandle == Handle && ConversationIds.Answers(conversation.ConversationId, r.RequestId));
        if (request is null)
        {
            if (_unrecognised.TryAdd(conversation.ConversationId, true))
            {
                _ledger.Count("conversations answering a request the seeker never heard of");
            }
        }
        else
        {
            if (request.SetOutcome("matched", source) && source != "Matched")
            {
                _ledger.Count($"matches learned from {source}");
            }

            if (_open == request)
            {
                _open = null;
            }
        }

        if (conversation.EndedAt is not null)
        {
            _active.TryRemove(conversation.ConversationId, out _);
            _done[conversation.ConversationId] = true;
        }
        else if (!_done.ContainsKey(conversation.ConversationId))
        {
            _active.TryAdd(conversation.ConversationId, conversation);
        }
    }

    private async Task RefreshAsync()
    {
        foreach (var conversation in await _client.CallAsync<Conversation[]>("ListConversations"))
        {
            Recognise(conversation, "ListConversations");
        }
    }

    private async Task RequestAsync()
    {
        try
        {
            var ticket = await _client.CallAsync<QueueTicket>("RequestListener", new { topic = Topic, experiences = Array.Empty<string>(), note = (string?)null });
            var request = _ledger.Request(ticket.RequestId, Handle, Topic, "ticket");
            _ledger.Count("requests made");
            _open = request;
            _lastPoll = _ledger.Now;
            _giveUpAt = null;
            _cancelAt = _pace.Next() < 0.15 ? _ledger.Now + _pace.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12)) : null;
        }
        catch (SoakCallException e) when (e.Code == "conflict")
        {
            // An earlier attempt reached the queue after all; its ticket comes with the next attach.
            _unknownOpen = true;
            _unknownSince = _ledger.Now;
        }
        catch (SoakCallException e) when (!e.Transient)
        {
            _ledger.Count($"requests refused: {e.Code}");
        }
        catch (SoakCallException)
        {
            // Transient: asked again on the next turn.
        }
    }

    private async Task TendOpenRequestAsync()
    {
        var now = _ledger.Now;
        if (_open is { } request)
        {
            if (request.Outcome is not null)
            {
                _open = null;
                return;
            }

            if (_cancelAt is { } cancelAt && now >= cancelAt)
            {
                await CancelAsync(request);
                return;
            }

            if (_giveUpAt is { } giveUp && now >= giveUp)
            {
                _ledger.Observe($"request {request.RequestId[..8]}… was no longer open, and 30 s later its seeker still did not know why");
                _open = null;
                return;
            }
        }

        if (now - _lastPoll > PollEvery)
        {
            _lastPoll = now;
            try
            {
                await RefreshAsync();
            }
            catch (SoakCallException)
            {
                // Next poll.
            }
        }

        if (_unknownOpen && now - _unknownSince > TimeSpan.FromSeconds(20))
        {
            _unknownSince = now;
            _ledger.Count("reconnects to learn an open request");
            _client.Reconnect();
        }
    }

    private async Task CancelAsync(SeekerRequest request)
    {
        try
        {
            await _client.CallAsync("CancelRequest", request.RequestId);
            request.SetOutcome("cancelled", "CancelRequest");
            _ledger.Count("requests cancelled by their seeker");
            _open = null;
            _cancelAt = null;
        }
        catch (SoakCallException e) when (e.Code is "conflict" or "not_found")
        {
            // No longer waiting: matched or expired. Find out which.
            _cancelAt = null;
            _giveUpAt = _ledger.Now + TimeSpan.FromSeconds(30);
            _lastPoll = TimeSpan.Zero;
        }
        catch (SoakCallException e) when (e.Transient)
        {
            // Tried again on the next turn.
        }
        catch (SoakCallException e)
        {
            _ledger.Count($"cancels refused: {e.Code}");
            _cancelAt = null;
        }
    }

    private async Task ChatAsync(Conversation conversation, CancellationToken stop)
    {
        var messages = _pace.Between(6, 16);
        for (var i = 0; i < messages && !stop.IsCancellationRequested && _active.ContainsKey(conversation.ConversationId); i++)
        {
            _client.Send(conversation.Channel, $"soak: seeker {Handle} says #{Interlocked.Increment(ref _sent)}");
            await _pace.Wait(_settings.SendEveryMin, _settings.SendEveryMax, stop);
        }

        if (stop.IsCancellationRequested || !_active.ContainsKey(conversation.ConversationId))
        {
            return;
        }

        // Let what was written arrive first, then end it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_client.Outbox.CountFor(conversation.Channel) > 0 && DateTime.UtcNow < deadline && !stop.IsCancellationRequested)
        {
            await Task.Delay(250, CancellationToken.None);
        }

        try
        {
            await _client.RetryAsync<object?>(TimeSpan.FromSeconds(60), "EndConversation", conversation.ConversationId);
            _ledger.Count("conversations ended by their seeker");
        }
        catch (SoakCallException e)
        {
            _ledger.Count($"ends refused: {e.Code}");
        }

        _active.TryRemove(conversation.ConversationId, out _);
        _done[conversation.ConversationId] = true;
    }
}
