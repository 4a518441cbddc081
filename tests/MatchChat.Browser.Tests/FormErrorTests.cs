namespace MatchChat.Browser.Tests;

/// <summary>
/// A form's error is read out as it appears, names the field it is about and takes focus there, and shows the server's
/// sentence without its code (an outside probe: #welcome-error had no live role and read "rate_limited: Too many new
/// members…"; the Talk form's "Please keep the note to 500 characters…" was silent, with focus left on the button).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class FormErrorTests(SafetyFixture server)
{
    private const string TooMany = "Too many new members from your network just now. Please wait a minute and try again.";

    [Fact]
    public async Task The_welcome_forms_errors_are_announced_on_their_field_and_without_the_servers_code()
    {
        await using var member = await Member.OpenAsync(server, width: 390, height: 844);
        var page = member.Page;
        var error = page.Locator("#welcome-error");
        var adult = page.GetByTestId("age-adult");

        await page.GetByTestId("welcome-continue").ClickAsync();
        await Expect(error).ToHaveTextAsync("Please choose your age group.");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(adult).ToBeFocusedAsync();
        await Expect(adult).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(adult).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bwelcome-error\b"));
        var teen = page.GetByTestId("age-teen");
        await Expect(teen).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(teen).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bwelcome-error\b"));

        // The server is busy: its sentence, not its code; the age choice is no longer marked; focus back on Continue.
        await page.RouteAsync("**/api/members", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new()
            {
                Status = 429,
                ContentType = "application/problem+json",
                Body = $$"""{"title":"Too many requests","status":429,"detail":"rate_limited: {{TooMany}}"}""",
            })
            : route.ContinueAsync());
        await adult.CheckAsync();
        await page.GetByTestId("welcome-continue").ClickAsync();
        await Expect(error).ToHaveTextAsync(TooMany);
        await Expect(adult).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(adult).ToHaveAttributeAsync("aria-describedby", "age-hint");
        await Expect(teen).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(teen).ToHaveAttributeAsync("aria-describedby", "age-hint");
        await KeyboardFocusTests.ExpectFocusedAsync(page, "[data-testid=welcome-continue]");

        await page.UnrouteAllAsync();
        await page.GetByTestId("welcome-continue").ClickAsync();
        await member.ExpectConnectedAsync();
        Assert.Empty(member.Dialogs);
    }

    [Fact]
    public async Task The_talk_forms_error_is_announced_and_focus_goes_to_the_note_it_is_about()
    {
        await using var member = await Member.JoinAsync(server, width: 390, height: 844);
        await member.GoToAsync("talk");
        await member.Page.GetByTestId("talk-topic").SelectOptionAsync("stress");
        await member.Page.GetByTestId("support-talk").CheckAsync();
        await member.Page.GetByTestId("talk-note").FillAsync(new string('n', 500));
        await member.Page.GetByTestId("talk-submit").ClickAsync();

        var error = member.Page.Locator("#talk-error");
        await Expect(error).ToHaveTextAsync("Please keep the note to 500 characters, with the kind of support you chose.");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        var note = member.Page.GetByTestId("talk-note");
        await Expect(note).ToBeFocusedAsync();
        await Expect(note).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(note).ToHaveAttributeAsync("aria-describedby", "talk-note-count talk-error");

        await note.FillAsync("Form error walk: a short note now.");
        await member.Page.GetByTestId("talk-submit").ClickAsync();
        await Expect(member.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await Expect(note).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(note).ToHaveAttributeAsync("aria-describedby", "talk-note-count");
        await member.Page.GetByTestId("talk-cancel").ClickAsync();
        Assert.Empty(member.ConsoleErrors);
    }

    /// <summary>
    /// A message refused for what it is (nothing a reader would see) offers "Remove" only: its "Try again" could never
    /// succeed (an outside probe). A refusal that may pass later keeps "Try again" (outbox.test.js).
    /// </summary>
    [Fact]
    public async Task A_message_with_nothing_visible_is_refused_without_a_try_again_that_cannot_succeed()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "invisible message walk, deadlines");
        await using var seeker = await Member.JoinAsync(server, width: 390, height: 844);
        await seeker.TalkWithAsync(listener, "stress", "Invisible message walk: too much at once.");
        await seeker.SendAsync("\u200B\u200B");

        var failed = seeker.Page.Locator("#messages > li[data-state=failed]");
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed).ToContainTextAsync("Not sent:");
        await Expect(failed).ToContainTextAsync("write something");
        await Expect(failed.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToHaveCountAsync(0);
        await failed.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(failed).ToHaveCountAsync(0);
        await listener.StopListeningAsync();
    }
}
