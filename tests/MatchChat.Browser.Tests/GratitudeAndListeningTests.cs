namespace MatchChat.Browser.Tests;

/// <summary>[network] Gratitude and listening well in the page: the guide, the kind of support, "Say thanks", Thanked, stats, the schedule.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GratitudeAndListeningTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_seeker_says_what_support_they_want_and_thanks_the_listener_who_sees_it_kindly_with_their_own_stats()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "moved cities alone");
        await Expect(listener.Page.GetByTestId("listener-stats")).ToHaveTextAsync("You've listened in 0 conversations. Only you see this.");

        await using var seeker = await Member.JoinAsync(server);
        await seeker.GoToAsync("talk");
        await seeker.Page.GetByTestId("support-heard").CheckAsync();
        await Screenshots.SaveAsync(seeker.Page, "61-support-kind");
        await seeker.AskForListenerAsync("loneliness", "moved cities alone", "I don't know anyone here yet.");

        // The kind of support is folded into the note the listener reads.
        var offer = listener.Page.GetByTestId("offer").Filter(new() { HasText = "I don't know anyone here yet." });
        await Expect(offer).ToContainTextAsync("I'd mostly like to be heard. I don't know anyone here yet.");
        await listener.AcceptOfferAsync("I don't know anyone here yet.");
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("thanks-prompt")).ToBeHiddenAsync();

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        var prompt = seeker.Page.GetByTestId("thanks-prompt");
        await Expect(prompt).ToContainTextAsync($"You can say thanks to {listener.Handle}");
        await prompt.GetByTestId("thanks-open").ClickAsync();
        var dialog = seeker.Page.GetByTestId("thanks-dialog");
        await Expect(dialog).ToBeVisibleAsync();

        // A rating is needed; the note is optional.
        await dialog.GetByTestId("thanks-send").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Please choose how much it helped, from 1 to 5.");
        await dialog.GetByTestId("thanks-rating-5").CheckAsync();
        await Expect(dialog.Locator("#thanks-error")).ToBeHiddenAsync();
        await dialog.GetByTestId("thanks-note").FillAsync("You made the evening feel less empty. Thank you.");
        await Screenshots.SaveAsync(seeker.Page, "62-say-thanks");
        await dialog.GetByTestId("thanks-send").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(prompt).ToContainTextAsync($"Your thanks were sent. Only {listener.Handle} will see them.");
        await Expect(prompt.GetByTestId("thanks-open")).ToBeHiddenAsync();
        // Focus is on that line, not fallen to the page (an outside probe: "Send thanks" left it on <body>).
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#thanks-prompt-text");

        // The listener is told kindly, with the note as plain text, and their own stats count it.
        var thanked = listener.Page.GetByTestId("thanked");
        await Expect(thanked).ToBeVisibleAsync();
        await Expect(thanked).ToContainTextAsync($"{seeker.Handle} said thank you");
        await Expect(thanked.GetByTestId("thanked-rating")).ToHaveTextAsync("How much it helped them: It meant a great deal (5 of 5).");
        await Expect(thanked.GetByTestId("thanked-note")).ToHaveTextAsync("You made the evening feel less empty. Thank you.");
        await Screenshots.SaveAsync(listener.Page, "63-thanked");
        await listener.GoToAsync("listen");
        await Expect(listener.Page.GetByTestId("listener-stats"))
            .ToHaveTextAsync("You've listened in 1 conversation. 1 person has said thank you, 5.0 of 5 on average. Only you see this.");
        await Screenshots.SaveAsync(listener.Page, "64-listener-stats");

        // From the chat list, the ended conversation no longer asks again after a reload.
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.OpenChatAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await Expect(seeker.Page.GetByTestId("thanks-prompt")).ToBeHiddenAsync();
        Assert.Empty(seeker.ConsoleErrors);
        Assert.Empty(listener.ConsoleErrors);

        // Not available any more, so no later test's seeker of this topic is offered to them.
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    [Fact]
    public async Task A_first_time_listener_agrees_to_the_guide_and_a_schedule_outside_now_shows_them_off_schedule()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("listen-topic-stress").CheckAsync();
        await listener.Page.GetByTestId("listen-experiences").FillAsync("burnout");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();

        // The guide comes first; agreeing needs the box ticked; "Not yet" saves nothing.
        var guide = listener.Page.GetByTestId("guide-dialog");
        await Expect(guide).ToBeVisibleAsync();
        await Expect(guide).ToContainTextAsync("You can end any chat.");
        await Expect(guide.GetByTestId("guide-resources")).ToHaveAttributeAsync("href", "/api/resources");
        await Screenshots.SaveAsync(listener.Page, "65-listener-guide");
        await guide.GetByTestId("guide-ok").ClickAsync();
        await Expect(guide).ToContainTextAsync("Please tick the box");
        await guide.GetByTestId("guide-cancel").ClickAsync();
        await Expect(guide).ToBeHiddenAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToBeHiddenAsync();
        await Expect(listener.Page.GetByTestId("listen-submit")).ToHaveTextAsync("Save and volunteer");

        // Only on a day three days from today (the browser runs in UTC): outside the schedule now.
        var day = ((int)DateTime.UtcNow.DayOfWeek + 3) % 7;
        await listener.Page.GetByTestId("schedule-on").CheckAsync();
        await listener.Page.GetByTestId($"schedule-day-{day}").CheckAsync();
        await listener.Page.GetByTestId($"schedule-from-{day}").FillAsync("19:00");
        await listener.Page.GetByTestId($"schedule-to-{day}").FillAsync("22:30");
        await Expect(listener.Page.GetByTestId("schedule-zone")).ToHaveTextAsync("Times are in your time zone, UTC.");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        await listener.AgreeToGuideAsync();

        var availability = listener.Page.GetByTestId("available-switch");
        await Expect(availability).ToBeVisibleAsync();
        await availability.ClickAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("outside your listening times");
        await listener.Page.GetByTestId($"schedule-day-{day}").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(listener.Page, "66-listener-schedule");

        // Later edits need no guide again; unticking the schedule removes it and the switch alone decides.
        await listener.Page.GetByTestId("schedule-on").UncheckAsync();
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("You're available. We'll offer you chats about Stress.");
        await Expect(guide).ToBeHiddenAsync();
        Assert.Empty(listener.ConsoleErrors);
        await availability.ClickAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "false");
    }
}
