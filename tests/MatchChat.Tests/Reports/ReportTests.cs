using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Safety;
using MatchChat.Tests.Support;
using static MatchChat.Tests.Reports.ReportFlows;

namespace MatchChat.Tests.Reports;

public sealed class ReportTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_report_copies_the_message_and_twenty_before_it_reaches_moderators_live_and_a_repeat_gives_the_same_id()
    {
        await using var moderator = await server.NewModerator();
        var filed = new EventInbox<Report>(moderator.Conn.Hub, "ReportFiled");
        // As the moderator console does when it opens (this connection opened before the role was granted).
        await List(moderator);
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var notModerators = new[] { new EventInbox<Report>(seeker.Conn.Hub, "ReportFiled"), new EventInbox<Report>(listener.Conn.Hub, "ReportFiled") };
        await SendMany(seeker, conversation.Channel, 2, "seeker");
        var fromListener = await SendMany(listener, conversation.Channel, 25, "listener");
        var reported = fromListener[22];

        var reportId = await File(seeker, conversation.Channel, reported.Seq, "harassment", "  Cruel words.  ");

        var live = await filed.Next(r => r.ReportId == reportId);
        Assert.Equal(seeker.Handle, live.ReporterHandle);
        Assert.Equal(listener.Handle, live.ReportedHandle);
        Assert.Equal("open", live.Status);
        Assert.Empty(live.Evidence);
        Assert.All(notModerators, inbox => Assert.Empty(inbox.All));

        var report = Assert.Single(await List(moderator), r => r.ReportId == reportId);
        Assert.Equal(conversation.Channel, report.Channel);
        Assert.Equal(reported.Seq, report.Seq);
        Assert.Equal("harassment", report.Category);
        Assert.Equal("Cruel words.", report.Reason);
        Assert.Null(report.Resolution);
        Assert.Equal(Enumerable.Range((int)reported.Seq - 20, 21).Select(s => (long)s), report.Evidence.Select(m => m.Seq));
        Assert.Equal(reported.Text, report.Evidence[^1].Text);
        Assert.Equal(listener.Handle, report.Evidence[^1].SenderHandle);

        // The same reporter and message: the same id, and still one report.
        Assert.Equal(reportId, await File(seeker, conversation.Channel, reported.Seq, "spam", "again"));
        Assert.Equal("harassment", Assert.Single(await List(moderator), r => r.ReportId == reportId).Category);
        Assert.Contains(await List(moderator, "open"), r => r.ReportId == reportId);
        Assert.DoesNotContain(await List(moderator, "resolved"), r => r.ReportId == reportId);
    }

    [Fact]
    public async Task A_conversation_reported_without_seq_names_the_peer_and_copies_its_last_messages()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        await SendMany(listener, conversation.Channel, 3, "hello");

        var reportId = await File(listener, conversation.Channel, null, "other", null);

        var report = Assert.Single(await List(moderator), r => r.ReportId == reportId);
        Assert.Equal(seeker.Handle, report.ReportedHandle);
        Assert.Null(report.Seq);
        Assert.Equal("", report.Reason);
        Assert.Equal([1L, 2L, 3L], report.Evidence.Select(m => m.Seq));
    }

    [Fact]
    public async Task Bad_reports_are_refused_with_a_clear_error_and_file_nothing()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        await using var stranger = await server.NewMember();
        var mine = await seeker.Send(conversation.Channel, "my own words");
        var theirs = await listener.Send(conversation.Channel, "their words");
        var before = (await List(moderator)).Length;

        Assert.StartsWith("invalid: category must be one of", await Refusal(() => File(seeker, conversation.Channel, theirs.Seq, "rude")));
        Assert.Equal("invalid: You cannot report your own message.", await Refusal(() => File(seeker, conversation.Channel, mine.Seq)));
        Assert.StartsWith("forbidden: ", await Refusal(() => File(stranger, conversation.Channel, theirs.Seq)));
        Assert.StartsWith("not_found: ", await Refusal(() => File(stranger, "conversation:doesnotexist", 1)));
        Assert.StartsWith("not_found: There is no message with that seq", await Refusal(() => File(seeker, conversation.Channel, theirs.Seq + 5)));
        Assert.StartsWith("invalid: seq must be", await Refusal(() => File(seeker, conversation.Channel, 0)));
        Assert.StartsWith("invalid: In a room, report a message", await Refusal(() => File(seeker, "room:grief", null)));
        Assert.StartsWith("invalid: reason may be at most 500", await Refusal(() => File(seeker, conversation.Channel, theirs.Seq, reason: new string('x', 501))));
        Assert.StartsWith("invalid: channel must be", await Refusal(() => File(seeker, "elsewhere:1", 1)));
        // A room the reporter has not joined cannot be read, so nothing in it can be reported.
        await listener.Conn.Invoke<Room>("JoinRoom", "grief");
        var inRoom = await listener.Send("room:grief", "room words");
        Assert.StartsWith("forbidden: ", await Refusal(() => File(stranger, "room:grief", inRoom.Seq)));

        Assert.Equal(before, (await List(moderator)).Length);
    }

    [Fact]
    public async Task Only_moderators_list_and_resolve_and_bad_arguments_change_nothing()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq);

        Assert.Equal("forbidden: Only moderators can do this.", await Refusal(() => List(seeker)));
        Assert.Equal("forbidden: Only moderators can do this.", await Refusal(() => Resolve(listener, reportId, "none")));
        Assert.StartsWith("invalid: status must be open or resolved", await Refusal(() => List(moderator, "closed")));
        Assert.StartsWith("invalid: action must be one of", await Refusal(() => Resolve(moderator, reportId, "delete")));
        Assert.StartsWith("invalid: suspend needs minutes", await Refusal(() => Resolve(moderator, reportId, "suspend")));
        Assert.StartsWith("invalid: minutes is only for action suspend", await Refusal(() => Resolve(moderator, reportId, "warn", minutes: 5)));
        Assert.StartsWith("not_found: There is no report with that id.", await Refusal(() => Resolve(moderator, "0123456789abcdef0123456789abcdef", "none")));
        Assert.StartsWith("invalid: reportId must be", await Refusal(() => Resolve(moderator, "<bad id>", "none")));

        Assert.Equal("open", Assert.Single(await List(moderator), r => r.ReportId == reportId).Status);
    }

    [Fact]
    public async Task Warn_reaches_the_reported_member_without_naming_the_reporter_and_a_second_resolve_is_a_conflict()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var warnedListener = new EventInbox<Warned>(listener.Conn.Hub, "Warned");
        var warnedSeeker = new EventInbox<Warned>(seeker.Conn.Hub, "Warned");
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq);

        await Resolve(moderator, reportId, "warn", note: "Please be kind in conversations.");

        var warned = await warnedListener.Next();
        Assert.Equal("Please be kind in conversations.", warned.Reason);
        Assert.DoesNotContain(seeker.Handle, warned.Reason);
        var report = Assert.Single(await List(moderator, "resolved"), r => r.ReportId == reportId);
        Assert.Equal("resolved", report.Status);
        Assert.Equal(new ReportResolution("warn", "Please be kind in conversations.", moderator.Handle, report.Resolution!.ResolvedAt, null), report.Resolution);

        Assert.Equal("conflict: This report was already resolved.", await Refusal(() => Resolve(moderator, reportId, "none")));
        Assert.Single(warnedListener.All);
        Assert.Empty(warnedSeeker.All);
    }

    [Fact]
    public async Task A_warning_to_a_member_with_no_page_open_reaches_their_next_connection_once()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq);
        await listener.DisposeAsync();
        // Gone from the server's view (their peer sees them offline) before the moderator acts.
        await WaitUntil(async () => (await seeker.Conn.Invoke<Conversation[]>("ListConversations"))
            .Single(c => c.ConversationId == conversation.ConversationId).PeerOnline == false);

        await Resolve(moderator, reportId, "warn", note: "Please keep it kind.");

        await using var back = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        Assert.Equal("Please keep it kind.", (await back.Next<Warned>("Warned")).Reason);
        await using var again = await TestConnection.OpenAsync(server.BaseUrl, listener.Token);
        await again.Invoke<Member>("GetMe");
        await again.AssertNone<Warned>("Warned", wait: TimeSpan.FromMilliseconds(500));
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Warn_without_a_note_sends_the_standard_sentence_and_none_resolves_without_touching_anyone()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var warned = new EventInbox<Warned>(listener.Conn.Hub, "Warned");
        var first = await listener.Send(conversation.Channel, "one");
        var second = await listener.Send(conversation.Channel, "two");
        var warnId = await File(seeker, conversation.Channel, first.Seq);
        var noneId = await File(seeker, conversation.Channel, second.Seq);
        Assert.NotEqual(warnId, noneId);

        await Resolve(moderator, noneId, "none", note: "Nothing against the guidelines.");
        await Resolve(moderator, warnId, "warn");

        Assert.StartsWith("A moderator reviewed a report", (await warned.Next()).Reason);
        Assert.Single(warned.All);
        var resolved = await List(moderator, "resolved");
        Assert.Equal("none", resolved.Single(r => r.ReportId == noneId).Resolution!.Action);
    }

    [Fact]
    public async Task Resolving_with_suspend_suspends_the_reported_member_for_real_and_the_report_is_resolved_once()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq, "hate");
        var closed = StandingProbe.WhenClosed(listener.Conn);

        await Resolve(moderator, reportId, "suspend", minutes: 60);

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        var ended = await seeker.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == conversation.ConversationId);
        Assert.Equal(EndReasons.Suspended, ended.Reason);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await StandingProbe.Negotiate(server.BaseUrl, listener.Token));
        var resolved = Assert.Single(await List(moderator), r => r.ReportId == reportId);
        Assert.Equal(("resolved", "suspend"), (resolved.Status, resolved.Resolution!.Action));
        Assert.StartsWith("conflict: ", await Refusal(() => Resolve(moderator, reportId, "ban")));
    }

    [Fact]
    public async Task A_moderator_reported_as_a_listener_is_not_told_who_reported_them_and_cannot_resolve_it()
    {
        await using var other = await server.NewModerator();
        await using var reported = await server.NewModerator();
        var otherFiled = new EventInbox<Report>(other.Conn.Hub, "ReportFiled");
        var reportedFiled = new EventInbox<Report>(reported.Conn.Hub, "ReportFiled");
        await List(other);
        await List(reported);
        await using var seeker = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, reported, "grief");
        var message = await reported.Send(conversation.Channel, "words the seeker reports");

        var reportId = await File(seeker, conversation.Channel, message.Seq, "harassment", "The listener was abusive.");

        Assert.Equal(seeker.Handle, (await otherFiled.Next(r => r.ReportId == reportId)).ReporterHandle);
        await Task.Delay(500);
        Assert.DoesNotContain(reportedFiled.All, r => r.ReportId == reportId);
        Assert.DoesNotContain(await List(reported), r => r.ReportId == reportId);
        Assert.StartsWith("forbidden: ", await Refusal(() => Resolve(reported, reportId, "none")));
        Assert.Equal("open", Assert.Single(await List(other), r => r.ReportId == reportId).Status);

        await Resolve(other, reportId, "warn", note: "Please keep to the listener's guide.");
        Assert.Equal("resolved", Assert.Single(await List(other), r => r.ReportId == reportId).Status);
    }

    [Fact]
    public async Task Resolving_a_report_about_a_member_who_deleted_their_data_says_so_and_action_none_closes_it()
    {
        await using var moderator = await server.NewModerator();
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq, "hate");
        await listener.Conn.Invoke("DeleteMe");

        var refusal = await Refusal(() => Resolve(moderator, reportId, "suspend", minutes: 60));
        Assert.StartsWith("not_found: ", refusal);
        Assert.Contains("deleted", refusal);
        Assert.DoesNotContain("Create a new member", refusal);
        Assert.Equal("open", Assert.Single(await List(moderator), r => r.ReportId == reportId).Status);
        await Resolve(moderator, reportId, "none");
        Assert.Equal("resolved", Assert.Single(await List(moderator), r => r.ReportId == reportId).Status);
    }

    [Fact]
    public async Task Reporting_is_rate_limited_per_member()
    {
        await using var room = await server.NewMember();
        await using var reporter = await server.NewMember();
        await room.Conn.Invoke<Room>("JoinRoom", "stress");
        await reporter.Conn.Invoke<Room>("JoinRoom", "stress");
        var messages = await SendMany(room, "room:stress", 11, "spam");

        for (var i = 0; i < 10; i++)
        {
            await File(reporter, "room:stress", messages[i].Seq, "spam");
        }

        Assert.StartsWith("rate_limited: ", await Refusal(() => File(reporter, "room:stress", messages[10].Seq, "spam")));
    }

    [Fact]
    public async Task A_moderator_who_connects_gets_reports_live_at_once()
    {
        var moderator = await server.NewModerator();
        await using var _ = moderator;
        await using var fresh = await TestConnection.OpenAsync(server.BaseUrl, moderator.Token);
        var filed = new EventInbox<Report>(fresh.Hub, "ReportFiled");
        var (seeker, listener, conversation) = await Pair(server);
        await using var __ = seeker;
        await using var ___ = listener;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq);

        await filed.Next(r => r.ReportId == reportId);
    }

    [Fact]
    public async Task A_role_granted_on_an_open_connection_gets_reports_live_after_its_first_moderator_call()
    {
        await using var later = await server.NewMember();
        var filed = new EventInbox<Report>(later.Conn.Hub, "ReportFiled");
        using (var admin = server.Admin())
        {
            (await admin.PostAsync("/api/admin/moderators", System.Net.Http.Json.JsonContent.Create(new { handle = later.Handle }))).EnsureSuccessStatusCode();
        }

        await List(later);
        var (seeker, listener, conversation) = await Pair(server);
        await using var _ = seeker;
        await using var __ = listener;
        var message = await listener.Send(conversation.Channel, "words");
        var reportId = await File(seeker, conversation.Channel, message.Seq);

        await filed.Next(r => r.ReportId == reportId);
    }
}
