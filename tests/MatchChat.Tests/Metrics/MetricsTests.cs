using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c> of a web node with its embedded silo, scraped before and after a whole journey. The meters are
/// per process and other tests run alongside, so every check is "moved by at least this much".
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Topic = TestTopics.Slug(70);

    [Fact]
    public async Task After_a_journey_the_scrape_shows_queue_offer_conversation_message_and_connection_metrics_by_topic_and_kind_only()
    {
        var before = await PrometheusScrape.FetchAsync(server.BaseUrl);
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();

        // Waiting with no listener: the topic's queue gauge counts the request.
        var ticket = await seeker.Request(Topic, ["lost-a-parent"], "A note that must never reach a metric.");
        Assert.Equal(TicketStatus.Waiting, ticket.Status);
        await PrometheusScrape.UntilAsync(server.BaseUrl, s => s.Sum("matchchat_queue_waiting", ("topic", Topic)) >= 1, "the waiting request");
        var open = await PrometheusScrape.UntilAsync(server.BaseUrl, s => s.Sum("matchchat_connections") >= 2, "two open connections");

        // Offered, accepted, started; messages in the conversation and in a room; ended.
        await listener.BecomeAvailableListener(Topic, ["lost-a-parent"]);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == Topic);
        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await seeker.Conn.Next<Conversation>("Matched", c => c.ConversationId == conversation.ConversationId);
        var texts = new[] { "secret words one", "secret words two", "secret words three" };
        await seeker.Send(conversation.Channel, texts[0]);
        await listener.Send(conversation.Channel, texts[1]);
        await seeker.Send(conversation.Channel, texts[2]);
        var room = await seeker.Conn.Invoke<Room>("JoinRoom", Topic);
        await seeker.Send(room.Channel, "secret room words");
        await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
        await listener.Conn.Next<ConversationEnded>("ConversationEnded");

        var t = ("topic", Topic);
        var after = await PrometheusScrape.UntilAsync(server.BaseUrl, s =>
            Moved(before, s, "matchchat_conversations_ended_total", 1, t, ("reason", "ended"))
            && Moved(before, s, "matchchat_messages_stored_total", 1, ("kind", "room")),
            "the ended conversation and the room message");

        Assert.True(Moved(before, after, "matchchat_offers_made_total", 1, t));
        Assert.True(Moved(before, after, "matchchat_offers_closed_total", 1, t, ("reason", "accepted")));
        Assert.True(Moved(before, after, "matchchat_conversations_started_total", 1, t));
        Assert.True(Moved(before, after, "matchchat_messages_stored_total", 3, ("kind", "conversation")));
        Assert.True(Moved(before, after, "matchchat_queue_wait_until_offer_seconds_count", 1, t));
        Assert.True(Moved(before, after, "matchchat_queue_wait_until_match_seconds_count", 1, t));
        Assert.True(after.Sum("matchchat_queue_wait_until_match_seconds_bucket", t, ("le", "+Inf")) >= 1);
        Assert.True(after.Has("matchchat_queue_waiting"));
        Assert.True(after.Has("matchchat_push_backlog"));
        Assert.True(open.Sum("matchchat_connections") >= 2);

        // ASP.NET Core's meter is there too. Orleans' own meter is checked in a silo process of its own
        // (SeparateSiloProcessTests): this test process hosts a dozen silos at once, whose same-named Orleans
        // instruments come and go with their hosts, so which of them a scrape shows here is a test artifact.
        Assert.Contains(after.Samples, s => s.Name == "http_server_request_duration_seconds_count");

        // MatchChat's labels are topics, fixed reasons and kinds only (crisis: fixed level, source and model words).
        var allowed = new HashSet<string> { "topic", "reason", "kind", "limit", "le", "otel_scope_name", "otel_scope_version", "level", "source", "model" };
        Assert.All(after.Samples.Where(s => s.Name.StartsWith("matchchat_", StringComparison.Ordinal)),
            s => Assert.Subset(allowed, s.Labels.Keys.ToHashSet()));

        // No member id, handle, conversation id, note or message text anywhere in the scrape (any meter).
        var secrets = new[] { seeker.Created.MemberId, listener.Created.MemberId, seeker.Handle, listener.Handle, conversation.ConversationId,
            offer.OfferId, ticket.RequestId, "secret", "must never" };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, after.Text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("exemplar", after.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("trace_id", after.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Moved(PrometheusScrape before, PrometheusScrape after, string name, double by, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels) >= by;
}
