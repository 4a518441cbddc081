namespace MatchChat.Browser.Tests;

/// <summary>
/// A listener in a chat on a phone (360×640) sees a new offer, and that it timed out, without scrolling: both are listed
/// above the chat, which keeps the screen (an outside probe: Accept sat 164 px above the screen, the only cue was the
/// tab's title, and the offer ran out unseen). A bar at the top says so, with the topic, the time left, Accept and "Not
/// now".
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class OfferBarTests(SafetyFixture server)
{
    private const int Width = 360;
    private const int Height = 640;

    [Fact]
    public async Task A_listener_in_a_chat_on_a_phone_sees_a_new_offer_and_its_expiry_on_screen_and_can_accept_from_there()
    {
        await using var listener = await Member.JoinAsync(server, width: Width, height: Height);
        await listener.VolunteerAsync("anxiety", "offer bar walk, grey winters", maxChats: 3);
        await using var first = await Member.JoinAsync(server);
        await first.TalkWithAsync(listener, "anxiety", "Offer bar walk: the grey weeks are back and I sleep all day.");
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(first.Handle);
        await listener.SendAsync("I'm here. Tell me about this week.");
        await Expect(first.Message("I'm here. Tell me about this week.")).ToHaveCountAsync(1);

        // A second seeker asks while the listener reads the chat.
        await using var second = await Member.JoinAsync(server);
        await second.AskForListenerAsync("anxiety", note: "Offer bar walk two: I haven't opened the curtains in days.");
        var bar = listener.Page.GetByTestId("offer-bar");
        await Expect(bar).ToBeVisibleAsync();
        await Expect(bar).ToContainTextAsync("would like to talk about Anxiety");
        await Expect(bar.GetByTestId("offer-bar-countdown")).ToContainTextAsync("seconds left");
        foreach (var testId in new[] { "offer-bar-accept", "offer-bar-decline", "offer-bar-countdown" })
        {
            await ExpectOnScreenAsync(listener.Page, bar.GetByTestId(testId), testId);
        }

        // The chat is still what the listener has on screen (the offer's card stays above it).
        await ExpectOnScreenAsync(listener.Page, listener.Composer, "the composer");
        await Contrast.AssertAaAsync(listener.Page, "the offer bar on a phone");
        await Screenshots.SaveAsync(listener.Page, "80-phone-offer-bar");

        // Left to run out: the notice that it timed out is on screen too (the request may come straight back).
        var notice = bar.GetByTestId("offer-bar-notice");
        await Expect(notice).ToContainTextAsync("timed out", new() { Timeout = 45_000 });
        await ExpectOnScreenAsync(listener.Page, notice, "the timed-out notice");
        await second.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(bar.GetByTestId("offer-bar-offer")).ToHaveCountAsync(0);
        await bar.GetByTestId("offer-bar-dismiss").ClickAsync();
        await Expect(bar).ToBeHiddenAsync();
        await Expect(listener.Page.GetByTestId("notice")).ToBeHiddenAsync();
        Assert.True(await listener.Page.EvaluateAsync<bool>("() => document.activeElement !== document.body"), "focus stays on the page after Dismiss");

        // Accepted from the bar: the new conversation opens.
        await using var third = await Member.JoinAsync(server);
        await third.AskForListenerAsync("anxiety", note: "Offer bar walk three: everything feels like wading through mud.");
        await Expect(bar.GetByTestId("offer-bar-offer")).ToContainTextAsync("Anxiety");
        await bar.GetByTestId("offer-bar-accept").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(third.Handle);
        await Expect(third.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(bar).ToBeHiddenAsync();

        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
    }

    [Fact]
    public async Task The_offer_bar_on_a_phone_leaves_the_way_out_and_the_chats_safety_actions_uncovered()
    {
        await using var listener = await Member.JoinAsync(server, width: Width, height: 740);
        await listener.VolunteerAsync("anxiety", "offer bar cover, long nights", maxChats: 3);
        await using var first = await Member.JoinAsync(server);
        await first.TalkWithAsync(listener, "anxiety", "Offer bar cover: the nights are long and I can't switch off.");
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(first.Handle);

        await using var second = await Member.JoinAsync(server);
        await second.AskForListenerAsync("anxiety", note: "Offer bar cover two: I keep waking at four.");
        var bar = listener.Page.GetByTestId("offer-bar");
        await Expect(bar.GetByTestId("offer-bar-accept")).ToBeVisibleAsync();
        await listener.Page.WaitForTimeoutAsync(600);
        // An outside probe: the bar hid "All chats", the quick exit, the name, Report and Block for up to 30 s.
        foreach (var testId in new[] { "chat-back", "chat-quick-exit", "chat-title", "chat-report", "chat-block", "chat-end", "composer-text" })
        {
            var target = listener.Page.GetByTestId(testId);
            await ExpectOnScreenAsync(listener.Page, target, testId, 740);
            var overlap = await bar.EvaluateAsync<bool>(
                "(bar, id) => { const a = bar.getBoundingClientRect(), b = document.querySelector(`[data-testid=${id}]`).getBoundingClientRect(); return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }",
                testId);
            Assert.False(overlap, $"the offer bar covers {testId}");
        }

        await ExpectOnScreenAsync(listener.Page, bar.GetByTestId("offer-bar-accept"), "Accept in the bar", 740);
        await listener.Page.GetByTestId("chat-quick-exit").ClickAsync(new() { Trial = true });
        await bar.GetByTestId("offer-bar-decline").ClickAsync();
        await Expect(bar.GetByTestId("offer-bar-offer")).ToHaveCountAsync(0);
        await second.Page.GetByTestId("talk-cancel").ClickAsync();
        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
    }

    [Fact]
    public async Task The_offer_bar_stays_away_while_the_offer_card_and_the_top_of_its_Accept_are_on_screen()
    {
        await using var listener = await Member.JoinAsync(server, width: Width, height: 740);
        await listener.VolunteerAsync("grief", "offer bar in sight, a lost parent");
        await listener.GoToAsync("rooms");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("grief", note: "Offer bar in sight: my dad died in spring.");
        var accept = listener.Page.GetByTestId("offer").GetByTestId("offer-accept");
        await Expect(accept).ToBeVisibleAsync();
        var bar = listener.Page.GetByTestId("offer-bar");
        await Expect(bar).ToBeHiddenAsync();
        await listener.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var top = await accept.EvaluateAsync<double>("n => n.getBoundingClientRect().top + scrollY");

        // The card's Accept below the screen: the bar says there is an offer.
        await listener.Page.SetViewportSizeAsync(Width, (int)top - 40);
        await Expect(bar.GetByTestId("offer-bar-accept")).ToBeVisibleAsync();
        // Its top 24 px on screen, under the whole card (an outside probe: the bar then covered the nav's rows).
        await listener.Page.SetViewportSizeAsync(Width, (int)top + 24);
        await Expect(bar).ToBeHiddenAsync();

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await listener.StopListeningAsync();
    }

    /// <summary>All of <paramref name="locator"/> is inside the 360×640 screen as it is now (no scrolling).</summary>
    internal static async Task ExpectOnScreenAsync(IPage page, ILocator locator, string what, int height = Height)
    {
        var r = await locator.EvaluateAsync<double[]>("n => { const r = n.getBoundingClientRect(); return [r.top, r.bottom, r.height]; }");
        Assert.True(r[2] > 0 && r[0] >= 0 && r[1] <= height, $"{what} is at {r[0]:F0}..{r[1]:F0} of {height}");
    }
}
