using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Rooms;
using MatchChat.Web.Safety;

namespace MatchChat.Web.Hubs;

/// <summary>Moderate (PROTOCOL.md, Trust and safety): a moderator mutes, unmutes, removes, bans or unbans a member in a room,
/// and (an addition) removes a single room message.</summary>
public sealed partial class ChatHub
{
    public async Task Moderate(ModerateArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {room, handle, action, minutes?}.");
        }

        var slug = InputRules.Topic(args.Room, "room");
        var handle = InputRules.Handle(args.Handle);
        var action = args.Action is { } a && RoomActions.All.Contains(a)
            ? a
            : throw MatchChatException.Invalid("action must be mute, unmute, remove, ban or unban.");
        if (args.Minutes is { } minutes)
        {
            if (!RoomActions.TakesMinutes(action))
            {
                throw MatchChatException.Invalid("minutes applies to mute and ban only; leave it out.");
            }

            if (minutes is < 1 or > RoomActions.MaxMinutes)
            {
                throw MatchChatException.Invalid($"minutes must be 1 to {RoomActions.MaxMinutes} (a year); leave it out for until undone.");
            }
        }

        // Rights before lookups: a member who is not a moderator learns nothing about rooms or handles here.
        await RequireModerator();
        _ = topics.Find(slug) ?? throw MatchChatException.NotFound("There is no room with that name. The rooms list shows them all.");
        var memberId = await HandleDirectory.RequireAsync(grains, handle);
        if (memberId == MemberId)
        {
            throw MatchChatException.Invalid("You cannot moderate yourself.");
        }

        await grains.Ref<IRoomGrain>(slug).Moderate(memberId, action, args.Minutes);
    }

    /// <summary>
    /// A moderator removes one room message (an addition): its text is erased for good and the room's members hear
    /// <c>MessageRemoved</c>. Rooms only: a conversation is private to its two members, who can report and block.
    /// </summary>
    public async Task RemoveRoomMessage(RemoveRoomMessageArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {room, seq}.");
        }

        var slug = InputRules.Topic(args.Room, "room");
        var seq = args.Seq is >= 1 ? args.Seq.Value : throw MatchChatException.Invalid("seq must be the message's seq (1 or more).");
        await RequireModerator();
        _ = topics.Find(slug) ?? throw MatchChatException.NotFound("There is no room with that name. The rooms list shows them all.");
        await grains.Ref<IRoomGrain>(slug).RemoveMessage(seq);
    }
}
