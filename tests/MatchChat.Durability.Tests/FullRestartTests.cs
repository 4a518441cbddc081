using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class FullRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_full_restart_keeps_members_tokens_profiles_waiting_requests_conversations_rooms_and_every_message_and_seq_continues()
    {
        await using var node = new EmbeddedNode(await postgres.CreateDatabaseAsync("restart"));
        await node.StartAsync();

        TestMember.CreatedMember seekerId, listenerId, waitingId;
        string channel, conversationId, waitingRequest;
        ListenerProfile profileBefore;
        await using (var seeker = await TestMember.CreateAsync(node.Url))
        await using (var listener = await TestMember.CreateAsync(node.Url))
        await using (var waiting = await TestMember.CreateAsync(node.Url))
        {
            await listener.Volunteer("grief", ["lost-a-parent"], max: 1);
            profileBefore = await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
            await seeker.Request("grief", ["lost-a-parent"]);
            var firstOffer = await listener.Conn.Next<Offer>("OfferReceived");
            var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", firstOffer.OfferId);
            (channel, conversationId) = (conversation.Channel, conversation.ConversationId);
            await seeker.Conn.Next<Conversation>("Matched");
            for (var i = 1; i <= 10; i++)
            {
                await (i % 2 == 0 ? listener : seeker).Send(channel, $"before restart {i}", $"pre-{i}");
            }

            // The listener is at capacity, so this request waits.
            waitingRequest = (await waiting.Request("grief", note: "still here?")).RequestId;
            await seeker.Conn.Invoke<Room>("JoinRoom", "stress");
            await waiting.Conn.Invoke<Room>("JoinRoom", "stress");
            await seeker.Send("room:stress", "room message before restart", "room-pre");
            (seekerId, listenerId, waitingId) = (seeker.Created, listener.Created, waiting.Created);
        }

        await node.StopAsync();
        await node.StartAsync();

        await using var seekerAgain = await TestConnection.OpenAsync(node.Url, seekerId.Token);
        await using var listenerAgain = await TestConnection.OpenAsync(node.Url, listenerId.Token);
        await using var waitingAgain = await TestConnection.OpenAsync(node.Url, waitingId.Token);

        Assert.Equal(seekerId.Handle, (await seekerAgain.Invoke<Member>("GetMe")).Handle);
        var listenerMe = await listenerAgain.Invoke<Member>("GetMe");
        Assert.Equal(profileBefore.Experiences, listenerMe.Listener!.Experiences);
        Assert.Equal(profileBefore.Topics, listenerMe.Listener.Topics);
        Assert.Equal(1, listenerMe.Listener.ActiveChats);

        var second = await Assert.ThrowsAsync<HubException>(() => waitingAgain.Invoke<QueueTicket>("RequestListener", new { topic = "grief" }));
        Assert.Contains("conflict: ", second.Message);

        var conversations = await seekerAgain.Invoke<Conversation[]>("ListConversations");
        var active = Assert.Single(conversations);
        Assert.Equal(conversationId, active.ConversationId);
        Assert.Null(active.EndedAt);

        var history = await seekerAgain.Invoke<Message[]>("GetHistory", channel, null, null, null);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal("before restart 7", history[6].Text);

        var next = await listenerAgain.Invoke<Message>("SendMessage", channel, "post-1", "after restart");
        Assert.Equal(11, next.Seq);
        await seekerAgain.Next<Message>("MessageReceived", m => m.Seq == 11);
        var retried = await seekerAgain.Invoke<Message>("SendMessage", channel, "pre-3", "before restart 3");
        Assert.Equal(3, retried.Seq);

        var roomMessage = await waitingAgain.Invoke<Message>("SendMessage", "room:stress", "room-post", "room after restart");
        Assert.Equal(2, roomMessage.Seq);
        await seekerAgain.Next<Message>("MessageReceived", m => m.Channel == "room:stress" && m.Seq == 2);
        var rooms = await seekerAgain.Invoke<Room[]>("ListRooms");
        Assert.Equal(2, rooms.Single(r => r.Slug == "stress").MemberCount);

        // The waiting request is still in its queue: ending the conversation frees the listener, who gets it.
        await seekerAgain.Invoke("EndConversation", conversationId);
        var offer = await listenerAgain.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(30));
        Assert.Equal(waitingRequest, offer.RequestId);
        Assert.Equal("still here?", offer.Note);
    }
}
