using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Network;
using MatchChat.Contracts.Telemetry;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Persistence;
using MatchChat.Grains.Push;
using MatchChat.Grains.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Storage;

namespace MatchChat.Grains.Conversations;

/// <summary>
/// One per conversation: the two participants, status, and the channel's messages (through the store). Started by
/// the topic queue under an id derived from the request, so a repeated start is harmless and a start whose answer
/// was lost is settled by asking (<see cref="Abandon"/>).
/// Its state is not read at activation (<see cref="LazyState{T}"/>): a start, nearly always its first call, stores the
/// new conversation blind and reads only when that is refused; every other first call reads first (<see cref="Invoke"/>).
/// On PostgreSQL that is one round trip fewer on the way from an accepted offer to <c>Matched</c>.
/// An idle activation goes after two minutes instead of the silo's default collection age (15): an open conversation
/// is called every renewal (10 s) while a member is connected, but an ended one is only read now and then (its
/// history, a thank-you, a report), and a matching burst ends thousands that each kept an activation for 15 minutes
/// (docs/benchmarks.md, stops 45 and 47). A read activates it again. (A timer per ended conversation that deactivated
/// it after a minute was measured and not kept: stop 47.)
/// </summary>
[MayInterleave(nameof(Interleaves))]
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class ConversationGrain(
    DeepCopier<ConversationState> copier,
    IMessageStore store,
    IRetentionStore endings,
    IOptions<MatchChatTimings> timings,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : ChannelGrainBase(store, timings, time), IConversationGrain
{
    private WriteThrough<ConversationState>? _writes;
    private string? _id;
    private string? _channel;
    private LazyState<ConversationState>? _state;

    /// <summary>When this activation last told both members that the conversation is open (<see cref="TimeProvider"/> timestamp).</summary>
    private long? _toldAt;

    /// <summary>The send path's copy of <see cref="MatchChatTimings.ConversationRetell"/>, read once.</summary>
    private readonly TimeSpan _retell = timings.Value.ConversationRetell;

    private LazyState<ConversationState> Stored => _state ??= new(
        "conversation", GrainContext, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));

    private ConversationState S => Stored.State;

    /// <summary>Every call but <see cref="Start"/> finds the state read (once per activation; interleaving calls share the read).</summary>
    protected override async Task BeforeInvoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName != nameof(Start))
        {
            await ReadIfUnknown();
        }
    }

    /// <summary>Reads the state if this activation does not know it yet; a conversation that moved tells its members' nodes.</summary>
    private async Task ReadIfUnknown()
    {
        if (await Stored.EnsureRead())
        {
            AnnounceActivation();
        }
    }

    private WriteThrough<ConversationState> Writes => _writes ??= new(Stored, copier, DeactivateOnIdle, logger);

    /// <summary>The conversation's id, read from the grain key once per activation (each read of the key builds a new string).</summary>
    private string Id => _id ??= this.GetPrimaryKeyString();

    protected override string Channel => _channel ??= Channels.ForConversation(Id);

    protected override IEnumerable<string> MemberIds => S.Exists && S.EndedAt is null ? [S.SeekerId, S.ListenerId] : [];

    public async Task<StartOutcome> Start(ConversationStart start)
    {
        var blind = !Stored.IsKnown;
        if (await Stored.TryCreate(s => Apply(s, start)))
        {
            return Started(start);
        }

        await ReadIfUnknown();
        if (S.Abandoned)
        {
            return StartOutcome.Abandoned;
        }

        if (S.Exists)
        {
            if (S.SeekerId != start.SeekerId || S.ListenerId != start.ListenerId)
            {
                return StartOutcome.Taken;
            }

            // A repeated start (its first answer was lost): tell both again; OnConversationStarted is idempotent.
            NotifyStarted();
            return StartOutcome.Started;
        }

        if (blind)
        {
            // The blind write was refused and storage holds no conversation: it did not answer. One write per start, as
            // a known state's start below (the caller retries; the queue settles a start nobody reports).
            throw MatchChatException.Unavailable("That could not be saved just now. Please try again in a moment.");
        }

        await Writes.Change(s => Apply(s, start));
        return Started(start);
    }

    private void Apply(ConversationState s, ConversationStart start)
    {
        s.Topic = start.Topic;
        s.SeekerId = start.SeekerId;
        s.SeekerHandle = start.SeekerHandle;
        s.ListenerId = start.ListenerId;
        s.ListenerHandle = start.ListenerHandle;
        s.SharedExperiences = start.SharedExperiences;
        s.RequestId = start.RequestId;
        s.StartedAt = start.AcceptedAt ?? Now;
        s.MatchReason = start.MatchReason;
        s.ListenerBio = start.ListenerBio;
    }

    private StartOutcome Started(ConversationStart start)
    {
        MatchChatMetrics.ConversationStarted(start.Topic);
        NotifyStarted();
        return StartOutcome.Started;
    }

    public async Task<bool> Abandon()
    {
        if (S.Exists)
        {
            NotifyStarted();
            return true;
        }

        if (!S.Abandoned)
        {
            await Writes.Change(s => s.Abandoned = true);
        }

        return false;
    }

    public Task<ConversationCheck> Confirm(string memberId, bool tellMember)
    {
        if (!S.Exists || (memberId != S.SeekerId && memberId != S.ListenerId))
        {
            return Task.FromResult(new ConversationCheck(false));
        }

        if (S.EndedAt is { } endedAt)
        {
            // As End told them: the ender hears their own reason, the other EndReasons.ForPeer of it.
            var handle = memberId == S.SeekerId ? S.SeekerHandle : S.ListenerHandle;
            var reason = S.EndReason ?? EndReasons.Ended;
            var endedBy = S.EndedBy ?? "system";
            return Task.FromResult(new ConversationCheck(false,
                new ConversationEnded(Id, endedBy, endedBy == handle ? reason : EndReasons.ForPeer(reason), endedAt)));
        }

        if (tellMember)
        {
            NotifyStarted(memberId);
        }

        return Task.FromResult(new ConversationCheck(true));
    }

    /// <summary>Tells both members (or only <paramref name="only"/>) that the conversation started; OnConversationStarted is idempotent.</summary>
    private void NotifyStarted(string? only = null)
    {
        if (S.EndedAt is not null)
        {
            return;
        }

        if (only is null)
        {
            _toldAt = Clock.GetTimestamp();
        }

        var id = Id;
        var seekerView = new Conversation(id, Channel, S.Topic!, S.ListenerHandle, MemberRoles.Seeker, S.SharedExperiences, S.StartedAt, null,
            S.MatchReason, S.ListenerBio, S.RequestId);
        if (only is null || only == S.SeekerId)
        {
            _ = GrainFactory.Ref<IMemberGrain>(S.SeekerId).OnConversationStarted(seekerView, S.RequestId);
        }

        if (only is null || only == S.ListenerId)
        {
            var listenerView = seekerView with { PeerHandle = S.SeekerHandle, Role = MemberRoles.Listener, PeerBio = null, RequestId = null };
            _ = GrainFactory.Ref<IMemberGrain>(S.ListenerId).OnConversationStarted(listenerView, S.RequestId);
        }
    }

    public Task End(string memberId, string reason) => End(memberId, reason, bySystem: reason == EndReasons.Suspended);

    private async Task End(string memberId, string reason, bool bySystem)
    {
        var handle = RequireReader(memberId);
        if (S.EndedAt is not null)
        {
            // Already ended: tell the caller again, in case that notice was lost (it frees a listener's capacity).
            var again = new ConversationEnded(Id, S.EndedBy ?? handle, reason, S.EndedAt.Value);
            _ = GrainFactory.Ref<IMemberGrain>(memberId).OnConversationEnded(again, S.EndedAt.Value);
            await RecordEnding();
            return;
        }

        // A suspension (or a revoked teen approval) is the moderators' doing, not the participant's.
        var endedBy = bySystem ? "system" : handle;
        await Writes.Change(s =>
        {
            s.EndedAt = Now;
            s.EndedBy = endedBy;
            s.EndReason = reason;
            // [network] The listener's bio is shared for the time of the conversation (ConversationGrain.Bio.cs).
            s.ListenerBio = null;
        });
        MatchChatMetrics.ConversationEnded(S.Topic!, reason);
        await RecordEnding();
        // The caller hears the reason; the other participant hears EndReasons.ForPeer of it (a block is not announced).
        var ended = new ConversationEnded(Id, endedBy, reason, S.EndedAt!.Value);
        var peerEnded = ended with { Reason = EndReasons.ForPeer(reason) };
        _ = GrainFactory.Ref<IMemberGrain>(S.SeekerId).OnConversationEnded(memberId == S.SeekerId ? ended : peerEnded, S.EndedAt!.Value);
        _ = GrainFactory.Ref<IMemberGrain>(S.ListenerId).OnConversationEnded(memberId == S.ListenerId ? ended : peerEnded, S.EndedAt.Value);
    }

    /// <summary>
    /// Tells the retention job when this conversation ended (idempotent). Best-effort: the ending stands either way; a
    /// later End call (either member, or a repeat) records it again.
    /// </summary>
    private async Task RecordEnding()
    {
        try
        {
            await endings.RecordConversationEndedAsync(Channel, S.EndedAt!.Value);
        }
        catch (Exception e)
        {
            logger.LogWarning("Conversation ending not recorded for retention ({ExceptionType})", e.GetType().Name);
        }
    }

    public Task PresenceChanged(string memberId, bool online)
    {
        if (S.Exists && S.EndedAt is null && (memberId == S.SeekerId || memberId == S.ListenerId))
        {
            var (peer, handle) = memberId == S.SeekerId ? (S.ListenerId, S.SeekerHandle) : (S.SeekerId, S.ListenerHandle);
            _ = GrainFactory.Ref<IMemberGrain>(peer).OnPeerPresence(new PeerPresence(Id, handle, online));
        }

        return Task.CompletedTask;
    }

    public async Task<bool?> PeerOnline(string memberId)
    {
        if (!S.Exists || S.EndedAt is not null || (memberId != S.SeekerId && memberId != S.ListenerId))
        {
            return null;
        }

        // Not known in time (the peer's silo is gone): null.
        return await BoundedCall.OrDefault(GrainFactory.Ref<IMemberGrain>(memberId == S.SeekerId ? S.ListenerId : S.SeekerId).IsOnline(), TimeSpan.FromSeconds(1));
    }

    /// <summary>The other participant's pages hear it through their grain (the channel's group is left when a conversation ends).</summary>
    public override Task SenderRedacted(string memberId, string handle)
    {
        if (S.Exists && (memberId == S.SeekerId || memberId == S.ListenerId))
        {
            var peer = memberId == S.SeekerId ? S.ListenerId : S.SeekerId;
            _ = GrainFactory.Ref<IMemberGrain>(peer).OnPeerRedacted(new MessagesRedacted(Channel, handle));
        }

        return Task.CompletedTask;
    }

    public Task<ConversationPeer> PeerOf(string memberId)
    {
        RequireReader(memberId);
        return Task.FromResult(memberId == S.SeekerId
            ? new ConversationPeer(S.ListenerId, S.ListenerHandle, S.StartedAt)
            : new ConversationPeer(S.SeekerId, S.SeekerHandle, S.StartedAt));
    }

    /// <summary>
    /// The first send of each activation, and then one at most every <see cref="MatchChatTimings.ConversationRetell"/>,
    /// tells both members again that the conversation is open. A member grain that lost the record while its member had
    /// no page open (a best-effort write that failed before the grain was reloaded) gets it back, and with it their next
    /// page lists the conversation; a grain that has the record changes nothing (one whose member is suspended or deleted
    /// ends the conversation, as it does any start: only possible when that member's withdrawal did not finish). (The web node's renewal repairs a record
    /// lost while a page was open: <see cref="Confirm"/>.)
    /// </summary>
    protected override void Sending()
    {
        if (_toldAt is not { } told || Clock.GetElapsedTime(told) >= _retell)
        {
            NotifyStarted();
        }
    }

    protected override CrisisText DescribeForScreen(string memberId, string handle, Message message)
    {
        var seeker = memberId == S.SeekerId;
        return new CrisisText(memberId, handle, message.Text, CrisisSources.Message, seeker ? CrisisRoles.Seeker : CrisisRoles.Listener,
            S.Topic, message.Channel, message.Seq, Id, seeker ? S.ListenerId : S.SeekerId);
    }

    protected override string RequireReader(string memberId)
    {
        if (!S.Exists)
        {
            throw MatchChatException.NotFound("There is no such conversation. ListConversations shows yours.");
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
