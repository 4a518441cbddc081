namespace MatchChat.Browser.Tests;

/// <summary>Crisis care on the page: the writer's calm support card, the listener's guidance card, and the moderator's alert.</summary>
[Collection(SafetyCollection.Name)]
public sealed class CrisisCareTests(SafetyFixture server)
{
    private const string Crisis = "I want to kill myself";

    [Fact]
    public async Task A_crisis_message_shows_the_writer_support_the_listener_guidance_and_the_moderator_an_alert_with_its_context()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("grief", "lost a parent");
        await seeker.AskForListenerAsync("grief", "lost a parent");
        await listener.AcceptOfferAsync();
        await Expect(seeker.Page.GetByTestId("chat")).ToBeVisibleAsync();

        // No card and no "Help now" before anything is written.
        await Expect(seeker.Page.GetByTestId("care")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("help-now")).ToBeHiddenAsync();

        await seeker.SendAsync(Crisis);
        await Expect(listener.Message(Crisis)).ToHaveCountAsync(1);

        // The writer: a calm card with the message and at least one resource link (a call or a website).
        var care = seeker.Page.GetByTestId("care");
        await Expect(care).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(seeker.Page.GetByTestId("care-message")).Not.ToBeEmptyAsync();
        await Expect(care.GetByTestId("care-resource").First).ToBeVisibleAsync();
        await Expect(care.Locator("a[href^='tel:'], a[href^='https:']").First).ToBeVisibleAsync();
        // Numbers can be tapped: "Call 116 123" is a call link, "Text SHOUT to 85258" a text with the keyword (stop 53:
        // both were plain text), and each website link says whose it is.
        await Expect(care.Locator("a[href='tel:116123']").First).ToHaveTextAsync("Call 116 123");
        await Expect(care.Locator("a[href='sms:85258?body=SHOUT']")).ToHaveCountAsync(1);
        await Expect(care.GetByRole(AriaRole.Link, new() { Name = "Samaritans website (opens in a new tab)" }).First).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(seeker.Page, "the crisis card");
        await Screenshots.SaveAsync(seeker.Page, "28-crisis-card");

        // Closed, it comes back with "Help now" in the header.
        await seeker.Page.GetByTestId("care-close").ClickAsync();
        await Expect(care).ToBeHiddenAsync();
        await seeker.Page.GetByTestId("help-now").ClickAsync();
        await Expect(care).ToBeVisibleAsync();
        await Expect(care.GetByTestId("care-resource").First).ToBeVisibleAsync();

