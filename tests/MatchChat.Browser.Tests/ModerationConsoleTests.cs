namespace MatchChat.Browser.Tests;

/// <summary>The moderator console: only for moderators, live when the role changes, and its tools acting for real.</summary>
[Collection(SafetyCollection.Name)]
public sealed class ModerationConsoleTests(SafetyFixture server)
{
    [Fact]
    public async Task The_console_is_absent_for_members_who_are_not_moderators()
    {
        await using var member = await Member.JoinAsync(server);
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeHiddenAsync();
        await Expect(member.Page.Locator("#view-moderate")).ToBeHiddenAsync();

        // Even asked for by name (a saved view, a crafted call), the page does not show it.
        await member.Page.EvaluateAsync("() => sessionStorage.setItem('matchchat.view', 'moderate')");
        await member.Page.ReloadAsync();
        await member.ExpectConnectedAsync();
        await Expect(member.Page.Locator("#view-moderate")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("report")).ToHaveCountAsync(0);

        // The Safety view is there for everyone.
        await member.GoToAsync("safety");
        await Expect(member.Page.Locator("#view-safety")).ToBeVisibleAsync();
        await Expect(member.Page.GetByTestId("delete-start")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_console_appears_and_disappears_live_when_the_operator_grants_and_revokes_the_role()
    {
        await using var member = await Member.JoinAsync(server);
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeHiddenAsync();

        // MemberUpdated reaches the open page: no reload.
        await server.GrantModeratorAsync(member.Handle);
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeVisibleAsync();
        await member.GoToAsync("moderate");
        await Expect(member.Page.Locator("#view-moderate")).ToBeVisibleAsync();

        await server.RevokeModeratorAsync(member.Handle);
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeHiddenAsync();
        await Expect(member.Page.Locator("#view-moderate")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_moderator_mutes_a_member_in_a_room_and_suspends_them_which_ends_their_session_and_tells_them_why()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        await member.JoinRoomAsync("stress");
        await member.SendAsync("Deadlines everywhere this week.");
        await Expect(member.Message("Deadlines everywhere this week.")).ToHaveAttributeAsync("data-state", "sent");

        // Mute for ten minutes: the member's page closes the room's composer at once and says why (the server refuses a
        // send anyway: RoomModerationTests).
        await moderator.Page.GetByTestId("room-mod-room").FillAsync("stress");
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("mute");
        await moderator.Page.GetByTestId("room-mod-minutes").FillAsync("10");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).ToHaveTextAsync($"{member.Handle} is muted in the Stress room for 10 minutes.", new() { IgnoreCase = true });
        await Expect(member.Page.GetByTestId("composer-muted")).ToContainTextAsync("muted you in this room", new() { Timeout = 10_000 });
        await Expect(member.Composer).ToBeDisabledAsync();

        // Unmute: writing works again.
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("unmute");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).ToContainTextAsync("can write in");
        await Expect(member.Composer).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await member.SendAsync("Back again.");
        await Expect(member.Message("Back again.")).ToHaveAttributeAsync("data-state", "sent");

        // Bad input is caught before it is sent.
        await moderator.Page.GetByTestId("suspend-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("suspend-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync("Give a reason for the suspension.");

        // Suspended for an hour: the member's page says so (SuspendedPageTests has the details).
        await moderator.Page.GetByTestId("suspend-minutes").FillAsync("60");
        await moderator.Page.GetByTestId("suspend-reason").FillAsync("Repeated harassment in rooms.");
        await Contrast.AssertAaAsync(moderator.Page, "the moderator tools");
        await Screenshots.SaveAsync(moderator.Page, "26-moderator-tools");
        await moderator.Page.GetByTestId("suspend-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle} is suspended for 60 minutes.");
        await Expect(member.Page.GetByTestId("suspended-title")).ToContainTextAsync("A moderator has suspended your account until");
        await Expect(member.Page.GetByTestId("suspended-reason")).ToHaveTextAsync("Repeated harassment in rooms.");

        await moderator.Page.GetByTestId("unsuspend").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle}'s suspension is lifted.");
    }

    [Fact]
    public async Task A_room_mute_notice_gives_its_end_in_the_readers_own_time_not_the_servers_utc()
    {
        await using var moderator = await server.ModeratorAsync();
        // Tokyo: nine hours ahead of UTC all year, so a UTC time left as it is cannot pass for the local one.
        await using var member = await Member.JoinAsync(server, timeZone: "Asia/Tokyo");
        await member.JoinRoomAsync("loneliness");

        await moderator.Page.GetByTestId("room-mod-room").FillAsync("loneliness");
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("mute");
        await moderator.Page.GetByTestId("room-mod-minutes").FillAsync("30");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).ToContainTextAsync("is muted in");
        var ends = DateTime.UtcNow.AddMinutes(30).AddHours(9);

        // Told at once, before writing anything: the room's composer closes and says why and until when (an outside
        // probe: the muted member learnt it only from a refused send).
        var muted = member.Page.GetByTestId("composer-muted");
        await Expect(muted).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(member.Composer).ToBeDisabledAsync();
        await Expect(member.Page.GetByTestId("notice")).ToContainTextAsync("muted you in the");
        var note = (await muted.TextContentAsync())!;
        Assert.DoesNotContain("UTC", note);
        var shown = System.Text.RegularExpressions.Regex.Match(note, @"muted you in this room until \D*?(\d{1,2}) \w+ \d{4}\D+(\d{2}):(\d{2})\.");
        Assert.True(shown.Success, note);
        var at = new DateTime(ends.Year, ends.Month, int.Parse(shown.Groups[1].Value), int.Parse(shown.Groups[2].Value), int.Parse(shown.Groups[3].Value), 0);
        Assert.True(Math.Abs((at - ends).TotalMinutes) <= 2, $"{note} (expected about {ends:yyyy-MM-dd HH:mm} in Tokyo)");

        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("unmute");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).ToContainTextAsync("can write in");
        await Expect(member.Composer).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await Expect(muted).ToBeHiddenAsync();
        await member.SendAsync("Is anyone around tonight?");
        await Expect(member.Message("Is anyone around tonight?")).ToHaveAttributeAsync("data-state", "sent");
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task An_adult_listener_who_offers_to_support_teens_waits_for_a_moderator_and_sees_the_approval()
    {
        await using var moderator = await server.ModeratorAsync();
        // The console is open before the listener asks.
        await moderator.GoToAsync("moderate");
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "exam stress", acceptsTeens: true);
        var approval = listener.Page.GetByTestId("teen-approval");
        await Expect(approval).ToContainTextAsync("waiting for a moderator's approval");
        await Contrast.AssertAaAsync(listener.Page, "a listener waiting for teen approval");
        await Screenshots.SaveAsync(listener.Page, "27-teen-approval-pending");

