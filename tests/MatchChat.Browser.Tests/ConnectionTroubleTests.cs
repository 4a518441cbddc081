namespace MatchChat.Browser.Tests;

/// <summary>Reloads, lost connections and lost acknowledgements: nothing is lost, nothing is doubled.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionTroubleTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_reload_keeps_the_same_anonymous_identity_and_the_conversation_history()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "panic attacks");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("anxiety", "panic attacks", "I keep having panic attacks at work.");
        await listener.AcceptOfferAsync();

        await seeker.SendAsync("It happened again today.");
        await Expect(listener.Message("It happened again today.")).ToHaveCountAsync(1);
        await listener.SendAsync("That sounds exhausting. What helped last time?");
        await Expect(seeker.Message("That sounds exhausting. What helped last time?")).ToHaveCountAsync(1);
        await Expect(seeker.Message("It happened again today.")).ToHaveAttributeAsync("data-state", "sent");
        var handleBefore = seeker.Handle;
        var storedToken = await seeker.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('matchchat.session')).token");

        await seeker.Page.ReloadAsync();

        // Same pseudonym, same token, no age question, and the conversation is still there.
        await Expect(seeker.Page.GetByTestId("my-handle")).ToHaveTextAsync(handleBefore);
        await Expect(seeker.Page.Locator("#view-welcome")).ToBeHiddenAsync();
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected");
        Assert.Equal(storedToken, await seeker.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('matchchat.session')).token"));
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Message("It happened again today.")).ToHaveCountAsync(1);
        await Expect(seeker.Message("That sounds exhausting. What helped last time?")).ToHaveCountAsync(1);
        Assert.Equal(new long[] { 1, 2 }, await seeker.ShownSeqsAsync());

        // A fresh tab (same browser storage) also opens as the same member, in the open conversation (stop 53: it landed
        // on "Talk to someone" with no sign of the chat), which "Your chats" lists too.
        var secondTab = await seeker.Context.NewPageAsync();
        await secondTab.GotoAsync("/");
        await Expect(secondTab.GetByTestId("my-handle")).ToHaveTextAsync(handleBefore);
        await Expect(secondTab.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(secondTab.Locator("#messages > li[data-testid=message]").Filter(new() { HasText = "It happened again today." })).ToHaveCountAsync(1);
        await Expect(secondTab.GetByTestId("chat-item").Filter(new() { HasText = listener.Handle })).ToHaveCountAsync(1);
        await secondTab.CloseAsync();

        // The reloaded page talks as the same member: the listener sees the same peer.
        await seeker.SendAsync("Breathing exercises, a bit.");
        await Expect(listener.Message("Breathing exercises, a bit.")).ToHaveCountAsync(1);
        await Expect(listener.Page.GetByTestId("chat-title")).ToHaveTextAsync(handleBefore);
        await Screenshots.SaveAsync(seeker.Page, "15-after-reload");

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }

    [Fact]
    public async Task A_page_whose_token_is_no_longer_accepted_starts_over_with_an_explanation()
    {
        await using var member = await Member.JoinAsync(server);
        // As after a server restart without a fixed signing key: the stored token no longer verifies.
        await member.Page.EvaluateAsync(@"() => {
            const s = JSON.parse(localStorage.getItem('matchchat.session'));
            s.token = s.token.slice(0, -6) + 'AAAAAA';
            localStorage.setItem('matchchat.session', JSON.stringify(s));
        }");
        await member.Page.ReloadAsync();

        await Expect(member.Page.Locator("#view-welcome")).ToBeVisibleAsync();
        await Expect(member.Page.Locator("#notice")).ToContainTextAsync("no longer valid");
        await member.ChooseAgeGroupAsync("adult");
        Assert.NotEqual("", member.Handle);
        Assert.Empty(member.Dialogs);
    }

    [Fact]
    public async Task A_request_matched_while_the_page_was_offline_opens_its_conversation_when_the_page_reconnects()
    {
        // Teens and the teen-only topic: no other test's listener or seeker can take part.
        var sockets = new SocketControl();
        await using var seeker = await Member.JoinAsync(server, "teen", beforeFirstVisit: sockets.AttachAsync);
        await seeker.AskForListenerAsync("school", note: "Exams next week and I can't sleep.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();

        // The seeker's network goes away while they wait (a waiting request outlives a disconnection).
        await seeker.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "reconnecting");

        // A listener takes the request: the offline page hears neither the queue update nor Matched.
        await using var listener = await Member.JoinAsync(server, "teen");
        await listener.VolunteerAsync("school", "exams");
        await listener.AcceptOfferAsync("Exams next week");
        await listener.SendAsync("Hi, I'm here. Exams are rough.");
        await Expect(listener.Message("Hi, I'm here. Exams are rough.")).ToHaveAttributeAsync("data-state", "sent");

        // Back online: the page recognises its request's match and opens the conversation.
        await seeker.Context.SetOfflineAsync(false);
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(seeker.Page.GetByTestId("chat-title")).ToContainTextAsync(listener.Handle);
        await Expect(seeker.Message("Hi, I'm here. Exams are rough.")).ToHaveCountAsync(1);
        await seeker.GoToAsync("talk");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();

        // Nothing is left waiting after a reload either.
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("talk");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }

    [Fact]
    public async Task Going_offline_and_back_catches_up_missed_messages_and_sends_what_was_written_offline_exactly_once()
    {
        var sockets = new SocketControl();
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "burnout");
        await using var seeker = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await seeker.AskForListenerAsync("depression", "burnout", "Everything feels grey.");
        await listener.AcceptOfferAsync();
        await seeker.SendAsync("Before the connection drops");
        await Expect(listener.Message("Before the connection drops")).ToHaveCountAsync(1);

        // The network goes away: HTTP fails and the open WebSocket is cut, as when a phone loses signal.
        await seeker.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        // While the browser says it is offline, the page says so (not the retries' own "Reconnecting…").
        await Expect(seeker.Status).ToContainTextAsync("You're offline");

        // Meanwhile the listener keeps writing, and the seeker writes too.
        for (var i = 1; i <= 3; i++)
        {
            await listener.SendAsync($"While you were away {i}");
            await Expect(listener.Message($"While you were away {i}")).ToHaveAttributeAsync("data-state", "sent");
        }

        await seeker.SendAsync("Written while offline");
        var pending = seeker.Message("Written while offline");
        await Expect(pending).ToHaveAttributeAsync("data-state", "pending");
        await Expect(pending).ToContainTextAsync("will send automatically");
        await Expect(seeker.Message("While you were away 1")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(seeker.Page, "16-reconnecting-with-a-pending-message");

        // Back online: the page reconnects by itself, catches up by seq and sends the pending message once.
        await seeker.Context.SetOfflineAsync(false);
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(seeker.Message("Written while offline")).ToHaveAttributeAsync("data-state", "sent");
        for (var i = 1; i <= 3; i++)
        {
            await Expect(seeker.Message($"While you were away {i}")).ToHaveCountAsync(1);
        }

        await Expect(listener.Message("Written while offline")).ToHaveCountAsync(1);
        await Expect(seeker.Messages).ToHaveCountAsync(5);
        await Expect(listener.Messages).ToHaveCountAsync(5);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await seeker.ShownSeqsAsync());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await listener.ShownSeqsAsync());
        Assert.Equal(await listener.ShownTextsAsync(), await seeker.ShownTextsAsync());
        Assert.True(sockets.Opened >= 2, "the page should have opened a new WebSocket after the drop");

        // And live delivery works again.
        await listener.SendAsync("Welcome back");
        await Expect(seeker.Message("Welcome back")).ToHaveCountAsync(1);

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }

    [Fact]
    public async Task A_message_written_while_disconnected_survives_a_reload_and_is_sent_once()
    {
        var sockets = new SocketControl();
        await using var writer = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await using var reader = await Member.JoinAsync(server);
        foreach (var member in new[] { writer, reader })
        {
            await member.GoToAsync("rooms");
            await member.Page.Locator("[data-testid=room][data-slug=grief]").GetByTestId("room-join").ClickAsync();
            await Expect(member.Page.GetByTestId("chat")).ToBeVisibleAsync();
        }

        // The hub cannot be reached (every negotiation fails), but the page itself still loads.
        await writer.Context.RouteAsync("**/hubs/chat/negotiate**", route => route.AbortAsync());
        await sockets.DropAllAsync();
        await Expect(writer.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        await writer.SendAsync("Written, then the page was reloaded");
        await Expect(writer.Message("Written, then the page was reloaded")).ToHaveAttributeAsync("data-state", "pending");

        await writer.Page.ReloadAsync();
        await Expect(writer.Status).ToHaveAttributeAsync("data-state", "disconnected");
        var pending = writer.Message("Written, then the page was reloaded");
        await Expect(pending).ToHaveAttributeAsync("data-state", "pending");
        await Expect(pending).ToContainTextAsync("will send automatically");

        await writer.Context.UnrouteAsync("**/hubs/chat/negotiate**");
        await Expect(writer.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(writer.Message("Written, then the page was reloaded")).ToHaveAttributeAsync("data-state", "sent");
        await Expect(reader.Message("Written, then the page was reloaded")).ToHaveCountAsync(1);
        await Expect(writer.Message("Written, then the page was reloaded")).ToHaveCountAsync(1);
        Assert.Equal("[]", await writer.Page.EvaluateAsync<string>("() => JSON.stringify(JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith('.outbox')))))"));

        await writer.Page.GetByTestId("chat-leave").ClickAsync();
        await reader.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task A_message_whose_acknowledgement_was_lost_is_retried_with_the_same_id_and_shown_once()
    {
        var sockets = new SocketControl();
        await using var writer = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await using var reader = await Member.JoinAsync(server);
        foreach (var member in new[] { writer, reader })
        {
            await member.GoToAsync("rooms");
            await member.Page.Locator("[data-testid=room][data-slug=depression]").GetByTestId("room-join").ClickAsync();
            await Expect(member.Page.GetByTestId("chat")).ToBeVisibleAsync();
        }

        await writer.SendAsync("A first message, acknowledged normally");
        await Expect(reader.Message("A first message, acknowledged normally")).ToHaveCountAsync(1);

        // The server stores the next message, but its answer (and the echo) never reach the page:
        // the connection dies right after the server replied.
        sockets.LoseNextSendAcknowledgement = true;
        await writer.SendAsync("Stored, but the answer was lost");
        await Expect(reader.Message("Stored, but the answer was lost")).ToHaveCountAsync(1);
        await Expect(writer.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(writer.Message("Stored, but the answer was lost")).ToHaveAttributeAsync("data-state", "sent");

        // The page sent it again with the same clientMessageId; the server answered with the original.
        var ids = sockets.SentClientMessageIds.Where(x => x.Text == "Stored, but the answer was lost").Select(x => x.Id).ToArray();
        Assert.True(ids.Length >= 2, $"expected a retry, saw {ids.Length} SendMessage call(s)");
        Assert.Single(ids.Distinct());
        Assert.True(sockets.LostAcknowledgements >= 1);

        await Expect(writer.Message("Stored, but the answer was lost")).ToHaveCountAsync(1);
        await Expect(reader.Message("Stored, but the answer was lost")).ToHaveCountAsync(1);
        var writerSeqs = await writer.ShownSeqsAsync();
        Assert.Equal(writerSeqs.Distinct().Count(), writerSeqs.Length);
        Assert.Equal(await reader.ShownSeqsAsync(), writerSeqs);

        // After a reload the history still holds it once.
        await writer.Page.ReloadAsync();
        await Expect(writer.Message("Stored, but the answer was lost")).ToHaveCountAsync(1);
        await Expect(writer.Message("A first message, acknowledged normally")).ToHaveCountAsync(1);
        await writer.Page.GetByTestId("chat-leave").ClickAsync();
        await reader.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task Going_offline_shows_at_once_and_a_message_written_meanwhile_is_sent_when_back()
    {
        // No socket is closed here: the browser says it is offline and the socket goes dead without a word, as when a phone
        // loses its network. SignalR would notice after its 30 s server timeout; the page said "Connected" all that time
        // (stop 53's probe).
        var sockets = new SocketControl();
        await using var member = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await member.JoinRoomAsync("relationships");

        sockets.Silent = true;
        await member.Context.SetOfflineAsync(true);
        await Expect(member.Status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 5_000 });
        await Expect(member.Status).ToContainTextAsync("You're offline");
        await member.SendAsync("Written while offline.");
        await Expect(member.Message("Written while offline.")).ToHaveAttributeAsync("data-state", "pending");
        // The page's quick call (3 s) got no answer: still offline, still pending.
        await member.Page.WaitForTimeoutAsync(4_000);
        await Expect(member.Status).ToContainTextAsync("You're offline");
        await Expect(member.Message("Written while offline.")).ToHaveAttributeAsync("data-state", "pending");

        sockets.Silent = false;
        await member.Context.SetOfflineAsync(false);
        await Expect(member.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(member.Message("Written while offline.")).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task A_browser_that_says_offline_while_its_server_still_answers_goes_on_sending()
    {
        // A server on the same network (a LAN, this machine): the browser reports offline, the socket still carries frames.
        // Chromium's offline emulation also stops the socket's frames, so the browser's report is made by hand here.
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "moving abroad");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("anxiety", "moving abroad", "New city, no friends yet.");
        await listener.AcceptOfferAsync();

        await seeker.Page.EvaluateAsync("() => { Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true }); window.dispatchEvent(new Event('offline')); }");
        // "You're offline" at once, then one quick call answers: the page says Connected and holds nothing back.
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
        await seeker.SendAsync("Still here on the office network.");
        await Expect(seeker.Message("Still here on the office network.")).ToHaveAttributeAsync("data-state", "sent");
        await Expect(listener.Message("Still here on the office network.")).ToHaveCountAsync(1);
        await listener.SendAsync("Glad you are.");
        await Expect(seeker.Message("Glad you are.")).ToHaveCountAsync(1);

        await seeker.Page.EvaluateAsync("() => { delete navigator.onLine; window.dispatchEvent(new Event('online')); }");
        await Expect(seeker.Status).ToHaveAttributeAsync("data-state", "connected");
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync("You ended this conversation.");
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
    }
}
