using System.Text.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace MatchChat.Tests.Network;

/// <summary>PROTOCOL.md [network]: AddToNetwork, RemoveFromNetwork, ListNetwork and preferHandle, over real WebSockets.</summary>
public sealed class NetworkHubTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private static async Task<string> Refusal(Func<Task> call) =>
        HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(call));

    [Fact]
    public async Task A_conversation_peer_is_added_listed_by_handle_only_and_removed()
    {
        var topic = TestTopics.Slug(75);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await using var stranger = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);

        await seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId);
        await seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId); // again: harmless
        var raw = await seeker.Conn.Invoke<JsonElement>("ListNetwork");
        output.WriteLine(raw.GetRawText());
        var row = Assert.Single(raw.EnumerateArray());
        Assert.Equal(["available", "handle", "lastTalkedAt", "topics"], row.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(listener.Handle, row.GetProperty("handle").GetString());
        Assert.Equal([topic], row.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.True(row.GetProperty("available").GetBoolean()); // capacity 2, one chat
        Assert.Equal(conversation.StartedAt, row.GetProperty("lastTalkedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));

        // The listener adds the seeker too: not a listener, so no topics and not available.
        await listener.Conn.Invoke("AddToNetwork", conversation.ConversationId);
        var back = Assert.Single(await listener.Conn.Invoke<NetworkContact[]>("ListNetwork"));
        Assert.Equal((seeker.Handle, 0, false), (back.Handle, back.Topics.Length, back.Available));

        // Only a participant can add from a conversation; bad input is refused.
        Assert.StartsWith("forbidden: ", await Refusal(() => stranger.Conn.Invoke("AddToNetwork", conversation.ConversationId)));
        Assert.StartsWith("not_found: ", await Refusal(() => stranger.Conn.Invoke("AddToNetwork", "no-such-conversation")));
        Assert.StartsWith("invalid: ", await Refusal(() => stranger.Conn.Invoke("AddToNetwork", "not an id!")));
        Assert.Empty(await stranger.Conn.Invoke<NetworkContact[]>("ListNetwork"));

        await seeker.Conn.Invoke("RemoveFromNetwork", listener.Handle);
        Assert.Empty(await seeker.Conn.Invoke<NetworkContact[]>("ListNetwork"));
        Assert.StartsWith("not_found: ", await Refusal(() => seeker.Conn.Invoke("RemoveFromNetwork", listener.Handle)));
        Assert.StartsWith("invalid: ", await Refusal(() => seeker.Conn.Invoke("RemoveFromNetwork", "<b>")));
    }

    [Fact]
    public async Task A_listeners_bio_follows_their_edits_in_an_open_chat_and_leaves_no_copy_once_they_delete_their_data()
    {
        var topic = TestTopics.Slug(80);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        async Task Volunteer(string bio) => await listener.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { topic }, experiences = Array.Empty<string>(), maxConcurrentChats = 2, agreedToGuide = true, bio });
        await Volunteer("I had panic attacks for years after my assault.");
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await seeker.Request(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);
        var accepted = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal("I had panic attacks for years after my assault.", (await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == accepted.ConversationId)).PeerBio);

        async Task<string?> BioSeen()
        {
            var listed = await seeker.Conn.Invoke<Conversation[]>("ListConversations");
            return Assert.Single(listed, c => c.ConversationId == accepted.ConversationId).PeerBio;
        }

        // Removed, then rewritten: the seeker's list follows.
        await Volunteer("");
        await Eventually.Until(async () => await BioSeen() is null);
        Assert.Null(await BioSeen());
        await Volunteer("Panic attacks through my twenties; breathing work helped.");
        await Eventually.Until(async () => await BioSeen() is not null);
        Assert.Equal("Panic attacks through my twenties; breathing work helped.", await BioSeen());

        // The listener deletes their data: the ended conversation keeps no copy of their words, also after a reconnect.
        await listener.Conn.Invoke("DeleteMe");
        await Eventually.Until(async () => (await seeker.Conn.Invoke<Conversation[]>("ListConversations")).Single().EndedAt is not null);
        Assert.Null(await BioSeen());
        var again = await seeker.ConnectAnother();
        Assert.Null(Assert.Single(await again.Invoke<Conversation[]>("ListConversations")).PeerBio);
    }

    [Fact]
    public async Task A_contact_outside_their_weekly_schedule_is_not_available()
    {
        var topic = TestTopics.Slug(74);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        await seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId);
        Assert.True(Assert.Single(await seeker.Conn.Invoke<NetworkContact[]>("ListNetwork")).Available);

        // Three days from now only: available and not full, but off their schedule (an outside probe saw "available").
        var notNow = new { timeZone = "Etc/UTC", slots = new[] { new { day = ((int)DateTime.UtcNow.DayOfWeek + 3) % 7, from = "00:00", to = "24:00" } } };
        Assert.True((await listener.Conn.Invoke<ListenerProfile>("SetSchedule", notNow)).OffSchedule);

        Assert.False(Assert.Single(await seeker.Conn.Invoke<NetworkContact[]>("ListNetwork")).Available);
    }

    [Fact]
    public async Task Asking_again_for_a_contact_already_in_an_open_chat_with_you_is_refused_with_a_pointer_to_it()
    {
        var topic = TestTopics.Slug(73);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        await seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId);

        var refused = await Refusal(() => seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic, preferHandle = listener.Handle }));

        Assert.StartsWith("conflict: You are already in a conversation with", refused);
        Assert.Null((await seeker.Conn.Invoke<Member>("GetMe")).OpenRequest);
    }

    [Fact]
    public async Task A_blocked_contact_is_dropped_and_cannot_be_added_again()
    {
        var topic = TestTopics.Slug(76);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, topic);
        await seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId);
        await listener.Conn.Invoke("AddToNetwork", conversation.ConversationId);

        await listener.Conn.Invoke("Block", seeker.Handle);
        Assert.Empty(await seeker.Conn.Invoke<NetworkContact[]>("ListNetwork"));
        Assert.Empty(await listener.Conn.Invoke<NetworkContact[]>("ListNetwork"));
        Assert.StartsWith("forbidden: ", await Refusal(() => seeker.Conn.Invoke("AddToNetwork", conversation.ConversationId)));
        var ask = await Refusal(() => seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic, preferHandle = listener.Handle }));
        Assert.StartsWith("not_found: ", ask);
    }

    [Fact]
    public async Task A_preferred_contact_is_offered_the_request_first_then_on_decline_the_next_listener_at_once_and_the_seeker_keeps_their_place()
    {
        var first = TestTopics.Slug(77);
        var topic = TestTopics.Slug(78);
        await using var seeker = await server.NewMember();
        await using var friend = await server.NewMember();
        await using var stranger = await server.NewMember();
        var (earlier, _) = await Journeys.Match(seeker, friend, first);
        await seeker.Conn.Invoke("EndConversation", earlier.ConversationId);
        await seeker.Conn.Invoke("AddToNetwork", earlier.ConversationId);
        await friend.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { first, topic }, experiences = Array.Empty<string>(), maxConcurrentChats = 2, agreedToGuide = true });
        // The stranger shares the seeker's experience, so without the preference they would be chosen.
        await stranger.BecomeAvailableListener(topic, ["loss-of-parent"]);

        var ticket = await seeker.Conn.Invoke<QueueTicket>("RequestListener",
            new { topic, experiences = new[] { "loss-of-parent" }, preferHandle = friend.Handle });
        var offer = await friend.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        await stranger.Conn.AssertNone<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId, Quiet);

        var declinedAt = DateTime.UtcNow;
        await friend.Conn.Invoke("DeclineOffer", offer.OfferId);
        var next = await stranger.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        output.WriteLine($"Next offer {(DateTime.UtcNow - declinedAt).TotalMilliseconds:F0} ms after the decline");
        var me = await seeker.Conn.Invoke<Member>("GetMe");
        Assert.Equal((ticket.RequestId, 1), (me.OpenRequest!.RequestId, me.OpenRequest.Position));
        var conversation = await stranger.Conn.Invoke<Conversation>("AcceptOffer", next.OfferId);
        Assert.Equal(seeker.Handle, conversation.PeerHandle);
    }

    [Fact]
    public async Task A_prefer_handle_outside_the_network_is_refused_and_changes_nothing()
    {
        var topic = TestTopics.Slug(79);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await listener.BecomeAvailableListener(topic);

        Assert.StartsWith("not_found: ", await Refusal(() => seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic, preferHandle = listener.Handle })));
        Assert.StartsWith("invalid: ", await Refusal(() => seeker.Conn.Invoke<QueueTicket>("RequestListener", new { topic, preferHandle = "" })));
        Assert.Null((await seeker.Conn.Invoke<Member>("GetMe")).OpenRequest);
        await listener.Conn.AssertNone<Offer>("OfferReceived", wait: Quiet);
    }
}
