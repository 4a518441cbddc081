using System.Net;
using System.Text;
using System.Text.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Tests.Hub;

/// <summary>Every bad input answers the contract's code with a sentence, leaks nothing, and changes nothing.</summary>
public sealed class BadInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static async Task Rejected(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HubException>(call);
        var tail = HubErrors.CodeAndSentence(e);
        Assert.StartsWith(code + ": ", tail);
        Assert.True(tail.Length > code.Length + 10, "the sentence says what to do");
        Assert.DoesNotContain("   at ", tail);
        Assert.DoesNotContain("Exception", tail);
    }

    [Fact]
    public async Task A_method_the_hub_does_not_have_is_refused_as_such_without_its_name_echoed()
    {
        await using var m = await server.NewMember();
        var e = await Assert.ThrowsAsync<HubException>(() => m.Conn.Invoke("DeleteEveryone<script>", "x"));
        Assert.Equal("invalid: There is no hub method by that name. PROTOCOL.md lists them.", HubErrors.CodeAndSentence(e));
        // A method the hub has, with arguments it cannot bind, says so.
        var bad = await Assert.ThrowsAsync<HubException>(() => m.Conn.Invoke("SetAvailable", "yes please"));
        Assert.StartsWith("invalid: The arguments of SetAvailable", HubErrors.CodeAndSentence(bad));
        Assert.Equal(m.Handle, (await m.Conn.Invoke<Member>("GetMe")).Handle);
    }

    [Fact]
    public async Task An_invocation_with_a_stream_or_asking_for_one_is_refused_in_the_contracts_form()
    {
        await using var m = await server.NewMember();
        var upload = System.Threading.Channels.Channel.CreateUnbounded<string>();
        upload.Writer.Complete();
        var sent = await Assert.ThrowsAsync<HubException>(() => m.Conn.Hub.InvokeAsync<Member>("GetMe", upload.Reader));
        Assert.Equal("invalid: GetMe neither takes nor sends a stream. Invoke it with its arguments as PROTOCOL.md gives them.", HubErrors.CodeAndSentence(sent));
        var asked = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in m.Conn.Hub.StreamAsync<Member>("GetMe"))
            {
            }
        });
        Assert.StartsWith("invalid: GetMe neither takes", HubErrors.CodeAndSentence(asked));
        // A method whose trailing arguments may be left out (read again with fewer) is refused the same way.
        var shorter = await Assert.ThrowsAsync<HubException>(() => m.Conn.Hub.InvokeAsync<object>("GetHistory", "room:t01", upload.Reader));
        Assert.StartsWith("invalid: GetHistory neither takes", HubErrors.CodeAndSentence(shorter));
        Assert.Equal(m.Handle, (await m.Conn.Invoke<Member>("GetMe")).Handle);
    }

    [Fact]
    public async Task Bad_requests_for_a_listener_are_rejected_and_leave_no_request_behind()
    {
        await using var m = await server.NewMember();
        var c = m.Conn;
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new object?[] { null }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { experiences = Array.Empty<string>() }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "Grief!" }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = new string('a', 41) }));
        await Rejected("not_found", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "no-such-topic" }));
        await Rejected("forbidden", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "teen-room" }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "grief", experiences = Enumerable.Range(0, 11).Select(i => $"e{i}").ToArray() }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "grief", experiences = new[] { "lost a parent" } }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "grief", note = new string('n', 501) }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "grief", note = "nul \0 inside" }));
        await Rejected("invalid", () => c.Invoke<QueueTicket>("RequestListener", new { topic = "grief", note = "bell \u0007" }));
        await Rejected("invalid", () => c.Invoke("CancelRequest", "../../etc"));
        await Rejected("not_found", () => c.Invoke("CancelRequest", "abc123"));

        // Nothing was queued: the first valid request is first in line and a second is refused.
        var ticket = await m.Request(TestTopics.Slug(40), note: "a 500-character note is fine: " + new string('x', 469));
        Assert.Equal(1, ticket.Position);
        await Rejected("conflict", () => m.Request(TestTopics.Slug(41)));
    }

    [Fact]
    public async Task Bad_listener_profiles_and_wrong_roles_are_rejected_and_change_nothing()
    {
        await using var m = await server.NewMember();
        var c = m.Conn;
        await Rejected("forbidden", () => c.Invoke<ListenerProfile>("SetAvailable", true));
        foreach (var max in new[] { 0, 6, -1 })
        {
            await Rejected("invalid", () => c.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "grief" }, experiences = Array.Empty<string>(), maxConcurrentChats = max }));
        }

        await Rejected("invalid", () => c.Invoke<ListenerProfile>("Volunteer", new { topics = Array.Empty<string>(), experiences = Array.Empty<string>(), maxConcurrentChats = 2 }));
        await Rejected("invalid", () => c.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "grief" }, experiences = new[] { "UPPER CASE AND SPACES" }, maxConcurrentChats = 2 }));
        await Rejected("not_found", () => c.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "grief", "nope" }, experiences = Array.Empty<string>(), maxConcurrentChats = 2, agreedToGuide = true }));
        await Rejected("invalid", () => c.Invoke<ListenerProfile>("Volunteer", new object?[] { null }));
        await Rejected("invalid", () => c.Invoke<Conversation>("AcceptOffer", "bad id!"));
        await Rejected("conflict", () => c.Invoke<Conversation>("AcceptOffer", "doesnotexist"));
        await Rejected("conflict", () => c.Invoke("DeclineOffer", "doesnotexist"));
        await Rejected("invalid", () => c.Invoke<ListenerProfile>("Volunteer", new { topics = "grief", experiences = Array.Empty<string>(), maxConcurrentChats = "three" }));
        await Rejected("invalid", () => c.Invoke<ListenerProfile>("SetAvailable", "yes"));
        await Rejected("invalid", () => c.Invoke<Message[]>("GetHistory"));
        await Rejected("not_found", () => c.Invoke("EndConversation", "doesnotexist"));
        await Rejected("invalid", () => c.Invoke<Room>("JoinRoom", "Bad Slug"));
        await Rejected("not_found", () => c.Invoke<Room>("JoinRoom", "no-such-room"));
        await Rejected("not_found", () => c.Invoke("LeaveRoom", "grief"));

        var me = await c.Invoke<Member>("GetMe");
        Assert.Null(me.Listener);
        Assert.DoesNotContain("listener", me.Roles);
    }

    [Fact]
    public async Task Bad_messages_and_foreign_channels_are_rejected_and_store_nothing()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        await using var outsider = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(42));
        var ch = conversation.Channel;
        var c = seeker.Conn;

        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", "lobby", "id1", "hi"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", "conversation:", "id1", "hi"));
        await Rejected("not_found", () => c.Invoke<Message>("SendMessage", "room:no-such-room", "id1", "hi"));
        await Rejected("not_found", () => c.Invoke<Message>("SendMessage", "conversation:doesnotexist", "id1", "hi"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, new string('a', 65), "hi"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "has space", "hi"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "", "hi"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", ""));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "  \n\t "));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", new string('x', 4001)));
        // A pasted document far over the limit is refused in words, and the connection stays (the sends below use it).
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", new string('x', 100_000)));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "nul\0byte"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "escape \u001b[31m red"));
        // Nothing a reader would see: zero-width spaces and joiners, a direction mark, U+FEFF, a Hangul filler, the blank
        // Braille cell, a lone combining accent.
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "\u200b\u200b"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "\u200d \u200f\ufeff"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "\u3164"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "\u2800\u2800"));
        await Rejected("invalid", () => c.Invoke<Message>("SendMessage", ch, "id1", "\u0301"));
        await Rejected("invalid", () => c.Invoke<Message[]>("GetHistory", ch, null, null, 0));
        await Rejected("invalid", () => c.Invoke<Message[]>("GetHistory", ch, null, null, 201));
        await Rejected("invalid", () => c.Invoke<Message[]>("GetHistory", ch, -1L, null, null));

        // Someone else's conversation, and a room not joined, can be neither read nor written.
        await Rejected("forbidden", () => outsider.Send(ch, "let me in"));
        await Rejected("forbidden", () => outsider.History(ch));
        await Rejected("forbidden", () => outsider.Conn.Invoke("Typing", ch));
        await Rejected("not_found", () => outsider.Conn.Invoke("EndConversation", conversation.ConversationId));
        await Rejected("forbidden", () => outsider.Send("room:grief", "not joined"));

        Assert.Empty(await seeker.History(ch));
        var ok = await seeker.Send(ch, new string('x', 4000), "id1");
        Assert.Equal(1, ok.Seq);
        var trimmed = await seeker.Send(ch, "  tabs\tand\nnew lines are fine  ");
        Assert.Equal("tabs\tand\nnew lines are fine", trimmed.Text);
        Assert.Equal(2, trimmed.Seq);
        // Characters as a person counts them: 4,000 emoji fit, 4,001 do not.
        var emoji = string.Concat(Enumerable.Repeat("🙂", 4000));
        Assert.Equal(3, (await seeker.Send(ch, emoji, "id3")).Seq);
        await Rejected("invalid", () => seeker.Send(ch, emoji + "🙂", "id4"));
        // A heart with its variation selector, and a family emoji held together by zero-width joiners, are something to see.
        Assert.Equal(4, (await seeker.Send(ch, "\u2764\ufe0f", "id5")).Seq);
        Assert.Equal(5, (await seeker.Send(ch, "👩\u200d👩\u200d👧", "id6")).Seq);
        await outsider.Conn.AssertNone<Message>("MessageReceived");
    }

    [Theory]
    [InlineData("{\"ageGroup\":\"child\"}")]
    [InlineData("{\"ageGroup\":7}")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"ageGroup\":\"adult\\ud800\"}")]
    [InlineData("{\"ageGroup\":\"adult\",\"region\":\"G\\ud800\"}")]
    public async Task Creating_a_member_with_a_bad_body_answers_400_problem_json(string body)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var response = await http.PostAsync("/api/members", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("invalid: ", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Negotiating_without_a_good_token_answers_401_saying_what_to_send(string? token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("forbidden: Send your member token", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Topics_are_listed_with_audience_and_the_default_set_is_there()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var topics = JsonDocument.Parse(await http.GetStringAsync("/api/topics"));
        var slugs = topics.RootElement.EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToArray();
        Assert.Subset(slugs.ToHashSet(), new HashSet<string?> { "grief", "anxiety", "depression", "loneliness", "relationships", "stress" });
        Assert.All(topics.RootElement.EnumerateArray(), t => Assert.Contains(t.GetProperty("audience").GetString(), new[] { "all", "adult", "teen" }));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }
}
