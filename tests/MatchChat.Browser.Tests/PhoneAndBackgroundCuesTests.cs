namespace MatchChat.Browser.Tests;

/// <summary>
/// What an outside tester missed in real Chromium: a match made while the seeker's tab was in the background left the
/// title as it was; on a phone the member's own offline state was scrolled away behind the sticky chat header; names
/// in a phone's chat header were cut short ("OpenHil…", "Grief…"); and focus fell to &lt;body&gt; after "Not now".
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class PhoneAndBackgroundCuesTests(SafetyFixture server)
{
    private const string Focused = "() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName";

    /// <summary>Makes the page believe its tab is in the background (true) or on screen again (false).</summary>
    private static Task SetHiddenAsync(IPage page, bool hidden) => page.EvaluateAsync(
        @"hidden => {
            if (hidden) {
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
                Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
            } else {
                delete document.hidden;
                delete document.visibilityState;
            }
            document.dispatchEvent(new Event('visibilitychange'));
        }",
        hidden);

    [Fact]
    public async Task A_match_while_the_seekers_tab_is_in_the_background_shows_in_the_tab_title_until_the_tab_is_seen()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "background tab walk, heavy weeks");
        await using var seeker = await Member.JoinAsync(server);
        const string note = "Background tab walk: heavy weeks, I'll keep the page open and make tea.";
        await seeker.AskForListenerAsync("depression", note: note);
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await SetHiddenAsync(seeker.Page, true);

        await listener.AcceptOfferAsync(note);
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page).ToHaveTitleAsync("(1) You're connected — MatchChat");

        // Back on the tab: the chat is on screen, and the title no longer calls.
        await SetHiddenAsync(seeker.Page, false);
        await Expect(seeker.Page).ToHaveTitleAsync("MatchChat — someone who has been there");
        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_phone_in_an_open_chat_the_members_own_offline_state_is_on_screen()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", "phone offline walk, a break-up");
        var sockets = new SocketControl();
        await using var seeker = await Member.JoinAsync(server, width: 360, height: 740, beforeFirstVisit: sockets.AttachAsync);
        await seeker.TalkWithAsync(listener, "relationships", "Phone offline walk: we broke up last week and the flat is so quiet.");
        var line = seeker.Page.GetByTestId("chat-connection");
        await Expect(line).ToBeHiddenAsync();

        await seeker.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(line).ToContainTextAsync("You're offline");
        await Expect(line).ToBeVisibleAsync();
        await OfferBarTests.ExpectOnScreenAsync(seeker.Page, line, "the offline line in the chat", 740);
        // Not a second live region: the status line in the page header is the one read out.
        Assert.Null(await line.GetAttributeAsync("role"));
        Assert.Null(await line.GetAttributeAsync("aria-live"));
        await Contrast.AssertAaAsync(seeker.Page, "the offline line in a phone's chat");

        await seeker.Context.SetOfflineAsync(false);
        await seeker.ExpectConnectedAsync();
        await Expect(line).ToBeHiddenAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task On_a_phone_the_chat_header_shows_a_peers_whole_handle_and_a_rooms_whole_title()
    {
        await using var listener = await Member.JoinAsync(server, width: 360, height: 740);
        await listener.VolunteerAsync("stress", "phone names walk, too much at once", maxChats: 2);
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "stress", "Phone names walk: work is too much and I can't say no.");
        var title = listener.Page.GetByTestId("chat-title");
        await Expect(title).ToHaveTextAsync(seeker.Handle);
        await ExpectWholeAsync(listener.Page, "the peer's handle");

        await listener.JoinRoomAsync("grief");
        await Expect(title).ToHaveTextAsync("Grief and loss room");
        await ExpectWholeAsync(listener.Page, "the room's title");
        await listener.Page.GetByTestId("chat-leave").ClickAsync();
        await listener.StopListeningAsync();
    }

    /// <summary>The chat's title is not cut short, and the way out and the chat's buttons stay on screen.</summary>
    private static async Task ExpectWholeAsync(IPage page, string what)
    {
        var clipped = await page.GetByTestId("chat-title").EvaluateAsync<string>(
            "n => n.scrollWidth > n.clientWidth + 1 ? `${n.scrollWidth} > ${n.clientWidth}` : ''");
        Assert.True(clipped == "", $"{what} is cut short: {clipped}");
        var height = await page.GetByTestId("chat-title").EvaluateAsync<double>("n => n.getBoundingClientRect().height");
        Assert.True(height <= 32, $"{what} takes {height:F0}px (one line on its own row, not broken up)");
        foreach (var testId in new[] { "chat-back", "chat-quick-exit", "chat-title" })
        {
            await OfferBarTests.ExpectOnScreenAsync(page, page.GetByTestId(testId), testId, 740);
            var right = await page.GetByTestId(testId).EvaluateAsync<double>("n => n.getBoundingClientRect().right");
            Assert.True(right <= 360, $"{testId} ends at {right:F0} of 360");
        }
    }

    [Fact]
    public async Task After_Not_now_on_an_offer_focus_goes_to_the_listeners_availability_not_the_page()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "not now walk, evenings alone");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("loneliness", note: "Not now walk: the evenings are the worst part.");
        var offer = listener.Page.GetByTestId("offer").Filter(new() { HasText = "Not now walk" });
        await Expect(offer).ToBeVisibleAsync();

        await offer.GetByTestId("offer-decline").ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await Expect(listener.Page.GetByTestId("available-switch")).ToBeFocusedAsync();
        Assert.Equal("available-switch", await listener.Page.EvaluateAsync<string>(Focused));

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await listener.StopListeningAsync();
    }
}
