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

    /// <summary>Every open conversation again, as <c>Matched</c>, to one node that may have missed some (idempotent for clients).</summary>
    public void ResendActive(IChatObserver node)
    {
        foreach (var conversation in S.Conversations.Where(c => c.EndedAt is null))
        {
            _ = node.Matched(m.MemberId, conversation);
        }
    }

    public Conversation[] List()
    {
        var active = S.Conversations.Where(c => c.EndedAt is null).OrderByDescending(c => c.StartedAt);
        var ended = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedKept);
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
            conversation = conversation with { EndedAt = endedAt };
        }

        var added = listener.Record(conversation);
        var answered = seeker.Matched(S, requestId);
        if (!added && !answered)
        {
            return;
        }

        await m.Writes.TryWrite("after a conversation started");
        if (added && conversation.EndedAt is null)
        {
            m.Notify(n => n.Matched(m.MemberId, conversation));
        }

        if (conversation.Role == MemberRoles.Listener)
        {
            await listener.PushSnapshot();
        }

        await m.WatchPresence();
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

        var conversation = S.Conversations[index] with { EndedAt = endedAt };
        S.Conversations[index] = conversation;
        // The very entries kept (by reference: a record's own hash reads every field, strings and all).
        var keep = S.Conversations.Where(c => c.EndedAt is not null).OrderByDescending(c => c.EndedAt).Take(EndedKept)
            .ToHashSet<Conversation>(ReferenceEqualityComparer.Instance);
        S.Conversations.RemoveAll(c => c.EndedAt is not null && !keep.Contains(c));
        await m.Writes.TryWrite("after a conversation ended");
        m.Notify(n => n.ConversationEnded(m.MemberId, ended));
        if (conversation.Role == MemberRoles.Listener)
        {
            await listener.PushSnapshot();
        }
    }
}
