using System.Net;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Safety;

/// <summary>PROTOCOL.md "Deletion and retention": <c>DeleteMe()</c> and <c>DELETE /api/members/me</c> over real WebSockets and HTTP.</summary>
public sealed class DeletionTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task DeleteMe_redacts_every_message_the_member_sent_keeps_every_seq_and_leaves_the_others_untouched()
    {
        await using var seeker = await server.NewMember();
        await using var leaving = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, leaving, "t64");
        await seeker.Conn.Invoke<Room>("JoinRoom", "t65");
        await leaving.Conn.Invoke<Room>("JoinRoom", "t65");
        await seeker.Send(conversation.Channel, "I lost my dad last month.");
        await leaving.Send(conversation.Channel, "I'm so sorry. I lost mine too.");
        await seeker.Send(conversation.Channel, "How did you get through it?");
        await leaving.Send(conversation.Channel, "Slowly. Talking helped.");
        await leaving.Send("room:t65", "hello room, from someone about to leave");
        await seeker.Send("room:t65", "hello back");
        var closed = StandingProbe.WhenClosed(leaving.Conn);

        await leaving.Conn.Invoke("DeleteMe");

        var ended = await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        Assert.Equal(EndReasons.Deleted, ended.Reason);
        await closed.WaitAsync(TimeSpan.FromSeconds(5));

        var history = await seeker.History(conversation.Channel);
        Assert.Equal([1L, 2L, 3L, 4L], history.Select(m => m.Seq));
        Assert.Equal(["I lost my dad last month.", "", "How did you get through it?", ""], history.Select(m => m.Text));
        Assert.Equal([false, true, false, true], history.Select(m => m.Redacted));
        Assert.All(history.Where(m => m.Redacted), m => Assert.Equal(leaving.Handle, m.SenderHandle));

        var room = await seeker.History("room:t65");
        Assert.Equal([1L, 2L], room.Select(m => m.Seq));
        Assert.Equal(["", "hello back"], room.Select(m => m.Text));
        Assert.True(room[0].Redacted);
        Assert.Equal(1, (await seeker.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == "t65").MemberCount);

        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, leaving.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, leaving.Token));
        await Assert.ThrowsAnyAsync<Exception>(() => TestConnection.OpenAsync(server.BaseUrl, leaving.Token));
    }

    /// <summary>Addition to the contract: the erased texts do not stay on the screens of those who have them open.</summary>
    [Fact]
    public async Task Open_pages_of_the_peer_and_of_the_room_hear_MessagesRedacted_and_nobody_else_does()
    {
        await using var seeker = await server.NewMember();
        await using var leaving = await server.NewMember();
        await using var bystander = await server.NewMember();
        await using var elsewhere = await server.NewMember();
        await using var blocker = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, leaving, "t67");
        await leaving.Conn.Invoke<Room>("JoinRoom", "t68");
        await bystander.Conn.Invoke<Room>("JoinRoom", "t68");
        await blocker.Conn.Invoke<Room>("JoinRoom", "t68");
        await blocker.Conn.Invoke("Block", leaving.Handle);
        await elsewhere.Conn.Invoke<Room>("JoinRoom", "t69");
        await leaving.Send(conversation.Channel, "something I regret saying");
        await leaving.Send("room:t68", "and something in the room");
        await bystander.Send("room:t68", "a bystander's own words");

        await leaving.Conn.Invoke("DeleteMe");

        var toPeer = await seeker.Conn.Next<MessagesRedacted>("MessagesRedacted");
        Assert.Equal(new MessagesRedacted(conversation.Channel, leaving.Handle), toPeer);
        var toRoom = await bystander.Conn.Next<MessagesRedacted>("MessagesRedacted");
        Assert.Equal(new MessagesRedacted("room:t68", leaving.Handle), toRoom);
        // What a page does on hearing it, read back: the texts are already gone from storage.
        Assert.All((await bystander.History("room:t68")).Where(m => m.SenderHandle == leaving.Handle), m => Assert.True(m.Redacted));
        await elsewhere.Conn.AssertNone<MessagesRedacted>("MessagesRedacted", wait: TimeSpan.FromSeconds(1));
        // Someone who blocked them saw none of their room messages, and does not learn that they were there.
        await blocker.Conn.AssertNone<MessagesRedacted>("MessagesRedacted", wait: TimeSpan.FromMilliseconds(200));
        await seeker.Conn.AssertNone<MessagesRedacted>("MessagesRedacted", r => r.Channel != conversation.Channel, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task DELETE_api_members_me_answers_204_closes_every_connection_and_the_token_is_refused_after()
    {
        await using var member = await server.NewMember();
        var second = await member.ConnectAnother();
        var closed = new[] { StandingProbe.WhenClosed(member.Conn), StandingProbe.WhenClosed(second) };
        await member.Volunteer("t66");

        Assert.Equal(HttpStatusCode.NoContent, await StandingProbe.DeleteMe(server.BaseUrl, member.Token));

        await Task.WhenAll(closed).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));
        // Deleting twice is harmless: the token no longer opens anything.
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, member.Token));

        // The handle is not anyone's to act on any more (and the handle grain keeps its owner: see StandingGrainTests).
        using var admin = server.Admin();
        var grant = await admin.PostAsync("/api/admin/moderators", new StringContent($"{{\"handle\":\"{member.Handle}\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, grant.StatusCode);
    }

    /// <summary>The right to erasure does not wait for a moderator: a banned member's token opens nothing but this.</summary>
    [Fact]
    public async Task A_banned_member_can_still_delete_their_data_and_then_nothing_of_theirs_is_left()
    {
        await using var moderator = await server.NewModerator();
        await using var reader = await server.NewMember();
        await using var banned = await server.NewMember();
        await banned.Conn.Invoke<Room>("JoinRoom", "t70");
        await reader.Conn.Invoke<Room>("JoinRoom", "t70");
        await banned.Send("room:t70", "words they want gone");
        await moderator.Conn.Invoke("Suspend", new { handle = banned.Handle, reason = "Threats." });
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, banned.Token));

        Assert.Equal(HttpStatusCode.NoContent, await StandingProbe.DeleteMe(server.BaseUrl, banned.Token));

        // The ban took them out of the room, but their words are still on the reader's screen: it hears they are gone.
        Assert.Equal(new MessagesRedacted("room:t70", banned.Handle), await reader.Conn.Next<MessagesRedacted>("MessagesRedacted"));
        Assert.Equal("", (await reader.History("room:t70")).Single().Text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StandingProbe.Standing(server.BaseUrl, banned.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, banned.Token));
        var lift = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke("Unsuspend", banned.Handle));
        Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(lift));
    }

    [Fact]
    public async Task Without_a_token_DELETE_api_members_me_answers_401()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, "not-a-token"));
    }
}
