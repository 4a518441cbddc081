using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Safety;

/// <summary>PROTOCOL.md "Trust and safety": <c>Suspend</c>/<c>Unsuspend</c> over real WebSockets, on one web node.</summary>
public sealed class SuspensionTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_suspension_ends_conversations_for_both_leaves_rooms_closes_connections_and_refuses_the_token_until_lifted()
    {
        await using var moderator = await server.NewModerator();
        await using var seeker = await server.NewMember();
        await using var harasser = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, harasser, "t60");
        await harasser.Conn.Invoke<Room>("JoinRoom", "t61");
        var second = await harasser.ConnectAnother();
        var closed = new[] { StandingProbe.WhenClosed(harasser.Conn), StandingProbe.WhenClosed(second) };

        var clock = Stopwatch.StartNew();
        await moderator.Conn.Invoke("Suspend", new { handle = harasser.Handle, minutes = 60, reason = "Repeated insults in a conversation." });
        var took = await StandingProbe.AllWithin(clock, TimeSpan.FromSeconds(5), closed);
        Console.WriteLine($"Suspend to both connections closed (one node): {took.TotalMilliseconds:F0} ms");

        var ended = await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        Assert.Equal(EndReasons.Suspended, ended.Reason);
        Assert.Equal("system", ended.EndedBy);
        var conflict = await Assert.ThrowsAsync<HubException>(() => seeker.Send(conversation.Channel, "are you there?"));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(conflict));

        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, harasser.Token));
        await Assert.ThrowsAnyAsync<Exception>(() => TestConnection.OpenAsync(server.BaseUrl, harasser.Token));

        // The room no longer counts them.
        var room = await seeker.Conn.Invoke<Room>("JoinRoom", "t61");
        Assert.Equal(1, room.MemberCount);

        await moderator.Conn.Invoke("Unsuspend", harasser.Handle);
        Assert.Equal(HttpStatusCode.OK, await StandingProbe.Negotiate(server.BaseUrl, harasser.Token));
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, harasser.Token);
        var me = await back.Invoke<Member>("GetMe");
        Assert.Null(me.OpenRequest);
        Assert.False(me.Listener!.Available);
        var conversations = await back.Invoke<Conversation[]>("ListConversations");
        Assert.NotNull(Assert.Single(conversations).EndedAt);
    }

    [Fact]
    public async Task A_ban_cancels_the_open_request_and_withdraws_offers_and_lasts_until_lifted()
    {
        await using var moderator = await server.NewModerator();
        await using var waiting = await server.NewMember();
        await using var listener = await server.NewMember();
        await using var other = await server.NewMember();
        var ticket = await waiting.Request("t62");
        await listener.BecomeAvailableListener("t63");
        await other.Request("t63");
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        await StatusBecomes(other, TicketStatus.Offered);

        await moderator.Conn.Invoke("Suspend", new { handle = waiting.Handle, reason = "Ban evasion." });
        await moderator.Conn.Invoke("Suspend", new { handle = listener.Handle, reason = "Ban evasion." });

        // The other seeker's request goes back to waiting (nobody else listens on t63).
        await StatusBecomes(other, TicketStatus.Waiting);
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, waiting.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, listener.Token));

        await moderator.Conn.Invoke("Unsuspend", waiting.Handle);
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, waiting.Token);
        Assert.Null((await back.Invoke<Member>("GetMe")).OpenRequest);
        Assert.NotEqual(offer.OfferId, (await back.Invoke<Member>("GetMe")).PendingOffers!.FirstOrDefault()?.OfferId);
    }

    [Fact]
    public async Task A_suspension_lifted_at_once_does_not_close_the_connection_opened_after_the_lift()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();

        // A mistaken ban undone at once: the member reconnects before the node's close of the suspended connections runs.
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 60, reason = "Wrong person." });
        await moderator.Conn.Invoke("Unsuspend", member.Handle);
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, member.Token);
        var closed = StandingProbe.WhenClosed(back);

        // Well past the close's grace: the new connection is still open and answers.
        await Task.Delay(MatchChat.Web.Push.MemberCloser.Grace * 4);
        Assert.False(closed.IsCompleted, "the connection opened after the lift was closed");
        Assert.Equal(member.Handle, (await back.Invoke<Member>("GetMe")).Handle);
    }

    /// <summary>Polls the member's open request (GetMe) until it shows the status: no event order across members is assumed.</summary>
    private static async Task StatusBecomes(TestMember member, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await member.Conn.Invoke<Member>("GetMe")).OpenRequest?.Status != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the request did not become {status}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Only_moderators_may_suspend_and_every_refused_call_changes_nothing()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await using var target = await server.NewMember();

        var forbidden = await Assert.ThrowsAsync<HubException>(() =>
            member.Conn.Invoke("Suspend", new { handle = target.Handle, minutes = 5, reason = "spam" }));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(forbidden));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke("Unsuspend", target.Handle))));

        object[] bad =
        [
            new { handle = target.Handle, minutes = 0, reason = "spam" },
            new { handle = target.Handle, minutes = 525601, reason = "spam" },
            new { handle = target.Handle, minutes = 5 },
            new { handle = target.Handle, minutes = 5, reason = "   " },
            new { handle = target.Handle, minutes = 5, reason = new string('x', 501) },
            new { handle = target.Handle, minutes = 5, reason = "bad\u0007bell" },
            new { handle = target.Handle, minutes = 5, reason = "\u200B" },
            new { handle = target.Handle, minutes = 5, reason = " \u2800 \u3164 " },
            new { handle = "<script>", minutes = 5, reason = "spam" },
        ];
        foreach (var args in bad)
        {
            var invalid = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke("Suspend", args));
            Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(invalid));
        }

        var unknown = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke("Suspend", new { handle = "NobodyHere-1", reason = "spam" }));
        Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(unknown));
        var self = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke("Suspend", new { handle = moderator.Handle, reason = "testing" }));
        Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(self));

        Assert.Equal(HttpStatusCode.OK, await StandingProbe.Negotiate(server.BaseUrl, target.Token));
        Assert.Equal(HttpStatusCode.OK, await StandingProbe.Negotiate(server.BaseUrl, moderator.Token));
        Assert.Equal(target.Handle, (await target.Conn.Invoke<Member>("GetMe")).Handle);
    }

    [Fact]
    public async Task A_moderator_may_suspend_another_moderator()
    {
        await using var first = await server.NewModerator();
        await using var second = await server.NewModerator();
        var closed = StandingProbe.WhenClosed(second.Conn);

        await first.Conn.Invoke("Suspend", new { handle = second.Handle, minutes = 10, reason = "Misused the console." });

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, second.Token));
    }

    [Fact]
    public async Task A_suspended_moderator_cannot_moderate_from_the_connection_still_open()
    {
        await using var first = await server.NewModerator();
        await using var second = await server.NewModerator();
        await using var member = await server.NewMember();

        await first.Conn.Invoke("Suspend", new { handle = second.Handle, minutes = 10, reason = "Misused the console." });

        // At once, before their page's connection closes: a retaliation and a ban are refused (or find it closed).
        var retaliation = await Assert.ThrowsAnyAsync<Exception>(() =>
            second.Conn.Invoke("Suspend", new { handle = first.Handle, minutes = 60, reason = "retaliation" }));
        if (retaliation is HubException refused)
        {
            Assert.Equal("forbidden: Your account is suspended by a moderator for now, so you cannot moderate.", HubErrors.CodeAndSentence(refused));
        }

        await Assert.ThrowsAnyAsync<Exception>(() => second.Conn.Invoke("Suspend", new { handle = member.Handle, reason = "ban" }));
        Assert.Equal(HttpStatusCode.OK, await StandingProbe.Negotiate(server.BaseUrl, first.Token));
        Assert.Equal(HttpStatusCode.OK, await StandingProbe.Negotiate(server.BaseUrl, member.Token));
    }

    [Fact]
    public async Task A_shorter_suspension_is_refused_and_leaves_a_ban_or_a_longer_suspension_as_it_is()
    {
        await using var moderator = await server.NewModerator();
        await using var other = await server.NewModerator();
        await using var banned = await server.NewMember();
        await using var suspended = await server.NewMember();

        await moderator.Conn.Invoke("Suspend", new { handle = banned.Handle, reason = "Grooming: a permanent ban." });
        await moderator.Conn.Invoke("Suspend", new { handle = suspended.Handle, minutes = 600, reason = "Ten hours to cool down." });
        var before = await StandingProbe.Standing(server.BaseUrl, suspended.Token);

        var shorterThanBan = await Assert.ThrowsAsync<HubException>(() => other.Conn.Invoke("Suspend", new { handle = banned.Handle, minutes = 1, reason = "a short break" }));
        Assert.Equal("conflict: That member is banned. Lift the ban first to give a shorter suspension.", HubErrors.CodeAndSentence(shorterThanBan));
        var shorter = await Assert.ThrowsAsync<HubException>(() => other.Conn.Invoke("Suspend", new { handle = suspended.Handle, minutes = 1, reason = "a short break" }));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(shorter));
        await other.Conn.Invoke("Suspend", new { handle = banned.Handle, reason = "Banned again: a retry changes nothing." });

        Assert.Equal((null, "Grooming: a permanent ban."), (await StandingProbe.Standing(server.BaseUrl, banned.Token)) is var b ? (b.Until, b.Reason) : default);
        Assert.Equal((before.Until, "Ten hours to cool down."), (await StandingProbe.Standing(server.BaseUrl, suspended.Token)) is var t ? (t.Until, t.Reason) : default);
    }

    [Fact]
    public async Task A_role_change_reaches_the_open_connection_as_MemberUpdated()
    {
        await using var member = await server.NewMember();
        var updates = StandingProbe.RecordMemberUpdated(member.Conn);
        using var admin = server.Admin();

        (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).EnsureSuccessStatusCode();
        var granted = await updates.Next(m => m.Roles.Contains(MemberRoles.Moderator));
        Assert.Equal(member.Handle, granted.Handle);

        (await admin.DeleteAsync($"/api/admin/moderators/{member.Handle}")).EnsureSuccessStatusCode();
        await updates.Next(m => !m.Roles.Contains(MemberRoles.Moderator));
    }
}
