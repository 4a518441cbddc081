using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Contracts.Topics;
using MatchChat.Web.Auth;
using MatchChat.Web.Clients;
using MatchChat.Web.Push;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hubs;

/// <summary>
/// The client contract's hub (PROTOCOL.md). Thin: validate at the edge, one grain call, return.
/// The caller is always the token's member; no method takes a member id from the client.
/// Core methods are here; each wave-2 feature adds its methods in a file of its own (<c>ChatHub.&lt;Feature&gt;.cs</c>).
/// </summary>
[Authorize(AuthenticationSchemes = TokenAuthenticationHandler.SchemeName)]
public sealed partial class ChatHub(
    IGrainFactory grains, PushBridge push, TopicCatalog topics, MessageRateLimiter rateLimiter, TypingThrottle typing,
    BlockRateLimiter blockLimiter, TimeProvider time, ReportServices reports, ModeratorConnections moderators,
    SuggestionRateLimiter suggestionLimiter, MemberCloser closer) : Hub<IChatClient>
{
    private string MemberId => Context.UserIdentifier!;
    private IMemberGrain Me => grains.Ref<IMemberGrain>(MemberId);

    public override async Task OnConnectedAsync()
    {
        try
        {
            await push.ConnectAsync(MemberId, Context.ConnectionId);
            await reports.Moderators.ConnectAsync(MemberId, Context.ConnectionId);
            await moderators.ConnectAsync(MemberId, Context.ConnectionId);
        }
        catch (Exception)
        {
            // SignalR closes a connection whose OnConnectedAsync failed without calling OnDisconnectedAsync: undo it
            // here, or the node would keep it as the member's (attached and renewed, so never absent) for good.
            try
            {
                await OnDisconnectedAsync(null);
            }
            catch (Exception)
            {
                // Forgotten here already; the member's grain forgets this node when its registration expires.
            }

            throw;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        reports.Moderators.Disconnect(Context.ConnectionId);
        moderators.Disconnect(Context.ConnectionId);
        return push.DisconnectAsync(MemberId, Context.ConnectionId);
    }

    public Task<Member> GetMe() => Me.GetMe();

    public Task<QueueTicket> RequestListener(RequestListenerArgs? request)
    {
        if (request is null)
        {
            throw MatchChatException.Invalid("Send {topic, experiences?, note?}.");
        }

        var topic = InputRules.Topic(request.Topic);
        var experiences = InputRules.Experiences(request.Experiences);
        var note = InputRules.Note(request.Note);
        return WithinDeadline(() =>
        {
            // Inside WithinDeadline's async flow, so it rides on this call only.
            CallerConnection.Set(Context.ConnectionId);
            return request.PreferHandle is null ? Me.RequestListener(topic, experiences, note) : RequestPreferring(topic, experiences, note, request.PreferHandle);
        });
    }

    public Task CancelRequest(string requestId) => Me.CancelRequest(InputRules.Id(requestId, "requestId"));

    public async Task<ListenerProfile> Volunteer(VolunteerArgs? profile)
    {
        if (profile is null)
        {
            throw MatchChatException.Invalid("Send {topics, experiences, maxConcurrentChats, acceptsTeens?, bio?}.");
        }

        var topicSlugs = InputRules.Topics(profile.Topics);
        var experiences = InputRules.Experiences(profile.Experiences);
        var max = InputRules.MaxConcurrentChats(profile.MaxConcurrentChats);
        // Left out keeps the stored bio; sent empty (or blank) removes it.
        var bio = profile.Bio is null ? null : InputRules.Note(profile.Bio, "bio") ?? "";
        var schedule = await BeforeVolunteer(profile);
        return await AfterVolunteer(schedule, await Me.Volunteer(topicSlugs, experiences, max, profile.AcceptsTeens, bio));
    }

    public Task<ListenerProfile> SetAvailable(bool available) => Me.SetAvailable(available);

    public async Task<Conversation> AcceptOffer(string offerId)
    {
        var conversation = await Me.AcceptOffer(InputRules.Id(offerId, "offerId"));
        // Subscribed before the caller hears back, so the first message cannot outrun it.
        await push.JoinChannelAsync(MemberId, conversation.Channel);
        return conversation;
    }

    public Task DeclineOffer(string offerId) => Me.DeclineOffer(InputRules.Id(offerId, "offerId"));

    /// <summary>With each open conversation's <c>peerOnline</c>, so a page opened while the peer is away says so at once.</summary>
    public async Task<Conversation[]> ListConversations()
    {
        var list = await Me.ListConversations();
        var open = Enumerable.Range(0, list.Length).Where(i => list[i].EndedAt is null).ToArray();
        if (open.Length == 0)
        {
            return list;
        }

        var online = await Task.WhenAll(open.Select(i => PeerOnline(list[i].ConversationId)));
        var answer = (Conversation[])list.Clone();
        for (var k = 0; k < open.Length; k++)
        {
            answer[open[k]] = list[open[k]] with { PeerOnline = online[k] };
        }

        return answer;
    }

    /// <summary>Never fails the list: a conversation that cannot answer within 1.5 s (its silo went, an older silo) is "not known".</summary>
    private Task<bool?> PeerOnline(string conversationId) =>
        BoundedCall.OrDefault(grains.Ref<IConversationGrain>(conversationId).PeerOnline(MemberId), TimeSpan.FromSeconds(1.5));

    public Task EndConversation(string conversationId) => Me.EndConversation(InputRules.Id(conversationId, "conversationId"));

    public async Task<Room[]> ListRooms()
    {
        var me = await Me.GetMe();
        return await Task.WhenAll(topics.For(me.AgeGroup).Select(t => grains.Ref<IRoomGrain>(t.Slug).Describe(MemberId)));
    }

    public async Task<Room> JoinRoom(string slug)
    {
        var valid = InputRules.Topic(slug, "slug");
        var room = await Me.JoinRoom(valid);
        await push.FollowRoomAsync(MemberId, room.Channel, changedTo: true, () => Me.InRoom(valid));
        return room;
    }

    public async Task LeaveRoom(string slug)
    {
        var valid = InputRules.Topic(slug, "slug");
        CallerConnection.Set(Context.ConnectionId);
        await Me.LeaveRoom(valid);
        await push.FollowRoomAsync(MemberId, Channels.ForRoom(valid), changedTo: false, () => Me.InRoom(valid));
    }

    public Task<Message> SendMessage(string channel, string clientMessageId, string text)
    {
        var target = InputRules.Channel(channel, topics);
        var id = InputRules.ClientMessageId(clientMessageId);
        var body = InputRules.Text(text);
        if (!rateLimiter.TryAcquire(MemberId))
        {
            throw new MatchChatException(ErrorCodes.RateLimited, "You are sending messages very fast. Wait a few seconds, then send again.");
        }

        return ChannelRef.Grain(grains, target).Send(MemberId, id, body);
    }

    public Task<Message[]> GetHistory(string channel, long? afterSeq, long? beforeSeq, int? limit)
    {
        var target = InputRules.Channel(channel, topics);
        var after = InputRules.Seq(afterSeq, "afterSeq");
        var before = InputRules.Seq(beforeSeq, "beforeSeq");
        var take = InputRules.Limit(limit);
        return ChannelRef.Grain(grains, target).History(MemberId, after, before, take);
    }

    public Task Typing(string channel)
    {
        var target = InputRules.Channel(channel, topics);
        return typing.ShouldForward(MemberId, target) ? ChannelRef.Grain(grains, target).Typing(MemberId) : Task.CompletedTask;
    }
}
