using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;

namespace MatchChat.Grains.Members;

/// <summary>A member's conversations, as seeker or listener: the active ones and the 20 most recently ended.</summary>
internal sealed class ChatList(IMemberContext m, SeekerRole seeker, ListenerRole listener)
{
    public const int EndedKept = 20;

    /// <summary>How many ends of conversations this grain has no record of are remembered (memory only, this activation).</summary>
    private const int EndedFirstKept = 16;

    /// <summary>Ends that arrived before their start: conversation id → when it ended.</summary>
    private readonly Dictionary<string, DateTime> _endedFirst = new(StringComparer.Ordinal);

    private MemberState S => m.State;

    public IEnumerable<string> ActiveChannels => S.Conversations.Where(c => c.EndedAt is null).Select(c => c.Channel);

    public bool IsOpen(string conversationId) => S.Conversations.Exists(c => c.ConversationId == conversationId && c.EndedAt is null);

    /// <summary>The member's last connection went, or one came back: one-way to each open conversation, which tells the peer.</summary>
    public void TellPeers(bool online)
    {
        foreach (var conversation in S.Conversations)
        {
            if (conversation.EndedAt is null)
            {
                _ = m.Grains.Ref<IConversationGrain>(conversation.ConversationId).PresenceChanged(m.MemberId, online);
            }
        }
    }

    /// <summary>
    /// For a node this grain did not know (it may have missed events): every open conversation again as <c>Matched</c>,
    /// after asking each conversation whether it is still open. One whose end this grain never stored (a best-effort
    /// write that failed before a reload) is ended here now, which tells the nodes. No answer within 2 s: sent as open.
    /// </summary>
    public async Task ResendActive(IChatObserver node)
    {
        var open = S.Conversations.Where(c => c.EndedAt is null).ToArray();
        if (open.Length == 0)
        {
            return;
        }

        var checks = await Task.WhenAll(open.Select(Check));
        for (var i = 0; i < open.Length; i++)
        {
            if (checks[i] is { Ended: { } ended })
            {
                await OnEnded(ended, ended.EndedAt);
            }
            else if (checks[i] is null or { Open: true })
            {
                _ = node.Matched(m.MemberId, open[i]);
            }

            // Neither open nor ended for this member (the conversation has no such record): nothing is sent.
        }
    }

    // Bounded: the node's renewal waits for this Attach (a conversation whose silo is gone would hold it 10 s).
    private Task<ConversationCheck?> Check(Conversation conversation) =>
        BoundedCall.OrDefault(m.Grains.Ref<IConversationGrain>(conversation.ConversationId).Confirm(m.MemberId, tellMember: false), TimeSpan.FromSeconds(2));

    public Conversation[] List()
    {
        var active = S.Conversations.Where(c => c.EndedAt is null).OrderByDescending(c => c.StartedAt);
        // An ended conversation shows no bio (records stored before the end cleared it may still hold one).
        var ended = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedKept)
            .Select(c => c.PeerBio is null ? c : c with { PeerBio = null });
        return active.Concat(ended).ToArray();
    }

    public async Task End(string conversationId)
    {
        _ = S.Conversations.FirstOrDefault(c => c.ConversationId == conversationId)
            ?? throw MatchChatException.NotFound("You have no conversation with that id.");
        await m.Grains.Ref<IConversationGrain>(conversationId).End(m.MemberId, EndReasons.Ended);
    }

    /// <summary>
    /// From the conversation grain, to both participants, once per start (and again if a start is repeated): the seeker
    /// recognises the answer to their request by its id. A fact already true there, so it is applied and written best-effort.
    /// </summary>
    public async Task OnStarted(Conversation conversation, string requestId)
    {
        if (_endedFirst.Remove(conversation.ConversationId, out var endedAt))
        {
            conversation = conversation with { EndedAt = endedAt, PeerBio = null };
        }

        var added = listener.Record(conversation);
        var answered = seeker.Matched(S, requestId);
        // A start told again (the conversation's retell, a repeated start) carries the listener's bio as the conversation
        // now has it: a bio change whose one-way tell was lost is repaired here.
        var repaired = !added && RepairBio(conversation);
        if (!added && !answered && !repaired)
        {
            return;
        }

        if (added && conversation.EndedAt is not null)
        {
            TrimEnded();
        }

        await m.Writes.TryWrite("after a conversation started");
        if (added || repaired)
        {
            // Ended already (its end came first): the seeker's page still learns which conversation answered the request.
            // Repaired: the seeker's open pages take in the bio as it now stands.
            m.Notify(n => n.Matched(m.MemberId, conversation));
        }

        if (conversation.Role == MemberRoles.Listener)
        {
            await listener.PushSnapshot();
        }

        await m.WatchPresence();
    }

    private bool RepairBio(Conversation told)
    {
        var index = S.Conversations.FindIndex(c => c.ConversationId == told.ConversationId);
        if (index < 0 || S.Conversations[index] is not { EndedAt: null, Role: MemberRoles.Seeker } mine || told.EndedAt is not null
            || mine.PeerBio == told.PeerBio)
        {
            return false;
        }

        S.Conversations[index] = mine with { PeerBio = told.PeerBio };
        return true;
    }

    public async Task OnEnded(ConversationEnded ended, DateTime endedAt)
    {
        var index = S.Conversations.FindIndex(c => c.ConversationId == ended.ConversationId);
        if (index < 0)
        {
            // The end came before the start (both are one-way; a start re-sent to a grain that lost its record can
            // arrive after the end): the start, when it comes, is recorded as ended.
            if (_endedFirst.Count >= EndedFirstKept)
            {
                _endedFirst.Remove(_endedFirst.MinBy(e => e.Value).Key);
            }

            _endedFirst[ended.ConversationId] = endedAt;
            m.Notify(n => n.ConversationEnded(m.MemberId, ended));
            return;
        }

        if (S.Conversations[index].EndedAt is not null)
        {
            return;
        }

        // [network] The listener's bio is shared for the time of the conversation: a listener who deletes their data, or
        // any past peer, leaves no copy of it in the other's list (an outside probe read a deleted listener's bio there).
        var conversation = S.Conversations[index] with { EndedAt = endedAt, PeerBio = null };
        S.Conversations[index] = conversation;
        TrimEnded();
        await m.Writes.TryWrite("after a conversation ended");
        m.Notify(n => n.ConversationEnded(m.MemberId, ended));
        if (conversation.Role == MemberRoles.Listener)
        {
            await listener.PushSnapshot();
        }
    }

    /// <summary>Keeps the <see cref="EndedKept"/> most recently ended (by reference: a record's own hash reads every field, strings and all).</summary>
    private void TrimEnded()
    {
        var keep = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedKept)
            .ToHashSet<Conversation>(ReferenceEqualityComparer.Instance);
        S.Conversations.RemoveAll(c => c.EndedAt is not null && !keep.Contains(c));
    }
}