        // The listener: guidance for this conversation, shown in that conversation (under its header, above its
        // messages), and its entry in "Your chats" marked until the note is closed.
        var guidance = listener.Page.GetByTestId("chat").GetByTestId("peer-care");
        await Expect(guidance).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(guidance).ToContainTextAsync(seeker.Handle);
        await Expect(listener.Page.GetByTestId("chat-item").Filter(new() { HasText = seeker.Handle }).GetByTestId("chat-care-mark")).ToHaveCountAsync(1);
        Assert.True(await guidance.EvaluateAsync<bool>(
            "card => !!(card.closest('#chat').querySelector('header').compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await Contrast.AssertAaAsync(listener.Page, "the listener's guidance");
        await Screenshots.SaveAsync(listener.Page, "29-listener-guidance");
        await guidance.GetByTestId("peer-care-close").ClickAsync();
        await Expect(listener.Page.GetByTestId("peer-care")).ToHaveCountAsync(0);
        await Expect(listener.Page.GetByTestId("chat-care-mark")).ToHaveCountAsync(0);

        // The moderator: the alert live, its context as text, then acknowledged.
        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await Expect(alert).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(alert.GetByTestId("alert-status")).ToContainTextAsync("open");
        await alert.GetByTestId("alert-context").ClickAsync();
        await Expect(alert.GetByTestId("alert-context-message").Filter(new() { HasText = Crisis })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(moderator.Page, "30-crisis-alerts");
        await alert.GetByTestId("alert-note").FillAsync("Reached out in the conversation.");
        await alert.GetByTestId("alert-acknowledge").ClickAsync();
        await Expect(alert.GetByTestId("alert-status")).ToContainTextAsync($"acknowledged by {moderator.Handle}");
        await Expect(alert.GetByTestId("alert-note")).ToHaveCountAsync(0);
        await Expect(alert.GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);

        Assert.Empty(seeker.ConsoleErrors);
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task A_crisis_request_note_shows_the_support_card_marks_the_offer_urgent_and_alerts_the_moderator()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("parenting", note: Crisis);

        var care = seeker.Page.GetByTestId("care");
        await Expect(care).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(care.Locator("a[href^='tel:'], a[href^='https:']").First).ToBeVisibleAsync();
        // Numbers can be tapped: "Call 116 123" is a call link, "Text SHOUT to 85258" a text with the keyword (stop 53:
        // both were plain text), and each website link says whose it is.
        await Expect(care.Locator("a[href='tel:116123']").First).ToHaveTextAsync("Call 116 123");
        await Expect(care.Locator("a[href='sms:85258?body=SHOUT']")).ToHaveCountAsync(1);
        await Expect(care.GetByRole(AriaRole.Link, new() { Name = "Samaritans website (opens in a new tab)" }).First).ToBeVisibleAsync();

        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await Expect(alert).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(alert.GetByTestId("alert-status")).ToContainTextAsync("in a request note");
        // Its context is the note itself while the request waits (stop 59: it said no messages were kept).
        await alert.GetByTestId("alert-context").ClickAsync();
        await Expect(alert.GetByTestId("alert-context-message")).ToContainTextAsync(Crisis);
        await Expect(alert.GetByTestId("alert-context-message")).ToContainTextAsync(" · note · ");

        // The request waits as urgent: the listener who comes along sees the mark on the offer.
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "toddlers");
        var offer = listener.Page.GetByTestId("offer");
        await Expect(offer).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(offer.GetByTestId("offer-urgent")).ToHaveTextAsync("urgent");

        Assert.Empty(seeker.ConsoleErrors);
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task A_crisis_alert_while_the_console_is_elsewhere_shows_a_nav_badge_and_the_title_count_until_seen_and_acknowledged()
    {
        await using var moderator = await server.ModeratorAsync();
        // The open alerts already on this server (earlier tests'), once the console has read them.
        var alerts = moderator.Page.Locator("#alert-list > li");
        await Expect(alerts.First).ToBeVisibleAsync();
        var before = await moderator.Page.Locator("#alert-list > li.alert-card.open").CountAsync();
        var badge = moderator.Page.GetByTestId("moderate-alerts-badge");
        await moderator.GoToAsync("talk");

        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "badge walk, burnout");
        await seeker.TalkWithAsync(listener, "stress", "Badge walk: too much at once at work.");
        await seeker.SendAsync(Crisis);

        // Away from the console: the nav badge counts the open alerts, and the title the unseen one.
        await Expect(badge).ToHaveTextAsync(AlertsBadge(before + 1), new() { Timeout = 30_000 });
        await Expect(badge).ToBeVisibleAsync();
        await Expect(moderator.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) MatchChat"));

        // Opening the console: seen (the title drops its count); the alert is still open, so the badge stays.
        await moderator.GoToAsync("moderate");
        await Expect(moderator.Page).ToHaveTitleAsync("MatchChat — someone who has been there");
        await Expect(badge).ToHaveTextAsync(AlertsBadge(before + 1));

        // Acknowledged: one fewer, and focus on this alert's "Context", not <body>.
        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await alert.GetByTestId("alert-acknowledge").ClickAsync();
        await Expect(alert.GetByTestId("alert-status")).ToContainTextAsync("acknowledged");
        if (before == 0)
        {
            await Expect(badge).ToBeHiddenAsync();
        }
        else
        {
            await Expect(badge).ToHaveTextAsync(AlertsBadge(before));
        }

        await Expect(alert.GetByTestId("alert-context")).ToBeFocusedAsync();
        Assert.Empty(moderator.ConsoleErrors);

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    /// <summary>
    /// A listener who ends a chat while the care note about the seeker is up is reminded what a hand-over needs, and the
    /// seeker can ask again from the ended chat (an outside probe: "It's okay to end a chat" right after "I want to kill
    /// myself", and only "Say thanks" for the seeker).
    /// </summary>
    [Fact]
    public async Task A_listener_ending_during_a_crisis_is_reminded_and_the_seeker_can_ask_again_from_the_chat()
    {
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", "hand-over walk");
        await seeker.TalkWithAsync(listener, "depression", "Hand-over walk: everything is grey.");
        await seeker.SendAsync(Crisis);
        await Expect(listener.Page.GetByTestId("peer-care-close")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await listener.Page.GetByTestId("chat-end").ClickAsync();
        await Expect(listener.Page.GetByTestId("confirm-dialog")).ToContainTextAsync("may be in crisis");
        await Expect(listener.Page.GetByTestId("confirm-dialog")).ToContainTextAsync("a moderator knows");
        await listener.Page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await seeker.Page.GetByTestId("chat-ask-again").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task A_listeners_care_mark_in_the_chat_list_goes_when_the_chat_ends()
    {
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "mark walk, exams");
        await seeker.TalkWithAsync(listener, "stress", "Mark walk: exams next week and I can't sleep.");
        await seeker.SendAsync(Crisis);

        var item = listener.Page.GetByTestId("chat-item").Filter(new() { HasText = seeker.Handle });
        await Expect(item.GetByTestId("chat-care-mark")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        // The seeker ends it: the banner's rule (an ended chat needs no care note) holds for the mark too.
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(item).ToContainTextAsync("ended");
        await Expect(item.GetByTestId("chat-care-mark")).ToHaveCountAsync(0);
        await Expect(listener.Page.GetByTestId("care-elsewhere")).ToBeHiddenAsync();

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    /// <summary>
    /// A gentle "concern" reading (an outside probe: "I moved to a new city and know nobody." gave a three-line card that
    /// pushed the chat off a 360×640 screen) is one line that opens on request; a crisis card stays as it is (above). The
    /// event is the server's own `CrisisResources` shape, sent on the page's socket: whether the language model reads that
    /// note as concern depends on whether it has warmed up, which is not what this test is about.
    /// </summary>
    [Fact]
    public async Task A_concern_reading_shows_a_one_line_support_card_that_opens_on_request()
    {
        var socket = new SocketControl();
        await using var seeker = await Member.JoinAsync(server, width: 360, height: 640, beforeFirstVisit: socket.AttachAsync);
        socket.SendEventToPages("CrisisResources", new
        {
            level = "concern",
            message = "It sounds like a lot to carry on your own. If you ever need to talk to someone, these lines are there.",
            language = "en",
            resources = new object[]
            {
                new { name = "Samaritans", kind = "crisis", contact = "116 123", url = "https://www.samaritans.org", hours = "24/7", region = "GB", languages = new[] { "en" } },
                new { name = "Shout", kind = "crisis", contact = "Text SHOUT to 85258", url = "https://giveusashout.org", hours = "24/7", region = "GB", languages = new[] { "en" } },
            },
        });
        var care = seeker.Page.GetByTestId("care");
        await Expect(care).ToBeVisibleAsync();
        var more = care.GetByTestId("care-more");
        await Expect(more).ToBeVisibleAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(care.GetByTestId("care-resources")).ToBeHiddenAsync();
        var height = await care.EvaluateAsync<double>("c => c.getBoundingClientRect().height");
        Assert.True(height <= 100, $"the concern card is {height:F0}px high on a 360×640 phone");
        await Contrast.AssertAaAsync(seeker.Page, "the one-line concern card");
        await Screenshots.SaveAsync(seeker.Page, "83-concern-card-compact");

        await more.ClickAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(care.GetByTestId("care-resource").First).ToBeVisibleAsync();
        await Expect(care.Locator("a[href='tel:116123']")).ToBeVisibleAsync();
        await more.ClickAsync();
        await Expect(care.GetByTestId("care-resources")).ToBeHiddenAsync();

        // "Help now" brings the whole card back, open.
        await care.GetByTestId("care-close").ClickAsync();
        await seeker.Page.GetByTestId("help-now").ClickAsync();
        await Expect(care.GetByTestId("care-resource").First).ToBeVisibleAsync();
        await Expect(care.GetByTestId("care-more")).ToBeHiddenAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>
    /// The console's repeated buttons say whose alert or report they act on, and "Context" keeps focus through the
    /// re-render it causes (an outside probe: Enter on it dropped focus to &lt;body&gt;).
    /// </summary>
    [Fact]
    public async Task Console_buttons_name_the_member_and_context_keeps_focus_after_enter()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("relationships", note: Crisis);
        var alert = moderator.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await Expect(alert).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        var context = moderator.Page.GetByRole(AriaRole.Button, new() { Name = $"Show context of the alert about {seeker.Handle}", Exact = true });
        await Expect(context).ToHaveCountAsync(1);
        await Expect(moderator.Page.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge the alert about {seeker.Handle}", Exact = true })).ToHaveCountAsync(1);
        await context.FocusAsync();
        await moderator.Page.Keyboard.PressAsync("Enter");
        await Expect(alert.GetByTestId("alert-context-message")).ToContainTextAsync(Crisis);
        await Expect(alert.GetByTestId("alert-context")).ToHaveAttributeAsync("aria-expanded", "true");
        await KeyboardFocusTests.ExpectFocusedAsync(moderator.Page, $"[data-alert-id] [data-testid=alert-context][aria-label$='{seeker.Handle}']");
        await moderator.Page.Keyboard.PressAsync("Enter");
        await Expect(alert.GetByTestId("alert-context-list")).ToHaveCountAsync(0);
        await KeyboardFocusTests.ExpectFocusedAsync(moderator.Page, $"[data-alert-id] [data-testid=alert-context][aria-label$='{seeker.Handle}']");
        await alert.GetByTestId("alert-acknowledge").ClickAsync();
        await Expect(alert.GetByTestId("alert-status")).ToContainTextAsync("acknowledged");
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();

        // A report's "Resolve" names who it is about (a room message reported in the Parenting room).
        await using var writer = await Member.JoinAsync(server);
        await writer.JoinRoomAsync("parenting");
        await seeker.JoinRoomAsync("parenting");
        await writer.SendAsync("Console names walk: nobody here knows anything about toddlers.");
        var message = seeker.Message("Console names walk: nobody here knows anything about toddlers.");
        await Expect(message).ToHaveCountAsync(1);
        await message.GetByTestId("message-report").ClickAsync();
        await seeker.Page.GetByTestId("report-category-harassment").CheckAsync();
        await seeker.Page.GetByTestId("report-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("report-dialog")).ToBeHiddenAsync();
        var card = moderator.Page.GetByTestId("report").Filter(new() { HasText = writer.Handle });
        await Expect(card).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var resolve = moderator.Page.GetByRole(AriaRole.Button, new() { Name = $"Resolve the report about {writer.Handle}", Exact = true });
        await Expect(resolve).ToHaveCountAsync(1);
        await resolve.ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await writer.Page.GetByTestId("chat-leave").ClickAsync();
        await seeker.Page.GetByTestId("chat-leave").ClickAsync();
        Assert.Empty(moderator.ConsoleErrors);
    }

    /// <summary>The alerts badge's text: the count on screen, with its words for screen readers.</summary>
    private static string AlertsBadge(int n) => n == 1 ? "1 open crisis alert" : $"{n} open crisis alerts";
}
