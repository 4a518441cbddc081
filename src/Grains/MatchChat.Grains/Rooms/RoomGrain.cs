using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Persistence;
using MatchChat.Grains.Push;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace MatchChat.Grains.Rooms;

/// <summary>
/// One per topic room: who has joined (bounded by <see cref="RoomMembership"/>), and the room's messages (through the store).
/// Moderators' mutes and bans, and each reader's blocks, are in RoomGrain.Moderation.cs.
/// </summary>
[MayInterleave(nameof(Interleaves))]
public sealed partial class RoomGrain(
    [PersistentState("room", StorageNames.Grains)] IPersistentState<RoomState> state,
    DeepCopier<RoomState> copier,
    TopicCatalog topics,
    IMessageStore store,
    IOptions<MatchChatTimings> timings,
    TimeProvider time,
    ILogger<RoomGrain> logger) : ChannelGrainBase(store, timings, time), IRoomGrain
{
    private readonly TimeSpan _membership = timings.Value.RoomMembership;
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private WriteThrough<RoomState>? _writes;

    private string? _slug;
    private string? _channel;

    /// <summary>The room's slug, read from the grain key once per activation (each read of the key builds a new string).</summary>
    private string Slug => _slug ??= this.GetPrimaryKeyString();

    private WriteThrough<RoomState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    protected override string Channel => _channel ??= Channels.ForRoom(Slug);

    protected override IEnumerable<string> MemberIds => RoomMembership.RecentlyPresent(state.State, Now);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (RoomMembership.Prune(state.State, Now, _membership) | RoomModeration.Prune(state.State, Now))
        {
            // Best-effort: the same pruning happens again on the next activation if this write does not land.
            await Writes.TryWrite("after pruning lapsed members");
        }

        _mutesToldUntil = Now;
        ArmMuteEnds();
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<Room> Join(string memberId, string handle)
    {
        RequireNotBanned(memberId);
        if (!state.State.Members.ContainsKey(memberId))
        {
            await Writes.Change(s =>
            {
                s.Members[memberId] = handle;
                s.LastSeen[memberId] = Now;
            });
            // The one joining is present (they are calling): counted in the event the others hear, as in the answer.
            _present.Add(memberId);
            PushCount();
        }
        else if (_present.Add(memberId))
        {
            // A member joining again (a page reloaded) who was not counted as present: the others hear the new count.
            PushCount();
        }

        return Snapshot(joined: true, memberId);
    }

    /// <summary>The room as the member now sees it (out of it), for their other pages.</summary>
    public async Task<Room> Leave(string memberId)
    {
        if (state.State.Members.ContainsKey(memberId))
        {
            await Writes.Change(s =>
            {
                s.Members.Remove(memberId);
                s.LastSeen.Remove(memberId);
            });
            _present.Remove(memberId);
            PushCount();
        }

        // A topic an operator has since taken out of the configuration: a bare room, so leaving it (and deleting one's
        // data, and a suspension, which leave every room) still succeeds.
        return topics.Find(Slug) is null
            ? new Room(Slug, Channel, Slug, "", state.State.Members.Count)
            : Snapshot(joined: false);
    }

    public async Task<bool> Seen(string memberId)
    {
        if (!state.State.Members.ContainsKey(memberId))
        {
            return false;
        }

        if (_present.Add(memberId))
        {
            CountChanged();
        }

        if (RoomMembership.Touch(state.State, memberId, Now))
        {
            // Presence is a hint: kept in memory if storage does not answer now.
            await Writes.TryWrite("after a member was seen");
        }

        return true;
    }

    public Task Absent(string memberId)
    {
        if (_present.Remove(memberId) && state.State.Members.ContainsKey(memberId))
        {
            CountChanged();
        }

        return Task.CompletedTask;
    }

    public Task<Room> Describe(string? memberId = null) =>
        Task.FromResult(Snapshot(joined: memberId is not null && state.State.Members.ContainsKey(memberId), memberId));

    protected override CrisisText DescribeForScreen(string memberId, string handle, Message message) =>
        new(memberId, handle, message.Text, CrisisSources.Message, CrisisRoles.Room, Slug, message.Channel, message.Seq);

    protected override string RequireReader(string memberId) =>
        state.State.Members.TryGetValue(memberId, out var handle)
            ? handle
            : throw MatchChatException.Forbidden("Join the room first.");

    /// <summary>Present: joined members with an open connection (told by their member grains; memory only, re-learnt
    /// after a restart as members' grains answer <c>OnChannelActivated</c>).</summary>
    /// <summary>The room; with <paramref name="memberId"/>, as that member sees it (whether a mute of theirs holds).</summary>
    private Room Snapshot(bool joined, string? memberId = null)
    {
        var topic = topics.Find(Slug) ?? throw MatchChatException.NotFound("There is no room with that name.");
        var present = _present.Count(state.State.Members.ContainsKey);
        var muted = memberId is not null && RoomModeration.IsMuted(state.State, memberId, Now);
        var until = muted && state.State.MutedUntil[memberId!] is var end && end != DateTime.MaxValue ? end : (DateTime?)null;
        return new Room(Slug, Channel, topic.Title, topic.Audience, state.State.Members.Count, joined, present, muted, until);
    }

    private void PushCount()
    {
        if (topics.Find(Slug) is null)
        {
            return;  // Nobody can be in a room whose topic is gone from the configuration; nothing to tell.
        }

        // Sent to the room's channel: everyone who receives it has joined.
        var room = Snapshot(joined: true);
        _pushedPresent = room.PresentCount;
        Nodes.Notify(n => n.RoomUpdated(room));
    }
}
