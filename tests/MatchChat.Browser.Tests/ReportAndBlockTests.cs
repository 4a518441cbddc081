using Xunit.Abstractions;

namespace MatchChat.Browser.Tests;

/// <summary>Reporting a message and a conversation, a moderator resolving the report live, and blocking.</summary>
[Collection(SafetyCollection.Name)]
public sealed class ReportAndBlockTests(SafetyFixture server, ITestOutputHelper output)
{
    private const string Hurtful = "Nobody here cares about you. Just leave.";

    [Fact]
    public async Task A_member_reports_a_room_message_and_a_moderator_sees_it_live_with_its_evidence_and_warns_the_sender()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var ana = await Member.JoinAsync(server);
        await using var rude = await Member.JoinAsync(server);
        await ana.JoinRoomAsync("loneliness");
        await rude.JoinRoomAsync("loneliness");

        await ana.SendAsync("Does anyone else feel invisible at work?");
        await Expect(rude.Message("Does anyone else feel invisible at work?")).ToHaveCountAsync(1);
        await rude.SendAsync(Hurtful);
        var reported = ana.Message(Hurtful);
        await Expect(reported).ToHaveCountAsync(1);

        // Only other people's messages have Report and Block.
        await Expect(ana.Message("Does anyone else feel invisible at work?").GetByTestId("message-report")).ToHaveCountAsync(0);
        await Expect(rude.Message(Hurtful).GetByTestId("message-report")).ToHaveCountAsync(0);

        // The report dialog is labelled, keyboard operable, and Escape gives focus back to the button.
        var report = reported.GetByTestId("message-report");
        await Expect(report).ToHaveAttributeAsync("aria-label", $"Report this message from {rude.Handle}");
        await report.ClickAsync();
        var dialog = ana.Page.GetByTestId("report-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync($"Report a message from {rude.Handle}");
        await Expect(dialog.Locator("#report-quote")).ToHaveTextAsync(Hurtful);
        await Expect(ana.Page.GetByTestId("report-category-harassment")).ToBeFocusedAsync();
        await ana.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(report).ToBeFocusedAsync();

        // Sending without a category says what is missing and sends nothing.
        await report.ClickAsync();
        await ana.Page.GetByTestId("report-submit").ClickAsync();
        await Expect(dialog.Locator("#report-error")).ToHaveTextAsync("Please choose what best describes the problem.");
        await ana.Page.GetByTestId("report-category-harassment").CheckAsync();
        await ana.Page.GetByTestId("report-reason").FillAsync("Told me nobody cares and to leave.");
        await Contrast.AssertAaAsync(ana.Page, "the report dialog");
        await Screenshots.SaveAsync(ana.Page, "18-report-a-message");
        var filed = System.Diagnostics.Stopwatch.StartNew();
        await ana.Page.GetByTestId("report-submit").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(ana.Page.GetByTestId("notice")).ToContainTextAsync("Your report (harassment or bullying) has reached the moderators");
        await Screenshots.SaveAsync(ana.Page, "19-report-sent");

        // The moderator's console shows it without a reload, with the evidence copied at filing time.
        var card = moderator.Page.GetByTestId("report").Filter(new() { HasText = rude.Handle });
        await Expect(card).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var seen = filed.Elapsed;
        await Expect(card).ToContainTextAsync("Harassment or bullying");
        await Expect(card).ToContainTextAsync($"reported by {ana.Handle}");
        await Expect(card.GetByTestId("report-reason")).ToHaveTextAsync("Told me nobody cares and to leave.");
        await Expect(card.GetByTestId("evidence-message")).ToHaveCountAsync(2);
        output.WriteLine($"Report click to the moderator's console: card {seen.TotalMilliseconds:F0} ms, with its evidence {filed.Elapsed.TotalMilliseconds:F0} ms");
        await Expect(card.Locator("[data-testid=evidence-message].reported")).ToContainTextAsync(Hurtful);
        await Expect(card.GetByTestId("evidence-message").First).ToContainTextAsync("Does anyone else feel invisible at work?");
        await Expect(moderator.Page.Locator("#moderate-badge")).ToHaveTextAsync("1 open report");
        await Contrast.AssertAaAsync(moderator.Page, "the moderator console");
        await Screenshots.SaveAsync(moderator.Page, "20-moderator-console");

        // A warning needs a note; then the sender reads it at once.
        await card.GetByTestId("resolve-action").SelectOptionAsync("warn");
        await card.GetByTestId("resolve-submit").ClickAsync();
        await Expect(card.GetByTestId("resolve-result")).ToContainTextAsync("A warning needs a note");
        await card.GetByTestId("resolve-note").FillAsync("Telling people to leave is not okay here. Please be kind.");
        var resolved = System.Diagnostics.Stopwatch.StartNew();
        await card.GetByTestId("resolve-submit").ClickAsync();
        await Expect(rude.Page.GetByTestId("warning")).ToBeVisibleAsync();
        output.WriteLine($"Resolve (warn) click to the warning on the sender's page: {resolved.Elapsed.TotalMilliseconds:F0} ms");
        await Expect(rude.Page.GetByTestId("warning-text")).ToContainTextAsync("Telling people to leave is not okay here.");
        await Contrast.AssertAaAsync(rude.Page, "a warning");
        await Screenshots.SaveAsync(rude.Page, "21-warned");

        // Resolved: out of the open list, listed under Resolved with what was done.
        await Expect(card).ToHaveCountAsync(0);
        await moderator.Page.GetByTestId("reports-filter").SelectOptionAsync("resolved");
        await Expect(card.GetByTestId("report-resolution")).ToContainTextAsync("warned");
        await Expect(moderator.Page.Locator("#moderate-badge")).ToBeHiddenAsync();
        Assert.Empty(ana.Dialogs);
        Assert.True(moderator.ConsoleErrors.Count == 0, string.Join(" | ", moderator.ConsoleErrors));
    }

