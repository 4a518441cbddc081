namespace MatchChat.Browser.Tests;

/// <summary>
/// [network] Thanks or a check-in that arrives while the member is in a chat shows where they are: the cards sit above
/// the views, so on a phone in a chat they opened off screen (top −275 px) and nothing visible changed (an outside
/// probe). A small note in the chat says so without taking focus from the composer; "Show" brings the card into view.
/// </summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class ArrivalCueTests(MatchChatFixture server)
{
    [Fact]
    public async Task Thanks_and_a_check_in_arriving_during_a_chat_on_a_phone_show_in_the_chat_without_taking_focus()
    {
        var (listener, seeker) = await CheckInWalk.ChatAsync(server, "relationships", "Arrival walk", 390, 844);
        await using var _ = listener;
        await using var __ = seeker;
        await CheckInWalk.AddAsync(seeker, listener);
        await CheckInWalk.AddAsync(listener, seeker);
        await CheckInWalk.ScheduleAsync(seeker, listener, "1", "Arrival walk: how did the talk with your sister go?");

        // A second seeker talks with the listener, ends and says thanks while the listener is writing in the first chat.
        await using var other = await Member.JoinAsync(server, width: 390, height: 844);
        await other.AskForListenerAsync("relationships", note: "Arrival walk two: a friend stopped answering.");
        await listener.AcceptOfferAsync("Arrival walk two");
        // A phone shows one chat at a time: back to the list, then the first chat.
        await listener.Page.GetByTestId("chat-back").ClickAsync();
        await listener.OpenChatAsync(seeker.Handle);
        await listener.Composer.FillAsync("Still writing this");
        await listener.Composer.FocusAsync();
        await other.Page.GetByTestId("chat-end").ClickAsync();
        await other.Page.GetByTestId("confirm-ok").ClickAsync();
        await other.Page.GetByTestId("thanks-open").ClickAsync();
        await other.Page.GetByTestId("thanks-rating-4").CheckAsync();
        await other.Page.GetByTestId("thanks-send").ClickAsync();

        var cue = listener.Page.GetByTestId("arrival-cue");
        await Expect(cue).ToBeVisibleAsync();
        await Expect(cue).ToContainTextAsync($"{other.Handle} said thank you.");
        await ExpectInChatAsync(listener, cue);
        await Expect(listener.Page.Locator("#announcer")).ToContainTextAsync($"{other.Handle} said thank you.");
        await cue.GetByTestId("arrival-cue-close").ClickAsync();
        await Expect(cue).ToBeHiddenAsync();
        await Expect(listener.Composer).ToBeFocusedAsync();

        // The check-in falls due: the same note, and "Show" brings the card into view.
        await Expect(cue).ToContainTextAsync($"{seeker.Handle} is checking in on you.", new() { Timeout = 100_000 });
        await ExpectInChatAsync(listener, cue);
        await Screenshots.SaveAsync(listener.Page, "93-arrival-in-chat-390x844");
        await cue.GetByTestId("arrival-cue-show").ClickAsync();
        await Expect(cue).ToBeHiddenAsync();
        await Expect(listener.Page.GetByTestId("checkin-due")).ToBeInViewportAsync();
        await KeyboardFocusTests.ExpectFocusedAsync(listener.Page, "#checkins-due-title");

        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>The note is on screen in the open chat, the card it tells of is not, and the composer keeps focus and text.</summary>
    private static async Task ExpectInChatAsync(Member member, ILocator cue)
    {
        await Expect(cue).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.True(await cue.EvaluateAsync<bool>("c => !!c.closest('#chat')"), "the note is in the open chat");
        await Expect(member.Composer).ToBeFocusedAsync();
        await Expect(member.Composer).ToHaveValueAsync("Still writing this");
        await Expect(member.Composer).ToBeInViewportAsync();
        await Expect(member.Page.GetByTestId("chat-quick-exit")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Contrast.AssertAaAsync(member.Page, "the arrival note in a chat");
    }
}