        // The moderator sees them appear in the open console's waiting list, without reopening it (read again every
        // half minute while the console is on screen).
        var waiting = moderator.Page.Locator($"[data-testid=teen-waiting-entry][data-handle='{listener.Handle}']");
        await Expect(waiting).ToContainTextAsync("asked", new() { Timeout = 45_000 });
        await Screenshots.SaveAsync(moderator.Page, "27b-teen-approvals-waiting");
        await waiting.GetByTestId("teen-waiting-approve").ClickAsync();
        await Expect(moderator.Page.GetByTestId("teen-result")).ToHaveTextAsync($"{listener.Handle} may now be offered chats with 13 to 17 year olds.");
        await Expect(waiting).ToHaveCountAsync(0);
        await moderator.Page.GetByTestId("teen-handle").FillAsync(listener.Handle);

        // The listener's page reads the new state when the listener screen is opened again.
        await listener.GoToAsync("talk");
        await listener.GoToAsync("listen");
        await Expect(approval).ToContainTextAsync("A moderator has approved you");

        await moderator.Page.GetByTestId("teen-revoke").ClickAsync();
        await Expect(moderator.Page.GetByTestId("teen-result")).ToContainTextAsync("will no longer be offered");
        await listener.GoToAsync("talk");
        await listener.GoToAsync("listen");
        await Expect(approval).Not.ToContainTextAsync("approved");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }
}
