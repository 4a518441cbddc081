namespace MatchChat.Browser.Tests;

/// <summary>
/// The moderator's console as an outside tester found it in real Chromium: the nav's badges were two same-looking "1"
/// bubbles and the button was named "Moderation 1 1"; an input error in Suspend or Room actions was only a status line
/// while focus stayed on the button; and a reload on the console landed on "Talk to someone".
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ModerationCuesTests(SafetyFixture server)
{
    private const string Focused = "() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName";

    [Fact]
    public async Task The_moderation_buttons_badges_say_in_words_what_they_count()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var ana = await Member.JoinAsync(server);
        await using var rude = await Member.JoinAsync(server);
        await ana.JoinRoomAsync("depression");
        await rude.JoinRoomAsync("depression");
        const string hurtful = "Badge words walk: nobody wants to read your moaning.";
        await rude.SendAsync(hurtful);
        var reported = ana.Message(hurtful);
        await Expect(reported).ToHaveCountAsync(1);
        await reported.GetByTestId("message-report").ClickAsync();
        await ana.Page.GetByTestId("report-category-harassment").CheckAsync();
        await ana.Page.GetByTestId("report-submit").ClickAsync();
        await Expect(ana.Page.GetByTestId("notice")).ToContainTextAsync("has reached the moderators");

        await moderator.GoToAsync("talk");
        var nav = moderator.Page.GetByTestId("nav-moderate");
        await Expect(moderator.Page.Locator("#moderate-badge")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Each number has its words: "Moderation 2 open reports", not "Moderation 2 1".
        await Expect(nav).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"^Moderation( \d+ open crisis alerts?)? \d+ open reports?( \d+ appeals? waiting)?$"));
        // The words are the badge's own text (an aria-label on a plain span is not allowed by ARIA and not read by every
        // screen reader; the tester's reading found "1 1"), hidden from sight only.
        await Expect(moderator.Page.Locator("#moderate-badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ open reports?$"));
        // The number alone is what shows: the words take no room on screen.
        var width = await moderator.Page.Locator("#moderate-badge").EvaluateAsync<double>("n => n.getBoundingClientRect().width");
        Assert.True(width < 40, $"the reports badge is {width:F0}px wide");
        await Contrast.AssertAaAsync(moderator.Page, "the moderation nav badges");

        await moderator.GoToAsync("moderate");
        var card = moderator.Page.GetByTestId("report").Filter(new() { HasText = rude.Handle });
        await card.GetByTestId("resolve-submit").ClickAsync();
        await Expect(card.GetByTestId("resolve-submit")).ToHaveCountAsync(0);
        await ana.Page.GetByTestId("chat-leave").ClickAsync();
        await rude.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task An_input_error_in_Suspend_or_Room_actions_marks_its_field_and_takes_focus_there()
    {
        await using var moderator = await server.ModeratorAsync();
        var page = moderator.Page;

        // Suspend with a handle and no reason: the reason is marked, described by the error, and focused.
        await page.GetByTestId("suspend-handle").FillAsync("SomeoneHere-123");
        await page.GetByTestId("suspend-submit").ClickAsync();
        var reason = page.GetByTestId("suspend-reason");
        await Expect(reason).ToBeFocusedAsync();
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reason).ToHaveAccessibleDescriptionAsync("Give a reason for the suspension.");
        Assert.Equal("suspend-reason", await page.EvaluateAsync<string>(Focused));

        // Fixed, then another mistake: the first field no longer says it is wrong, the new one does.
        await reason.FillAsync("Repeated harassment in rooms.");
        await page.GetByTestId("suspend-minutes").FillAsync("0");
        await page.GetByTestId("suspend-submit").ClickAsync();
        await Expect(page.GetByTestId("suspend-minutes")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("suspend-minutes")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reason).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Room actions with no room: the room field, whose hint stays part of its description.
        await page.GetByTestId("room-mod-handle").FillAsync("SomeoneHere-123");
        await page.GetByTestId("room-mod-submit").ClickAsync();
        var room = page.GetByTestId("room-mod-room");
        await Expect(room).ToBeFocusedAsync();
        await Expect(room).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(room).ToHaveAttributeAsync("aria-describedby", "room-mod-room-hint room-mod-result");
        await Expect(page.GetByTestId("room-mod-result")).ToContainTextAsync("room's short name");
    }

    [Fact]
    public async Task A_moderator_who_reloads_on_the_console_is_brought_back_to_it()
    {
        await using var moderator = await server.ModeratorAsync();
        await Expect(moderator.Page.GetByTestId("nav-moderate")).ToHaveAttributeAsync("aria-current", "page");
        await moderator.Page.ReloadAsync();
        await moderator.ExpectConnectedAsync();
        await Expect(moderator.Page.Locator("#view-moderate")).ToBeVisibleAsync();
        await Expect(moderator.Page.GetByTestId("nav-moderate")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(moderator.Page.Locator("#view-talk")).ToBeHiddenAsync();
    }
}
