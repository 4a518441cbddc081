using System.Text.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary>The version 1.1 fields of the contract's core types, as the wire carries them (present even when empty).</summary>
public sealed class ProtocolShapeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetMe_tells_a_reconnecting_seeker_their_open_request_and_a_listener_their_pending_offers()
    {
        var topic = TestTopics.Slug(67);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();

        var fresh = await seeker.Conn.Invoke<JsonElement>("GetMe");
        foreach (var field in new[] { "region", "language", "openRequest" })
        {
            Assert.Equal(JsonValueKind.Null, fresh.GetProperty(field).ValueKind);
        }

        Assert.Equal(0, fresh.GetProperty("pendingOffers").GetArrayLength());

        var ticket = await seeker.Request(topic);
        var waiting = await seeker.Conn.Invoke<JsonElement>("GetMe");
        Assert.Equal(ticket.RequestId, waiting.GetProperty("openRequest").GetProperty("requestId").GetString());
        Assert.Equal(1, waiting.GetProperty("openRequest").GetProperty("position").GetInt32());

        await listener.BecomeAvailableListener(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        var offered = await listener.Conn.Invoke<JsonElement>("GetMe");
        Assert.Equal([offer.OfferId], offered.GetProperty("pendingOffers").EnumerateArray().Select(o => o.GetProperty("offerId").GetString()));

        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await seeker.Conn.Next<Conversation>("Matched");
        Assert.Equal(JsonValueKind.Null, (await seeker.Conn.Invoke<JsonElement>("GetMe")).GetProperty("openRequest").ValueKind);
        Assert.Equal(0, (await listener.Conn.Invoke<JsonElement>("GetMe")).GetProperty("pendingOffers").GetArrayLength());
    }

    [Fact]
    public async Task A_seekers_conversation_names_the_request_it_answered_and_a_listeners_does_not()
    {
        var topic = TestTopics.Slug(101);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);
        var ticket = await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);
        var accepted = await listener.Conn.Invoke<JsonElement>("AcceptOffer", offer.OfferId);
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("requestId").ValueKind);

        var matched = await seeker.Conn.Next<Conversation>("Matched");
        Assert.Equal(ticket.RequestId, matched.RequestId);
        var listed = Assert.Single((await seeker.Conn.Invoke<JsonElement>("ListConversations")).EnumerateArray());
        Assert.Equal(ticket.RequestId, listed.GetProperty("requestId").GetString());
        var theirs = Assert.Single((await listener.Conn.Invoke<JsonElement>("ListConversations")).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("requestId").ValueKind);
    }

    [Fact]
    public async Task A_conversation_ended_event_says_when_and_messages_say_they_are_not_redacted()
    {
        var topic = TestTopics.Slug(68);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        var sent = await seeker.Conn.Invoke<JsonElement>("SendMessage", conversation.Channel, "c1", "hello");
        Assert.False(sent.GetProperty("redacted").GetBoolean());

        var before = DateTime.UtcNow.AddSeconds(-5);
        await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
        var ended = await listener.Conn.Next<ConversationEnded>("ConversationEnded");
        Assert.InRange(ended.EndedAt, before, DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Rooms_say_whether_the_caller_joined_and_how_many_members_are_connected()
    {
        var slug = TestTopics.Slug(69);
        await using var a = await server.NewMember();
        var b = await server.NewMember();

        Assert.False((await a.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug).Joined);
        var first = await a.Conn.Invoke<Room>("JoinRoom", slug);
        Assert.Equal((true, 1), (first.Joined, first.PresentCount));
        var second = await b.Conn.Invoke<Room>("JoinRoom", slug);
        Assert.Equal((2, 2), (second.MemberCount, second.PresentCount));
        // The event the others hear counts the one who joined as present too (it said 1 before stop 53).
        var heard = await a.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 2);
        Assert.Equal(2, heard.PresentCount);

        // b closes their only connection: still a member, no longer present.
        await b.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        Room seen;
        do
        {
            await Task.Delay(100);
            seen = (await a.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug);
        }
        while (seen.PresentCount != 1 && DateTime.UtcNow < deadline);

        Assert.Equal((true, 2, 1), (seen.Joined, seen.MemberCount, seen.PresentCount));
    }
}
