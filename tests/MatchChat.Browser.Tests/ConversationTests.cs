namespace MatchChat.Browser.Tests;

/// <summary>Asking for a listener, being a listener, and talking: the core journey, two real browsers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_seeker_and_a_listener_complete_a_conversation_from_request_to_goodbye()
    {
        // First visit: nothing chosen yet, only the age question and the crisis link.
        await using var listener = await Member.OpenAsync(server);
        await Expect(listener.Page.GetByRole(AriaRole.Heading, new() { Name = "You don't have to go through this alone" })).ToBeVisibleAsync();
        await Expect(listener.Page.GetByTestId("crisis-link")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(listener.Page, "01-welcome");
        await listener.ChooseAgeGroupAsync("adult");

        // The listener volunteers for grief and switches availability on.
        await listener.VolunteerAsync("grief", "lost a parent, night shifts", maxChats: 2);
        await Screenshots.SaveAsync(listener.Page, "02-be-a-listener");

        // The seeker asks for a listener: topic, experience and a short note.
        await using var seeker = await Member.JoinAsync(server);
        await seeker.Page.GetByTestId("nav-talk").ClickAsync();
        await Screenshots.SaveAsync(seeker.Page, "03-talk-to-someone");
        await seeker.AskForListenerAsync("grief", "lost a parent", "My dad died last month and the nights are hard.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await Expect(seeker.Page.GetByTestId("queue-status")).ToContainTextAsync("Grief");

        // The listener sees the offer, with the note and a visible countdown.
        var offer = listener.Page.GetByTestId("offer");
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer).ToContainTextAsync("My dad died last month and the nights are hard.");
        await Expect(offer).ToContainTextAsync("lost a parent");
        await Expect(offer.GetByTestId("offer-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ seconds left to accept$"));
        await Screenshots.SaveAsync(seeker.Page, "04-waiting-for-a-listener");
        await Screenshots.SaveAsync(listener.Page, "05-incoming-offer");
        await listener.AcceptOfferAsync();

        // Both land in the same conversation, each seeing the other's handle.
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        // The listener keeps the seeker's note in the chat once they accept (stop 53: it vanished with the offer).
        await Expect(listener.Page.GetByTestId("chat-peer-bio-text")).ToHaveTextAsync("Their note: “My dad died last month and the nights are hard.”");
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(seeker.Handle);
        await Expect(seeker.Page.GetByTestId("chat-subtitle")).ToContainTextAsync("lost a parent");

        // Seeker to listener, sent with Enter.
        await seeker.SendAsync("Hi. Thank you for being here.");
        await Expect(listener.Message("Hi. Thank you for being here.")).ToHaveCountAsync(1);
        await Expect(seeker.Message("Hi. Thank you for being here.")).ToHaveCountAsync(1);

        // The seeker sees the listener typing; Shift+Enter makes a new line, Enter sends.
        await listener.Composer.PressSequentiallyAsync("I'm so sorry.");
        await Expect(seeker.Page.GetByTestId("typing")).ToHaveTextAsync($"{listener.Handle} is typing…");
        await Expect(listener.Page.GetByTestId("typing")).ToBeEmptyAsync();
        await listener.Composer.PressAsync("Shift+Enter");
        await listener.Composer.PressSequentiallyAsync("I lost my mum two years ago.");
        await listener.Composer.PressAsync("Enter");
        await Expect(seeker.Message("I'm so sorry.\nI lost my mum two years ago.")).ToHaveCountAsync(1);
        Assert.Contains("I'm so sorry.\nI lost my mum two years ago.", await seeker.ShownTextsAsync());
        await Expect(seeker.Page.GetByTestId("typing")).ToBeEmptyAsync();
        await Expect(listener.Composer).ToHaveValueAsync("");

        await seeker.SendAsync("The evenings are the worst.");
        await Expect(listener.Message("The evenings are the worst.")).ToHaveCountAsync(1);
        await Expect(seeker.Message("The evenings are the worst.")).ToHaveAttributeAsync("data-state", "sent");
        await Expect(listener.Message("I'm so sorry.\nI lost my mum two years ago.")).ToHaveAttributeAsync("data-state", "sent");
        Assert.Equal(new long[] { 1, 2, 3 }, await seeker.ShownSeqsAsync());
        Assert.Equal(new long[] { 1, 2, 3 }, await listener.ShownSeqsAsync());
        await Screenshots.SaveAsync(seeker.Page, "06-conversation");
        await Screenshots.SaveAsync(listener.Page, "07-conversation-listener-side");

        // Ending asks for confirmation first; "Keep talking" keeps it open.
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await Expect(seeker.Page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(seeker.Page, "08-end-conversation-confirmation");
        await seeker.Page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("confirm-dialog")).ToBeHiddenAsync();
        await Expect(seeker.Composer).ToBeVisibleAsync();

        // The listener is in the message box when the seeker ends it: focus goes to the note, as for the one who ended it
        // (it fell to the page's body: an outside probe).
        await listener.Composer.FocusAsync();
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync("You ended this conversation.");
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeFocusedAsync();
        await Expect(listener.Page.GetByTestId("chat-ended")).ToContainTextAsync($"{seeker.Handle} ended this conversation.");
        await Expect(listener.Page.GetByTestId("chat-ended")).ToBeFocusedAsync();
        await Expect(listener.Composer).ToBeHiddenAsync();
        await Expect(seeker.Composer).ToBeHiddenAsync();

        // The listener's capacity is free again.
        await listener.GoToAsync("listen");
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("0 of 2 chats in use");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
        Assert.Empty(seeker.Dialogs);
        Assert.Empty(listener.Dialogs);
        Assert.True(seeker.ConsoleErrors.Count == 0, string.Join(" | ", seeker.ConsoleErrors));
        Assert.True(listener.ConsoleErrors.Count == 0, string.Join(" | ", listener.ConsoleErrors));
    }

    [Fact]
    public async Task A_listener_holds_two_conversations_at_once_and_can_tell_them_apart()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", "divorce", maxChats: 2);

        await using var first = await Member.JoinAsync(server);
        await first.AskForListenerAsync("relationships", note: "First: my partner left.");
        await listener.AcceptOfferAsync("First: my partner left.");

        await using var second = await Member.JoinAsync(server);
        await second.AskForListenerAsync("relationships", note: "Second: we argue every day.");
        await listener.AcceptOfferAsync("Second: we argue every day.");

        await first.SendAsync("Hello from the first chat");
        await second.SendAsync("Hello from the second chat");

        // Two entries, named by the other person's handle, each with its own colour.
        await listener.GoToAsync("chats");
        var items = listener.Page.GetByTestId("chat-item");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Filter(new() { HasText = first.Handle })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = second.Handle })).ToHaveCountAsync(1);
        var colours = await items.EvaluateAllAsync<string[]>("items => items.map(i => getComputedStyle(i).borderLeftColor)");
        Assert.Equal(2, colours.Distinct().Count());

        await listener.OpenChatAsync(first.Handle);
        await Expect(listener.Message("Hello from the first chat")).ToHaveCountAsync(1);
        await Expect(listener.Message("Hello from the second chat")).ToHaveCountAsync(0);
        await listener.SendAsync("Hi first, I'm here.");

        await listener.OpenChatAsync(second.Handle);
        await Expect(listener.Message("Hello from the second chat")).ToHaveCountAsync(1);
        await Expect(listener.Message("Hello from the first chat")).ToHaveCountAsync(0);
        await listener.SendAsync("Hi second, I'm here.");
        await Screenshots.SaveAsync(listener.Page, "09-listener-with-two-chats");

        await Expect(first.Message("Hi first, I'm here.")).ToHaveCountAsync(1);
        await Expect(first.Message("Hi second, I'm here.")).ToHaveCountAsync(0);
        await Expect(second.Message("Hi second, I'm here.")).ToHaveCountAsync(1);
        await Expect(second.Message("Hi first, I'm here.")).ToHaveCountAsync(0);

        // The first writes in crisis while the listener reads the second: a banner says so above the open chat and opens
        // the first (stop 53, an outside probe: a small mark in "Your chats" was all there was).
        await first.SendAsync("I can't do this anymore, I want to kill myself tonight");
        var banner = listener.Page.GetByTestId("care-elsewhere");
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(banner).ToContainTextAsync(first.Handle);
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(second.Handle);
        await banner.GetByTestId("care-elsewhere-open").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(first.Handle);
        await Expect(listener.Page.GetByTestId("chat").GetByTestId("peer-care")).ToBeVisibleAsync();
        await Expect(banner).ToBeHiddenAsync();

        await listener.GoToAsync("listen");
        await Expect(listener.Page.GetByTestId("availability-text")).ToContainTextAsync("2 of 2 chats in use");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }

    /// <summary>Addition to the contract (PeerPresence): a seeker is told when their listener has gone, after a short grace.</summary>
    [Fact]
    public async Task The_seeker_is_told_when_the_listener_closed_their_page_also_after_a_reload_and_the_note_goes_with_the_conversation()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "panic attacks");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "anxiety", "My chest gets tight every morning before work.");
        var away = seeker.Page.GetByTestId("chat-peer-away");
        await Expect(away).ToBeHiddenAsync();

        await listener.Context.CloseAsync();

        await Expect(away).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(away).ToContainTextAsync($"{listener.Handle} seems to have lost their connection");
        await Expect(away).ToContainTextAsync("Your messages are kept");
        await Expect(seeker.Composer).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(seeker.Page, "the peer-away note");

        // A reload heard nothing live: the page reads the listener's absence from the conversation list.
        await seeker.Page.ReloadAsync();
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(away).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(away).ToContainTextAsync($"{listener.Handle} seems to have lost their connection");

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await Expect(away).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_listener_who_accepts_a_seeker_whose_page_closed_is_told_they_seem_to_have_lost_their_connection()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "awake at night with a newborn");
        await using var seeker = await Member.JoinAsync(server);
        const string note = "Closed page walk: the baby has not slept properly in weeks.";
        await seeker.AskForListenerAsync("parenting", note: note);
        await Expect(listener.Page.GetByTestId("offer").Filter(new() { HasText = note })).ToBeVisibleAsync();
        var seekerHandle = seeker.Handle;
        await seeker.Context.CloseAsync();
        await listener.Page.WaitForTimeoutAsync(1000);

        // Accepted after the seeker's page went: the note says so (8 s on, as everywhere), not only "Say hello", with no reload.
        await listener.AcceptOfferAsync(note);
        var away = listener.Page.GetByTestId("chat-peer-away");
        await Expect(away).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(away).ToContainTextAsync($"{seekerHandle} seems to have lost their connection");

        await listener.Page.GetByTestId("chat-end").ClickAsync();
        await listener.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
    }

    [Fact]
    public async Task An_offer_disappears_from_the_listener_when_the_seeker_stops_waiting()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "single parent");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("parenting", note: "My toddler won't sleep and neither do I.");

        var offer = listener.Page.GetByTestId("offer");
        await Expect(offer).ToContainTextAsync("My toddler won't sleep");
        await Expect(seeker.Page.GetByTestId("queue-status")).ToContainTextAsync("asked them to join");

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await Expect(listener.Page.Locator("#offers")).ToBeHiddenAsync();
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    [Fact]
    public async Task A_seeker_can_stop_waiting_and_ask_again_later()
    {
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("loneliness", note: "Nobody to talk to tonight.");
        await Expect(seeker.Page.GetByTestId("queue-status")).ToContainTextAsync("You're number 1 in line");
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();

        // A new request is accepted: the first one really was cancelled.
        await seeker.Page.GetByTestId("talk-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_repeated_Matched_for_an_ended_conversation_does_not_reopen_it()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "burnout");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "stress", "Work has been too much lately.");

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-ended")).ToContainTextAsync($"{seeker.Handle} ended this conversation.");

        // A node re-sends Matched for conversations it believes open after a lost registration (open as the event
        // left the grain): the page handles it as the live event, and the end it knows stays.
        var stillEnded = await listener.Page.EvaluateAsync<bool>(@"async () => {
            const { state } = await import('/js/store.js');
            const { onMatched } = await import('/js/chats.js');
            const ended = [...state.conversations.values()].find(c => c.endedAt);
            onMatched({ ...ended, endedAt: null });
            return !!state.conversations.get(ended.conversationId).endedAt;
        }");
        Assert.True(stillEnded);
        await listener.GoToAsync("listen");
        await listener.OpenChatAsync(seeker.Handle);
        await Expect(listener.Page.GetByTestId("chat-ended")).ToContainTextAsync($"{seeker.Handle} ended this conversation.");
        await Expect(listener.Composer).ToBeHiddenAsync();
        Assert.True(listener.ConsoleErrors.Count == 0, string.Join(" | ", listener.ConsoleErrors));
    }

    [Fact]
    public async Task An_older_conversation_learnt_while_waiting_is_noticed_and_the_seeker_stays_in_line()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", "divorce");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "relationships", "We split up last week.");

        // The seeker asks again (their listener is at capacity, so the request waits).
        await seeker.AskForListenerAsync("relationships", note: "I'd like someone else to talk to as well.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();

        // A Matched for the first conversation, as if this page had never heard of it (a member grain that lost the
        // record is told again by the conversation): it names the first request, not the waiting one.
        var after = await seeker.Page.EvaluateAsync<string[]>(@"async () => {
            const { state } = await import('/js/store.js');
            const { onMatched } = await import('/js/chats.js');
            const older = [...state.conversations.values()].find(c => c.role === 'seeker');
            state.conversations.delete(older.conversationId);
            onMatched({ ...older });
            return [older.requestId ?? '', state.ticket?.requestId ?? '', state.view];
        }");
        Assert.NotEqual("", after[0]);
        Assert.NotEqual("", after[1]);
        Assert.NotEqual(after[0], after[1]);
        Assert.Equal("talk", after[2]);
        await Expect(seeker.Page.GetByTestId("notice")).ToContainTextAsync($"Your earlier conversation with {listener.Handle} is still open");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();

        // The kept ticket is the waiting request's: stopping waiting withdraws it (and leaves the topic's queue as it
        // was for the next test).
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();
        Assert.True(seeker.ConsoleErrors.Count == 0, string.Join(" | ", seeker.ConsoleErrors));
    }

    /// <summary>
    /// Stop 53 (an outside probe): a paste longer than 4,000 characters was cut there without a word, and emoji counted
    /// twice (the box counted UTF-16 units), so 2,001 emoji could not be typed though the server takes 4,000.
    /// </summary>
    [Fact]
    public async Task A_text_over_the_limit_is_not_cut_the_page_says_how_far_over_and_emoji_count_as_one_character()
    {
        // In a room: no matching needed, and the other member reads what is sent.
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.JoinRoomAsync("parenting");
        await seeker.JoinRoomAsync("parenting");

        var tooLong = new string('a', 4010);
        await seeker.Composer.FillAsync(tooLong);
        await Expect(seeker.Page.GetByTestId("composer-hint")).ToContainTextAsync("10 characters over the 4,000 limit");
        await seeker.Composer.PressAsync("Enter");
        await Expect(seeker.Composer).ToHaveValueAsync(tooLong);
        await Expect(seeker.Message(tooLong)).ToHaveCountAsync(0);

        var hearts = string.Concat(Enumerable.Repeat("\U0001F499", 2500));
        await seeker.Composer.FillAsync(hearts);
        await Expect(seeker.Page.GetByTestId("composer-hint")).ToHaveTextAsync("Enter sends. Shift+Enter starts a new line.");
        await seeker.Composer.PressAsync("Enter");
        await Expect(listener.Message(hearts)).ToHaveCountAsync(1);
        await Expect(seeker.Composer).ToHaveValueAsync("");
    }
}
