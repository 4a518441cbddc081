namespace MatchChat.Browser.Tests;

/// <summary>Text is only ever text; the page works by keyboard and on a phone; the crisis link is always there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SafetyAndAccessibilityTests(MatchChatFixture server)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_message_that_looks_like_HTML_is_shown_as_text_and_runs_nothing()
    {
        await using var sender = await Member.JoinAsync(server);
        await using var reader = await Member.JoinAsync(server);
        foreach (var member in new[] { sender, reader })
        {
            await member.GoToAsync("rooms");
            await member.Page.Locator("[data-testid=room][data-slug=stress]").GetByTestId("room-join").ClickAsync();
            await Expect(member.Page.GetByTestId("chat")).ToBeVisibleAsync();
        }

        await sender.SendAsync(Markup);
        await sender.SendAsync("<script>alert('x')</script><b>bold?</b>");

        foreach (var member in new[] { sender, reader })
        {
            await Expect(member.Message(Markup)).ToHaveCountAsync(1);
            await Expect(member.Message("<script>alert('x')</script><b>bold?</b>")).ToHaveCountAsync(1);
            Assert.Equal(0, await member.Page.Locator("#messages img, #messages script, #messages b").CountAsync());
        }

        // Give a would-be onerror handler every chance to run.
        await reader.Page.WaitForTimeoutAsync(1000);
        Assert.Empty(sender.Dialogs);
        Assert.Empty(reader.Dialogs);
        Assert.Equal(0, await reader.Page.EvaluateAsync<int>("() => document.querySelectorAll('img').length"));
        await Screenshots.SaveAsync(reader.Page, "17-markup-shown-as-text");
        await sender.Page.GetByTestId("chat-leave").ClickAsync();
        await reader.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task A_request_note_that_looks_like_HTML_reaches_the_listener_as_text()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "exams");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("stress", "exams", Markup);

        var offer = listener.Page.GetByTestId("offer").First;
        await Expect(offer).ToContainTextAsync(Markup);
        Assert.Equal(0, await listener.Page.Locator("#offers img").CountAsync());
        var offerId = await offer.GetAttributeAsync("data-offer-id");
        await offer.GetByTestId("offer-decline").ClickAsync();
        await Expect(listener.Page.Locator($"[data-offer-id='{offerId}']")).ToHaveCountAsync(0);
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        Assert.Empty(listener.Dialogs);
    }

    [Fact]
    public async Task A_teen_is_offered_only_the_topics_and_rooms_open_to_teens()
    {
        await using var teen = await Member.JoinAsync(server, "teen");
        var response = await teen.Page.APIRequest.GetAsync("/api/topics");
        var topics = (await response.JsonAsync())!.Value.EnumerateArray()
            .Select(t => (Slug: t.GetProperty("slug").GetString()!, Audience: t.GetProperty("audience").GetString()!))
            .ToArray();
        var forTeens = topics.Where(t => t.Audience is "all" or "teen").Select(t => t.Slug).Order().ToArray();
        Assert.Contains(topics, t => t.Audience == "adult");

        var offered = await teen.Page.Locator("[data-testid=talk-topic] option:not([value=''])").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(forTeens, offered.Order().ToArray());

        await teen.GoToAsync("listen");
        var listenable = await teen.Page.Locator("[data-testid=listen-topics] input").EvaluateAllAsync<string[]>("bs => bs.map(b => b.value)");
        Assert.Equal(forTeens, listenable.Order().ToArray());
        await Expect(teen.Page.GetByTestId("listen-teens")).ToBeHiddenAsync();

        await teen.GoToAsync("rooms");
        await Expect(teen.Page.GetByTestId("room")).ToHaveCountAsync(forTeens.Length);
        var rooms = await teen.Page.GetByTestId("room").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.slug)");
        Assert.Equal(forTeens, rooms.Order().ToArray());
    }

    [Fact]
    public async Task Text_on_every_main_screen_meets_WCAG_AA_contrast()
    {
        var sockets = new SocketControl();
        await using var member = await Member.OpenAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await Contrast.AssertCheckWorksAsync(member.Page);
        await Contrast.AssertAaAsync(member.Page, "the welcome screen");
        await member.ChooseAgeGroupAsync("adult");
        await Contrast.AssertAaAsync(member.Page, "talk to someone");

        await member.GoToAsync("listen");
        await member.Page.GetByTestId("listen-topic-loneliness").CheckAsync();
        await member.Page.GetByTestId("listen-submit").ClickAsync();
        await Expect(member.Page.GetByTestId("guide-dialog")).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(member.Page, "the listener's guide");
        await member.AgreeToGuideAsync();
        await Expect(member.Page.GetByTestId("available-switch")).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(member.Page, "be a listener");

        await member.GoToAsync("rooms");
        await Expect(member.Page.GetByTestId("room").First).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(member.Page, "rooms");

        await member.Page.Locator("[data-testid=room][data-slug=loneliness]").GetByTestId("room-join").ClickAsync();
        await member.SendAsync("Checking the colours.");
        await Expect(member.Message("Checking the colours.")).ToHaveAttributeAsync("data-state", "sent");
        await Contrast.AssertAaAsync(member.Page, "a room chat");

        // Connection trouble: the reconnecting banner and a pending message.
        await member.Context.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(member.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        await member.SendAsync("Waiting to be sent.");
        await Expect(member.Message("Waiting to be sent.")).ToHaveAttributeAsync("data-state", "pending");
        await Contrast.AssertAaAsync(member.Page, "a chat while reconnecting");
        await member.Context.SetOfflineAsync(false);
        await Expect(member.Message("Waiting to be sent.")).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 30_000 });
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task Someone_using_only_the_keyboard_can_start_and_reach_every_screen()
    {
        await using var member = await Member.OpenAsync(server);
        var page = member.Page;

        // Tab from the top: skip link, "Leave quickly" (stop 59), then the age choice, then Continue.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("quick-exit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("age-adult")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByTestId("age-adult")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("welcome-continue")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await member.ExpectConnectedAsync();

        // The focused element always shows a visible outline.
        foreach (var view in new[] { "talk", "listen", "rooms", "chats" })
        {
            var nav = page.GetByTestId("nav-" + view);
            await nav.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(nav).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.Locator($"#view-{view} h1")).ToBeFocusedAsync();
        }

        await page.GetByTestId("nav-talk").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.StartsWith("solid 3px", outline);
    }

    [Fact]
    public async Task The_page_fits_a_360px_phone_and_shows_the_crisis_line_on_every_screen()
    {
        await using var member = await Member.OpenAsync(server, width: 360, height: 740);
        await AssertFitsAndOffersHelpAsync(member.Page);
        await Screenshots.SaveAsync(member.Page, "12-phone-welcome");
        await member.ChooseAgeGroupAsync("teen");

        foreach (var view in new[] { "talk", "listen", "rooms", "chats" })
        {
            await member.GoToAsync(view);
            await Expect(member.Page.Locator($"#view-{view}")).ToBeVisibleAsync();
            await AssertFitsAndOffersHelpAsync(member.Page);
        }

        await member.GoToAsync("talk");
        await Screenshots.SaveAsync(member.Page, "13-phone-talk-to-someone");

        await member.GoToAsync("rooms");
        await member.Page.Locator("[data-testid=room]").First.GetByTestId("room-join").ClickAsync();
        await Expect(member.Page.GetByTestId("chat")).ToBeVisibleAsync();
        await member.SendAsync("Hello from a small screen. A long word: supercalifragilisticexpialidocious-and-then-some-more-text");
        await Expect(member.Messages.Last).ToHaveAttributeAsync("data-state", "sent");
        await AssertFitsAndOffersHelpAsync(member.Page);
        await Screenshots.SaveAsync(member.Page, "14-phone-room");
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }

    [Fact]
    public async Task The_welcome_page_names_the_crisis_line_of_the_browsers_region_and_guesses_none_from_a_bare_language()
    {
        // en-GB (every test member's locale): Samaritans, a tap to call, before anyone has joined.
        await using var british = await Member.OpenAsync(server);
        var call = british.Page.GetByTestId("footer-call");
        await Expect(call).ToHaveTextAsync("Call 116 123");
        await Expect(call).ToHaveAttributeAsync("href", "tel:116123");
        await Expect(british.Page.GetByTestId("footer-local")).ToContainTextAsync("(Samaritans) or");
        await Expect(british.Page.GetByTestId("crisis-link")).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(british.Page, "the footer's local crisis line");

        // "Call or text 988" is a number to tap too.
        await using var american = await PageIn("en-US", "America/Chicago");
        await Expect(american.GetByTestId("footer-call")).ToHaveAttributeAsync("href", "tel:988");

        // A contact that says how in its own language is shown as written: "Appelez le 3114", not "Call Appelez le 3114".
        await using var french = await PageIn("fr-FR", "Europe/Paris");
        await Expect(french.GetByTestId("footer-call")).ToHaveTextAsync("Appelez le 3114");
        await Expect(french.GetByTestId("footer-call")).ToHaveAttributeAsync("href", "tel:3114");

        // "en-US" is many browsers' default far from the US: with an Indian clock, no US number is named.
        await using var elsewhere = await PageIn("en-US", "Asia/Kolkata");
        await Expect(elsewhere.GetByTestId("crisis-link")).ToBeVisibleAsync();
        await elsewhere.WaitForTimeoutAsync(1000);
        await Expect(elsewhere.GetByTestId("footer-local")).ToBeHiddenAsync();

        // A browser that names only a language says nothing of where someone is: no line is guessed (988 would be wrong).
        await using var german = await PageIn("de");
        await Expect(german.GetByTestId("crisis-link")).ToBeVisibleAsync();
        await german.WaitForTimeoutAsync(1000);
        await Expect(german.GetByTestId("footer-local")).ToBeHiddenAsync();
    }

    private async Task<PageInContext> PageIn(string locale, string timeZone = "UTC")
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, Locale = locale, TimezoneId = timeZone });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return new PageInContext(context, page);
    }

    private sealed class PageInContext(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public ILocator GetByTestId(string id) => page.GetByTestId(id);

        public Task WaitForTimeoutAsync(float ms) => page.WaitForTimeoutAsync(ms);

        public ValueTask DisposeAsync() => new(context.CloseAsync());
    }

    private static async Task AssertFitsAndOffersHelpAsync(IPage page)
    {
        var link = page.GetByTestId("crisis-link");
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", "https://findahelpline.com");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at this width.");
    }
}
