namespace MatchChat.Browser.Tests;

/// <summary>
/// A crisis alert's context in the moderation console marks what raised the alert, in words as well as colour: the
/// message whose seq is the alert's (the last of up to 21) or, for a request note's alert, the note. An outside probe
/// found the flagged message looked like the others but for its border, with nothing said to a screen reader.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class AlertContextTests(SafetyFixture server)
{
    private const string Crisis = "Context walk: I want to kill myself tonight";

    [Fact]
    public async Task The_flagged_message_is_marked_in_the_alert_context_and_brought_into_view()
    {
        await using var moderator = await server.ModeratorAsync();
        await moderator.Page.SetViewportSizeAsync(1280, 600);
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "context walk, long winters");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "depression", "Context walk: the winter has been very long.");
        for (var i = 1; i <= 8; i++)
        {
            await seeker.SendAsync($"Context line {i}: another grey day indoors.");
        }

        await seeker.SendAsync(Crisis);
        await Expect(listener.Message(Crisis)).ToHaveCountAsync(1);

        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await Expect(alert).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await alert.GetByTestId("alert-context").ClickAsync();
        var rows = alert.GetByTestId("alert-context-message");
        await Expect(rows.Filter(new() { HasText = "Context line 1:" })).ToHaveCountAsync(1);
        var flagged = alert.Locator("[data-testid=alert-context-message][data-flagged=true]");
        await Expect(flagged).ToHaveCountAsync(1);
        await Expect(flagged).ToContainTextAsync(Crisis);
        await Expect(flagged).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bflagged\b"));
        await Expect(flagged.GetByTestId("alert-context-flag")).ToBeVisibleAsync();
        await Expect(flagged.GetByTestId("alert-context-flag")).ToContainTextAsync("Flagged");
        await Expect(flagged.Locator(".visually-hidden")).ToHaveTextAsync(": this message raised the alert.");
        await Expect(alert.GetByTestId("alert-context-flag")).ToHaveCountAsync(1);
        Assert.Equal(
            await flagged.GetAttributeAsync("data-seq"),
            await rows.Last.GetAttributeAsync("data-seq"));
        await Expect(flagged).ToBeInViewportAsync(new() { Ratio = 0.9f });
        await KeyboardFocusTests.ExpectFocusedAsync(moderator.Page, $"[data-alert-id] [data-testid=alert-context][aria-label$='{seeker.Handle}']");
        await Contrast.AssertAaAsync(moderator.Page, "the flagged message in an alert's context");
        await Screenshots.SaveAsync(moderator.Page, "85-alert-context-flagged");

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task A_note_alerts_context_marks_the_note()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("relationships", note: "Context note walk: I want to kill myself");

        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await Expect(alert).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await alert.GetByTestId("alert-context").ClickAsync();
        var flagged = alert.Locator("[data-testid=alert-context-message][data-flagged=true]");
        await Expect(flagged).ToHaveCountAsync(1);
        await Expect(flagged).ToContainTextAsync("Context note walk");
        await Expect(flagged.GetByTestId("alert-context-flag")).ToContainTextAsync("Flagged");
        await Expect(flagged.Locator(".visually-hidden")).ToHaveTextAsync(": this note raised the alert.");

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        Assert.Empty(moderator.ConsoleErrors);
    }
}