    [Fact]
    public async Task A_member_reports_a_whole_conversation_and_blocks_in_the_same_step()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", "breakup");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "relationships", "We broke up last week.");
        await listener.SendAsync("Send me a photo of yourself first.");
        await Expect(seeker.Message("Send me a photo of yourself first.")).ToHaveCountAsync(1);

        // The header's Report is about the whole conversation: no message is quoted.
        await seeker.Page.GetByTestId("chat-report").ClickAsync();
        var dialog = seeker.Page.GetByTestId("report-dialog");
        await Expect(dialog).ToContainTextAsync($"Report your conversation with {listener.Handle}");
        await Expect(dialog.Locator("#report-quote")).ToBeHiddenAsync();
        await seeker.Page.GetByTestId("report-category-sexual").CheckAsync();
        await seeker.Page.GetByTestId("report-reason").FillAsync("Asked for photos.");
        await Expect(dialog).ToContainTextAsync($"Also block {listener.Handle}");
        await seeker.Page.GetByTestId("report-block").CheckAsync();
        await seeker.Page.GetByTestId("report-submit").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("notice")).ToContainTextAsync("has reached the moderators");
        await Expect(seeker.Page.GetByTestId("notice")).ToContainTextAsync($"You blocked {listener.Handle}");
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync($"You blocked {listener.Handle}");
        await Expect(listener.Composer).ToBeHiddenAsync();
        await seeker.GoToAsync("safety");
        await Expect(seeker.Page.GetByTestId("blocked-person").GetByTestId("blocked-handle")).ToHaveTextAsync(listener.Handle);
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }

    [Fact]
    public async Task Blocking_from_a_conversation_ends_it_and_lists_the_person_until_they_are_unblocked()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "burnout");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("depression", note: "Everything feels grey lately.");
        await listener.AcceptOfferAsync();
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await listener.SendAsync("Hi, I'm here to listen.");
        await Expect(seeker.Message("Hi, I'm here to listen.")).ToHaveCountAsync(1);

        // Block asks first and says what it does.
        await seeker.Page.GetByTestId("chat-block").ClickAsync();
        var confirm = seeker.Page.GetByTestId("confirm-dialog");
        await Expect(confirm).ToContainTextAsync($"Block {listener.Handle}?");
        await Expect(confirm).ToContainTextAsync("you won't be matched with them again");
        await Screenshots.SaveAsync(seeker.Page, "22-block-confirmation");
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();

        // The conversation ends on both sides; the blocker reads why.
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync($"You blocked {listener.Handle}");
        await Expect(seeker.Composer).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("chat-block")).ToBeHiddenAsync();
        await Expect(listener.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await Expect(listener.Composer).ToBeHiddenAsync();

        // "Blocked people" lists them, also after a reload (from the server), until unblocked.
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync($"You blocked {listener.Handle}");
        await seeker.GoToAsync("safety");
        var blocked = seeker.Page.GetByTestId("blocked-person");
        await Expect(blocked).ToHaveCountAsync(1);
        await Expect(blocked.GetByTestId("blocked-handle")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("blocked-empty")).ToBeHiddenAsync();
        await Contrast.AssertAaAsync(seeker.Page, "Safety & privacy");
        await Screenshots.SaveAsync(seeker.Page, "23-blocked-people");

        await blocked.GetByTestId("unblock").ClickAsync();
        await Expect(blocked).ToHaveCountAsync(0);
        await Expect(seeker.Page.GetByTestId("blocked-empty")).ToBeVisibleAsync();
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("safety");
        await Expect(seeker.Page.GetByTestId("blocked-empty")).ToBeVisibleAsync();

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        Assert.Empty(seeker.Dialogs);
    }
}
