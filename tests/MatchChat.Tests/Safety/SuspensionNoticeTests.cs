using System.Diagnostics;
using System.Net;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Reports;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Safety;

/// <summary>
/// Addition to the contract (docs/PROTOCOL.md "Additions: member standing"): a suspended member is told why and until when,
/// live by <c>Suspended({until, reason})</c> before their connections close, and later by <c>POST /api/members/me/standing</c>.
/// </summary>
public sealed class SuspensionNoticeTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task Every_open_connection_hears_Suspended_with_the_end_and_the_moderators_reason_before_it_closes()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        var second = await member.ConnectAnother();
        var closed = new[] { ClosedAfterNotice(member.Conn), ClosedAfterNotice(second) };

        var clock = Stopwatch.StartNew();
        var before = DateTime.UtcNow;
        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 90, reason = "Insults in the anxiety room." });
        await StandingProbe.AllWithin(clock, TimeSpan.FromSeconds(5), closed);

        Assert.All(closed, c => Assert.True(c.Result, "the connection closed before Suspended reached it"));
        foreach (var connection in new[] { member.Conn, second })
        {
            var notice = await connection.Next<SuspensionNotice>("Suspended");
            Assert.Equal("Insults in the anxiety room.", notice.Reason);
            Assert.NotNull(notice.Until);
            Assert.Equal(DateTimeKind.Utc, notice.Until!.Value.Kind);
            Assert.InRange(notice.Until.Value, before.AddMinutes(90).AddSeconds(-5), DateTime.UtcNow.AddMinutes(90).AddSeconds(5));
        }
    }

    [Fact]
    public async Task A_ban_from_a_resolved_report_tells_the_member_the_moderators_note_and_no_end_and_never_who_reported()
    {
        await using var moderator = await server.NewModerator();
        var (pairSeeker, pairListener, conversation) = await ReportFlows.Pair(server, "t90");
        await using var seeker = pairSeeker;
        await using var listener = pairListener;
        var sent = await listener.Send(conversation.Channel, "something cruel");
        var reportId = await ReportFlows.File(seeker, conversation.Channel, sent.Seq);
        var closed = ClosedAfterNotice(listener.Conn);

        await ReportFlows.Resolve(moderator, reportId, "ban", note: "Cruel messages to someone asking for help.");

        Assert.True(await closed.WaitAsync(TimeSpan.FromSeconds(5)), "the connection closed before Suspended reached it");
        var notice = await listener.Conn.Next<SuspensionNotice>("Suspended");
        Assert.Null(notice.Until);
        Assert.Equal("Cruel messages to someone asking for help.", notice.Reason);
        Assert.DoesNotContain(seeker.Handle, notice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standing_endpoint_tells_a_suspended_member_why_even_while_their_token_is_refused()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        Assert.Equal((HttpStatusCode.OK, "active", null, null), await StandingProbe.Standing(server.BaseUrl, member.Token));

        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, minutes = 30, reason = "Spam links in rooms." });
        Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, member.Token));
        var (status, standing, until, reason) = await StandingProbe.Standing(server.BaseUrl, member.Token);
        Assert.Equal((HttpStatusCode.OK, "suspended", "Spam links in rooms."), (status, standing, reason));
        Assert.EndsWith("Z", until, StringComparison.Ordinal);
        Assert.InRange(DateTime.Parse(until!, null, System.Globalization.DateTimeStyles.RoundtripKind), DateTime.UtcNow.AddMinutes(29), DateTime.UtcNow.AddMinutes(31));

        await moderator.Conn.Invoke("Suspend", new { handle = member.Handle, reason = "Ban evasion." });
        Assert.Equal((HttpStatusCode.OK, "suspended", null, "Ban evasion."), await StandingProbe.Standing(server.BaseUrl, member.Token));

        await moderator.Conn.Invoke("Unsuspend", member.Handle);
        Assert.Equal((HttpStatusCode.OK, "active", null, null), await StandingProbe.Standing(server.BaseUrl, member.Token));
        await using var back = await TestConnection.OpenAsync(server.BaseUrl, member.Token);
        await back.Invoke("DeleteMe");
        Assert.Equal(HttpStatusCode.Unauthorized, (await StandingProbe.Standing(server.BaseUrl, member.Token)).Status);
    }

    [Fact]
    public async Task The_standing_endpoint_refuses_a_missing_or_forged_token_with_code_and_sentence()
    {
        await using var member = await server.NewMember();
        foreach (var token in new[] { null, "not-a-token", member.Token[..^6] + "AAAAAA" })
        {
            var (status, detail) = await StandingProbe.StandingProblem(server.BaseUrl, token);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.StartsWith("forbidden: ", detail);
        }
    }

    /// <summary>Completes with whether a <c>Suspended</c> had arrived on the connection when the server closed it.</summary>
    private static Task<bool> ClosedAfterNotice(TestConnection connection)
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Hub.Closed += _ =>
        {
            closed.TrySetResult(connection.Count("Suspended") > 0);
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
