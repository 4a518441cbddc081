namespace MatchChat.Browser.Tests;

/// <summary>
/// A member a moderator suspends or bans while their page is open: the page says so, until when and why, keeps the token
/// (a reload still shows the suspension, never a fresh identity), and after the lift a reload is back in as the same member.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class SuspendedPageTests(SafetyFixture server)
{
    [Fact]
    public async Task A_suspended_member_sees_until_when_and_why_keeps_their_identity_and_is_back_after_the_lift()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        var token = await member.StoredTokenAsync();
        Assert.False(string.IsNullOrEmpty(token));

        await Suspend(moderator, member.Handle, "120", "Insults in the stress room.");
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle} is suspended for 120 minutes.");

        var title = member.Page.GetByTestId("suspended-title");
        await Expect(title).ToContainTextAsync("A moderator has suspended your account until");
        await Expect(title).ToBeFocusedAsync();
        await Expect(member.Page.GetByTestId("suspended-reason")).ToHaveTextAsync("Insults in the stress room.");
        var until = DateTime.Parse((await member.Page.Locator("#view-suspended").GetAttributeAsync("data-until"))!, null,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(until, DateTime.UtcNow.AddMinutes(118), DateTime.UtcNow.AddMinutes(121));
        // The page's time zone is UTC (Member.OpenAsync): the local time shown is the end's.
        await Expect(title).ToContainTextAsync(until.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(member.Page.GetByTestId("suspended-crisis-link")).ToBeVisibleAsync();
        // The browser says en-GB: the crisis line where they are.
        await Expect(member.Page.GetByTestId("suspended-resources")).ToContainTextAsync("Samaritans");
        await Expect(member.Page.GetByTestId("suspended-retry")).ToBeVisibleAsync();
        await Expect(member.Page.Locator("#view-welcome")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("notice")).ToBeHiddenAsync();
        Assert.Equal(token, await member.StoredTokenAsync());
        await Contrast.AssertAaAsync(member.Page, "the suspension screen");
        await Screenshots.SaveAsync(member.Page, "28-suspended");

        // A reload asks the server why the token is refused: still the suspension, with the same identity kept.
        await member.Page.ReloadAsync();
        await Expect(title).ToContainTextAsync("A moderator has suspended your account until");
        await Expect(member.Page.GetByTestId("suspended-reason")).ToHaveTextAsync("Insults in the stress room.");
        await Expect(member.Page.Locator("#view-welcome")).ToBeHiddenAsync();
        Assert.Equal(token, await member.StoredTokenAsync());

        await moderator.Page.GetByTestId("unsuspend").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle}'s suspension is lifted.");
        await member.Page.GetByTestId("suspended-retry").ClickAsync();
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("my-handle")).ToHaveTextAsync(member.Handle);
        await Expect(member.Page.Locator("#view-suspended")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("nav-talk")).ToBeVisibleAsync();
        Assert.Equal(token, await member.StoredTokenAsync());
        Assert.Empty(member.Dialogs);
    }

    [Fact]
    public async Task A_banned_member_is_told_the_ban_and_why_with_no_end_and_no_way_around_it_but_may_delete_their_data()
    {
        await using var moderator = await server.ModeratorAsync();
        // "en-US" with an Indian clock (many browsers' default far from the US): no US line is named, only the ones for
        // everywhere (the server's default region, US, would have listed 988 first).
        await using var member = await Member.JoinAsync(server, locale: "en-US", timeZone: "Asia/Kolkata");
        var token = await member.StoredTokenAsync();

        await Suspend(moderator, member.Handle, "", "Threats to another member.");
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle} is banned until a moderator lifts it.");

        await Expect(member.Page.GetByTestId("suspended-title")).ToHaveTextAsync("A moderator has banned your account");
        await Expect(member.Page.GetByTestId("suspended-reason")).ToHaveTextAsync("Threats to another member.");
        await Expect(member.Page.GetByTestId("suspended-retry")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("welcome-continue")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("goodbye-restart")).ToBeHiddenAsync();
        await Expect(member.Page.GetByTestId("suspended-resources")).ToContainTextAsync("Find A Helpline");
        await Expect(member.Page.GetByTestId("suspended-resources")).Not.ToContainTextAsync("988");
        await Contrast.AssertAaAsync(member.Page, "the ban screen");

        await member.Page.ReloadAsync();
        await Expect(member.Page.GetByTestId("suspended-title")).ToHaveTextAsync("A moderator has banned your account");
        Assert.Equal(token, await member.StoredTokenAsync());

        // The one thing a ban leaves open: deleting their data, after the same question as everywhere.
        await member.Page.GetByTestId("suspended-delete").ClickAsync();
        await Expect(member.Page.GetByTestId("delete-dialog")).ToBeVisibleAsync();
        await member.Page.GetByTestId("delete-cancel").ClickAsync();
        await Expect(member.Page.GetByTestId("suspended-delete")).ToBeFocusedAsync();
        Assert.Equal(token, await member.StoredTokenAsync());

        // A token the server no longer accepts (as an expired one): the page says nothing was deleted and keeps it.
        await member.Page.EvaluateAsync("async () => { const { state } = await import('/js/store.js'); state.session.token = 'x' + state.session.token; }");
        await member.Page.GetByTestId("suspended-delete").ClickAsync();
        await member.Page.GetByTestId("delete-confirm").ClickAsync();
        await Expect(member.Page.GetByTestId("suspended-delete-result")).ToContainTextAsync("Nothing was deleted.");
        await Expect(member.Page.GetByTestId("goodbye")).ToBeHiddenAsync();
        Assert.Equal(token, await member.StoredTokenAsync());
        await member.Page.EvaluateAsync("async () => { const { state } = await import('/js/store.js'); state.session.token = state.session.token.slice(1); }");

        await member.Page.GetByTestId("suspended-delete").ClickAsync();
        await member.Page.GetByTestId("delete-confirm").ClickAsync();
        await Expect(member.Page.GetByTestId("goodbye")).ToBeVisibleAsync();
        await Expect(member.Page.Locator("#view-suspended")).ToBeHiddenAsync();
        Assert.Null(await member.StoredTokenAsync());

        // Gone for the moderators too.
        await moderator.Page.GetByTestId("unsuspend").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToContainTextAsync("No member has that handle");
        Assert.Empty(member.Dialogs);
    }

    /// <summary>
    /// The peer of a member a moderator suspends hears (screen reader) what the note says, not "X ended the conversation",
    /// and is not asked to thank them; a seeker can ask again from the ended chat (an outside browser probe).
    /// </summary>
    [Fact]
    public async Task A_suspended_peers_chat_end_is_announced_as_a_suspension_and_asks_for_no_thanks()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", "harsh words walk");
        await seeker.TalkWithAsync(listener, "relationships", "Harsh words walk: my partner shouts a lot.");

        await Suspend(moderator, listener.Handle, "60", "Insults in a chat.");
        var ended = seeker.Page.GetByTestId("chat-ended");
        await Expect(ended).ToContainTextAsync($"a moderator suspended {listener.Handle}'s account", new() { Timeout = 10_000 });
        await Expect(seeker.Page.Locator("#announcer")).ToContainTextAsync($"a moderator suspended {listener.Handle}'s account");
        await Expect(seeker.Page.Locator("#announcer")).Not.ToContainTextAsync("ended the conversation");
        await Expect(seeker.Page.GetByTestId("thanks-prompt")).ToBeHiddenAsync();

        // A way to ask again from the chat itself.
        await seeker.Page.GetByTestId("chat-ask-again").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();
    }

    private static async Task Suspend(Member moderator, string handle, string minutes, string reason)
    {
        await moderator.Page.GetByTestId("suspend-handle").FillAsync(handle);
        await moderator.Page.GetByTestId("suspend-minutes").FillAsync(minutes);
        await moderator.Page.GetByTestId("suspend-reason").FillAsync(reason);
        await moderator.Page.GetByTestId("suspend-submit").ClickAsync();
    }
}
