using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Grains;
using MatchChat.Contracts.Model;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Push;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Conversations;

/// <summary>One per conversation: the two participants, status, and the channel's messages (through the store).</summary>
public sealed class ConversationGrain(
    [PersistentState("conversation", StorageNames.Grains)] IPersistentState<ConversationState> state,
    IMessageStore store,
    IOptions<MatchChatTimings> timings,
    TimeProvider time) : ChannelGrainBase(store, timings, time), IConversationGrain
{
    private ConversationState S => state.State;

    protected override string Channel => Channels.ForConversation(this.GetPrimaryKeyString());

    protected override IEnumerable<string> MemberIds => S.Exists && S.EndedAt is null ? [S.SeekerId, S.ListenerId] : [];

    public async Task Start(ConversationStart start)
    {
        if (S.Exists)
        {
            // A retried start (its first answer was lost): tell the seeker again; OnConversationStarted is idempotent.
            if (S.SeekerId == start.SeekerId && S.ListenerId == start.ListenerId && S.EndedAt is null)
            {
                NotifySeeker(start.RequestId);
            }

            return;
        }

        S.Topic = start.Topic;
        S.SeekerId = start.SeekerId;
        S.SeekerHandle = start.SeekerHandle;
        S.ListenerId = start.ListenerId;
        S.ListenerHandle = start.ListenerHandle;
        S.SharedExperiences = start.SharedExperiences;
        S.StartedAt = Now;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not started: forget it here, and let a retry read from storage whether the write landed after all.
            state.State = new ConversationState();
            this.DeactivateOnIdle();
            throw;
        }

        NotifySeeker(start.RequestId);
    }

    private void NotifySeeker(string requestId)
    {
        var seekerView = new Conversation(this.GetPrimaryKeyString(), Channel, S.Topic!, S.ListenerHandle, "seeker", S.SharedExperiences, S.StartedAt, null);
        _ = GrainFactory.GetGrain<IMemberGrain>(S.SeekerId).OnConversationStarted(seekerView, requestId);
    }

    public async Task End(string memberId, string reason)
    {
        var handle = RequireReader(memberId);
        if (S.EndedAt is not null)
        {
            // Already ended: tell the caller again, in case that notice was lost (it frees a listener's capacity).
            var again = new ConversationEnded(this.GetPrimaryKeyString(), S.EndedBy ?? handle, reason);
            _ = GrainFactory.GetGrain<IMemberGrain>(memberId).OnConversationEnded(again, S.EndedAt.Value);
            return;
        }

        S.EndedAt = Now;
        S.EndedBy = handle;
        await state.WriteStateAsync();
        var ended = new ConversationEnded(this.GetPrimaryKeyString(), handle, reason);
        _ = GrainFactory.GetGrain<IMemberGrain>(S.SeekerId).OnConversationEnded(ended, S.EndedAt.Value);
        _ = GrainFactory.GetGrain<IMemberGrain>(S.ListenerId).OnConversationEnded(ended, S.EndedAt.Value);
    }

    protected override string RequireReader(string memberId)
    {
        if (!S.Exists)
        {
            throw MatchChatException.NotFound("There is no conversation on that channel.");
        }

        return memberId == S.SeekerId ? S.SeekerHandle
            : memberId == S.ListenerId ? S.ListenerHandle
            : throw MatchChatException.Forbidden("You are not part of this conversation.");
    }

    protected override void RequireWriter(string memberId)
    {
        RequireReader(memberId);
        if (S.EndedAt is not null)
        {
            throw MatchChatException.Conflict("This conversation has ended. You can still read it, or ask for a new listener.");
        }
    }
}
