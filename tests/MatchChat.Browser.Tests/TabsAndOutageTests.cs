namespace MatchChat.Browser.Tests;

/// <summary>A server and Chromium of their own for <see cref="TabsAndOutageTests"/>: each test has its topic and room to itself.</summary>
[CollectionDefinition(Name)]
public sealed class TabsBrowserCollection : ICollectionFixture<MatchChatFixture>
{
    public const string Name = "MatchChat in Chromium: tabs and outages";
}

/// <summary>
/// One person with two tabs (one browser, one storage), and actions tried while the connection is down: an outside tester's
/// defects (a message written offline in one tab lost when the other tab sent; "We'll keep trying" where nothing retried;
/// a second tab's stale availability switch and rooms).
/// </summary>
[Collection(TabsBrowserCollection.Name)]
public sealed class TabsAndOutageTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_message_written_offline_in_one_tab_is_not_lost_when_another_tab_sends_and_is_delivered_once()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "night shifts");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "depression", "Two tabs, one grey week.");
        var tabA = seeker.Page;
        var tabB = await seeker.Context.NewPageAsync();
        await tabB.GotoAsync("/");
        await Expect(tabB.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(tabB.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);

        // Tab A alone goes offline (the whole context would take tab B with it).
        var cdp = await SetPageOfflineAsync(tabA, true);
        await Expect(seeker.Status).ToContainTextAsync("You're offline");
        await seeker.SendAsync("WRITTEN OFFLINE IN TAB A");
        await Expect(seeker.Message("WRITTEN OFFLINE IN TAB A")).ToHaveAttributeAsync("data-state", "pending");

        await tabB.GetByTestId("composer-text").FillAsync("sent from tab B");
        await tabB.GetByTestId("composer-text").PressAsync("Enter");
        await Expect(listener.Message("sent from tab B")).ToHaveCountAsync(1);

        // Tab B sent what tab A wrote (the server keeps it once per clientMessageId); tab A is closed while still offline.
        await Expect(listener.Message("WRITTEN OFFLINE IN TAB A")).ToHaveCountAsync(1);
        await Expect(TabMessage(tabB, "WRITTEN OFFLINE IN TAB A")).ToHaveAttributeAsync("data-state", "sent");
        await Expect(TabMessage(tabA, "WRITTEN OFFLINE IN TAB A")).ToHaveCountAsync(1);
        await cdp.DetachAsync();
        await tabA.CloseAsync();
        Assert.Equal("[]", await tabB.EvaluateAsync<string>("() => localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith('.outbox')))"));

        // Nothing doubled, for the listener or after a reload of the tab that is left.
        await tabB.ReloadAsync();
        await Expect(TabMessage(tabB, "WRITTEN OFFLINE IN TAB A")).ToHaveCountAsync(1);
        await Expect(listener.Message("WRITTEN OFFLINE IN TAB A")).ToHaveCountAsync(1);
        await Expect(listener.Message("sent from tab B")).ToHaveCountAsync(1);
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task A_message_written_offline_in_one_tab_is_sent_once_by_that_tab_too_when_it_is_back()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "new city");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "loneliness", "Nobody to call tonight.");
        var tabB = await seeker.Context.NewPageAsync();
        await tabB.GotoAsync("/");
        await Expect(tabB.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);

        var cdp = await SetPageOfflineAsync(seeker.Page, true);
        await Expect(seeker.Status).ToContainTextAsync("You're offline");
        await seeker.SendAsync("offline in A, then A came back");
        await Expect(listener.Message("offline in A, then A came back")).ToHaveCountAsync(1);

        await SetPageOfflineAsync(seeker.Page, false, cdp);
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(seeker.Message("offline in A, then A came back")).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        await Expect(seeker.Message("offline in A, then A came back")).ToHaveCountAsync(1);
        await Expect(listener.Message("offline in A, then A came back")).ToHaveCountAsync(1);
        await tabB.CloseAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task Asking_for_a_listener_while_the_connection_is_down_says_it_was_not_sent_and_the_error_goes_when_connected()
    {
        var sockets = new SocketControl();
        await using var seeker = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await seeker.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "reconnecting");

        await seeker.AskForListenerAsync("relationships", note: "Asked while offline.");
        var error = seeker.Page.Locator("#talk-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("was not sent");
        await Expect(error).ToContainTextAsync("again");
        await Expect(error).Not.ToContainTextAsync("keep trying");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();

        await seeker.Context.SetOfflineAsync(false);
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(error).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();

        // Pressed again, it is asked.
        await seeker.Page.GetByTestId("talk-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Switching_availability_off_while_the_connection_is_down_says_it_was_not_done_and_keeps_the_true_state()
    {
        var sockets = new SocketControl();
        await using var listener = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await listener.VolunteerAsync("grief", "lost a parent");
        await listener.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(listener.Status).ToHaveAttributeAsync("data-state", "reconnecting");

        var sw = listener.Page.GetByTestId("available-switch");
        await sw.ClickAsync();
        var notice = listener.Page.GetByTestId("notice");
        await Expect(notice).ToContainTextAsync("You are still available. Try again when connected.");
        await Expect(sw).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("You're available");

        await listener.Context.SetOfflineAsync(false);
        await Expect(listener.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(notice).ToBeHiddenAsync();
        await Expect(sw).ToHaveAttributeAsync("aria-checked", "true");

        await listener.StopListeningAsync();
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("You're not taking new chats");
    }

    [Fact]
    public async Task A_listeners_second_tab_shows_availability_switched_in_the_first_without_changing_view()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "exam nerves", maxChats: 2);
        var tab2 = await listener.Context.NewPageAsync();
        await tab2.GotoAsync("/");
        await Expect(tab2.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        await tab2.GetByTestId("nav-listen").ClickAsync();
        var sw2 = tab2.GetByTestId("available-switch");
        await Expect(sw2).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(tab2.GetByTestId("availability-text")).ToContainTextAsync("0 of 2 chats in use");
        var stats2 = await tab2.GetByTestId("listener-stats").TextContentAsync();

        await listener.StopListeningAsync();
        await Expect(sw2).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(tab2.GetByTestId("availability-text")).ToContainTextAsync("You're not taking new chats right now. 0 of 2 chats in use.");
        await Expect(tab2.GetByTestId("listener-stats")).ToHaveTextAsync(stats2!);

        // And back: switched on in tab 2, tab 1 follows.
        await sw2.ClickAsync();
        await Expect(sw2).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("You're available. We'll offer you chats about Anxiety.");

        await listener.StopListeningAsync();
        await Expect(sw2).ToHaveAttributeAsync("aria-checked", "false");
    }

    [Fact]
    public async Task A_second_tab_open_while_the_first_volunteers_with_a_schedule_shows_the_saved_schedule()
    {
        await using var listener = await Member.JoinAsync(server);
        var tab2 = await listener.Context.NewPageAsync();
        await tab2.GotoAsync("/");
        await Expect(tab2.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        await tab2.GetByTestId("nav-listen").ClickAsync();

        // Tab 1 volunteers with a schedule: the server tells both tabs twice (the profile, then the schedule).
        var day = ((int)DateTime.UtcNow.DayOfWeek + 3) % 7;
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("listen-topic-parenting").CheckAsync();
        await listener.Page.GetByTestId("listen-experiences").FillAsync("toddlers");
        await listener.Page.GetByTestId("schedule-on").CheckAsync();
        await listener.Page.GetByTestId($"schedule-day-{day}").CheckAsync();
        await listener.Page.GetByTestId($"schedule-from-{day}").FillAsync("19:00");
        await listener.Page.GetByTestId($"schedule-to-{day}").FillAsync("22:30");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        await listener.AgreeToGuideAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToBeVisibleAsync();

        await Expect(tab2.GetByTestId("available-switch")).ToBeVisibleAsync();
        await Expect(tab2.GetByTestId("schedule-on")).ToBeCheckedAsync();
        await Expect(tab2.GetByTestId($"schedule-day-{day}")).ToBeCheckedAsync();
        await Expect(tab2.GetByTestId($"schedule-to-{day}")).ToHaveValueAsync("22:30");
        await Expect(tab2.GetByTestId("listen-topic-parenting")).ToBeCheckedAsync();
        await Expect(listener.Page.GetByTestId("schedule-on")).ToBeCheckedAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    [Fact]
    public async Task A_room_joined_or_left_in_one_tab_shows_in_the_other_tab()
    {
        await using var member = await Member.JoinAsync(server);
        var tabB = await member.Context.NewPageAsync();
        await tabB.GotoAsync("/");
        await Expect(tabB.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        await tabB.GetByTestId("nav-rooms").ClickAsync();
        var roomInB = tabB.Locator("[data-testid=room][data-slug=stress]");
        await Expect(roomInB.GetByTestId("room-join")).ToBeVisibleAsync();

        await member.JoinRoomAsync("stress");
        await member.SendAsync("joined in tab A");

        // Tab B, shown again (the tab was in the background): it follows the room without a reload.
        await tabB.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
        await Expect(roomInB.GetByTestId("room-open")).ToBeVisibleAsync();
        await tabB.GetByTestId("nav-chats").ClickAsync();
        var item = tabB.GetByTestId("chat-item").Filter(new() { HasText = "Stress room" });
        await Expect(item).ToHaveCountAsync(1);
        await item.ClickAsync();
        await Expect(tabB.Locator("#messages > li[data-testid=message]").Filter(new() { HasText = "joined in tab A" })).ToHaveCountAsync(1);
        await Expect(tabB.GetByTestId("composer-text")).ToBeVisibleAsync();

        // Left in tab A: the room closes in tab B at once (an outside probe: it stayed open there with its composer),
        // and tab B's "Your chats" no longer lists it.
        await member.Page.GetByTestId("chat-leave").ClickAsync();
        await Expect(tabB.GetByTestId("composer-text")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await Expect(tabB.GetByTestId("notice")).Not.ToContainTextAsync("removed you");
        await tabB.GetByTestId("nav-rooms").ClickAsync();
        await Expect(roomInB.GetByTestId("room-join")).ToBeVisibleAsync();
        await tabB.GetByTestId("nav-chats").ClickAsync();
        await Expect(tabB.GetByTestId("chat-item").Filter(new() { HasText = "Stress room" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_room_left_in_one_tab_is_not_joined_again_by_a_tab_that_was_offline_meanwhile()
    {
        await using var member = await Member.JoinAsync(server);
        await member.JoinRoomAsync("anxiety");
        var tabB = await member.Context.NewPageAsync();
        await tabB.GotoAsync("/");
        await Expect(tabB.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        await tabB.GetByTestId("nav-rooms").ClickAsync();
        var roomInB = tabB.Locator("[data-testid=room][data-slug=anxiety]");
        await Expect(roomInB.GetByTestId("room-open")).ToBeVisibleAsync();

        var cdp = await SetPageOfflineAsync(tabB, true);
        await Expect(tabB.GetByTestId("connection-status")).ToContainTextAsync("You're offline");
        await member.Page.GetByTestId("chat-leave").ClickAsync();
        await member.Page.GetByTestId("nav-rooms").ClickAsync();
        var roomInA = member.Page.Locator("[data-testid=room][data-slug=anxiety]");
        await Expect(roomInA.GetByTestId("room-join")).ToBeVisibleAsync();

        // Tab B comes back: it follows the leave instead of joining the room again for the member.
        await SetPageOfflineAsync(tabB, false, cdp);
        await Expect(tabB.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(roomInB.GetByTestId("room-join")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await tabB.GetByTestId("nav-chats").ClickAsync();
        await Expect(tabB.GetByTestId("chat-item").Filter(new() { HasText = "Anxiety room" })).ToHaveCountAsync(0);
        await member.Page.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
        await member.Page.WaitForTimeoutAsync(1_000);
        await Expect(roomInA.GetByTestId("room-join")).ToBeVisibleAsync();
        await cdp.DetachAsync();
    }

    private static ILocator TabMessage(IPage page, string text) =>
        page.Locator("#messages > li[data-testid=message]").Filter(new() { Has = page.GetByTestId("message-text").GetByText(text, new() { Exact = true }) });

    /// <summary>One page offline or back (Chromium's network emulation through CDP), leaving the context's other pages online.</summary>
    private static async Task<ICDPSession> SetPageOfflineAsync(IPage page, bool offline, ICDPSession? session = null)
    {
        session ??= await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Network.enable");
        await session.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = offline,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = -1,
        });
        return session;
    }
}
