namespace MatchChat.Browser.Tests;

/// <summary>
/// A chat on a phone (390×844): after a match the header stays short and the composer is on screen; after "End
/// conversation" the notice that says so, and "Say thanks", are brought into view with focus on the notice (an outside
/// browser probe: the header wrapped over nine lines and pushed the composer off screen, and after ending the page
/// jumped to the peer's name with the notice below the fold).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class PhoneChatTests(SafetyFixture server)
{
    private const string Bio =
        "I moved abroad on my own at nineteen and spent two winters hardly speaking to anyone. Evening classes and a choir helped, slowly.";

    [Fact]
    public async Task On_a_phone_the_chat_header_stays_short_and_the_composer_is_on_screen_right_after_a_match()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "moved abroad alone, no friends nearby, working nights", bio: Bio);
        await using var seeker = await Member.JoinAsync(server, width: 390, height: 844);
        const string note = "Phone walk: I moved abroad for work and after six months I still have nobody to have dinner with.";
        await seeker.AskForListenerAsync("loneliness", "moved abroad alone, no friends nearby, working nights", note);
        await listener.AcceptOfferAsync(note);
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToBeVisibleAsync();
        await Expect(seeker.Page.GetByTestId("chat-peer-bio-text")).ToBeVisibleAsync();

        // The way out is on screen in the chat too (the page header is scrolled away on a phone; stop 59's review).
        await Expect(seeker.Page.GetByTestId("chat-quick-exit")).ToBeInViewportAsync();
        // The header: name on the first row, beside the back button; the reason on a row of its own below it.
        var header = await BoxAsync(seeker.Page, ".chat-header");
        var title = await BoxAsync(seeker.Page, "#chat-title");
        var back = await BoxAsync(seeker.Page, "#chat-back");
        var reason = await BoxAsync(seeker.Page, "#chat-peer-bio-reason");
        Assert.True(header.Height <= 220, $"chat header {header.Height:F0}px high");
        // The whole name on one line: beside the back button, or on its own row under it when it does not fit there (it
        // was cut short: an outside probe).
        Assert.True(title.Height <= 32, $"peer name {title.Height:F0}px high");
        Assert.True(Math.Abs(title.Top - back.Top) < 24 || title.Top >= back.Bottom - 1, "the name shares the back button's row or has the next");
        Assert.True(reason.Top >= title.Bottom - 1 && reason.Left < back.Right, "the reason is on its own row under the name");
        Assert.True(reason.Height <= 24, $"the reason is {reason.Height:F0}px high");

        var layout = await seeker.Page.EvaluateAsync<string>(
            "() => ['main', '#chat', '.chat-header', '#messages', '#typing', '#composer', '#main-nav', '.site-header'].map(s => { const r = document.querySelector(s).getBoundingClientRect(); return `${s} ${r.top|0}+${r.height|0}`; }).join(', ') + ` scrollY ${scrollY}`");

        // The composer and its Send button are on screen as the chat opens, without scrolling.
        foreach (var selector in new[] { "#composer-text", "[data-testid=composer-send]", "#chat-title" })
        {
            var box = await BoxAsync(seeker.Page, selector);
            Assert.True(box.Top >= 0 && box.Bottom <= 844, $"{selector} is at {box.Top:F0}..{box.Bottom:F0} of 844 ({layout})");
        }

        Assert.False(await seeker.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), "no sideways scrolling");
        await Contrast.AssertAaAsync(seeker.Page, "the phone chat header");
        await Screenshots.SaveAsync(seeker.Page, "70-phone-chat-header");

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await SwitchOffAsync(listener);
        Assert.Empty(seeker.ConsoleErrors);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 860)]
    public async Task After_ending_a_chat_the_end_notice_and_say_thanks_are_in_view_and_the_notice_has_focus(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "end walk, moved abroad");
        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.TalkWithAsync(listener, "loneliness", $"End walk {width}: the flat is so quiet in the evenings.");
        for (var i = 1; i <= 4; i++)
        {
            await seeker.SendAsync($"Evening {i}: I cooked for one again and ate standing up.");
            await Expect(listener.Message($"Evening {i}: I cooked for one again and ate standing up.")).ToHaveCountAsync(1);
            await listener.SendAsync($"That sounds lonely ({i}). I remember those evenings.");
            await Expect(seeker.Message($"That sounds lonely ({i}). I remember those evenings.")).ToHaveCountAsync(1);
        }

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        var ended = seeker.Page.GetByTestId("chat-ended");
        await Expect(ended).ToContainTextAsync("You ended this conversation.");
        await Expect(seeker.Page.GetByTestId("thanks-open")).ToBeVisibleAsync();
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#chat-ended");
        foreach (var selector in new[] { "#chat-ended", "[data-testid=thanks-open]" })
        {
            var box = await BoxAsync(seeker.Page, selector);
            Assert.True(box.Top >= 0 && box.Bottom <= height, $"{selector} is at {box.Top:F0}..{box.Bottom:F0} of {height}");
        }

        await SwitchOffAsync(listener);
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>
    /// A phone on its side (an outside probe: the header with the match reason and "End conversation" took half the
    /// screen, the log showed about one message and the message box was cut off): one short header row, the reason behind
    /// "About", and the composer on screen under a log that has most of the height.
    /// </summary>
    [Theory]
    [InlineData(640, 360)]
    [InlineData(844, 390)]
    public async Task On_a_phone_on_its_side_the_chat_header_is_one_short_row_and_the_composer_is_on_screen(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "landscape walk, panic on trains", bio: Bio);
        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.AskForListenerAsync("anxiety", "landscape walk, panic on trains", $"Landscape walk {width}: panic comes on every morning train and I get off two stops early.");
        await listener.AcceptOfferAsync($"Landscape walk {width}");
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        for (var i = 1; i <= 3; i++)
        {
            await listener.SendAsync($"Landscape reply {i}: that sounds exhausting.");
            await Expect(seeker.Message($"Landscape reply {i}: that sounds exhausting.")).ToHaveCountAsync(1);
        }

        var layout = await seeker.Page.EvaluateAsync<string>(
            "() => ['#chat', '.chat-header', '#messages', '#composer'].map(s => { const r = document.querySelector(s).getBoundingClientRect(); return `${s} ${r.top|0}+${r.height|0}`; }).join(', ') + ` scrollY ${scrollY}`");
        foreach (var selector in new[] { "#composer-text", "[data-testid=composer-send]", "#chat-title", "[data-testid=chat-end]" })
        {
            var box = await BoxAsync(seeker.Page, selector);
            Assert.True(box.Top >= 0 && box.Bottom <= height, $"{selector} is at {box.Top:F0}..{box.Bottom:F0} of {height} ({layout})");
        }

        var header = await BoxAsync(seeker.Page, ".chat-header");
        var log = await BoxAsync(seeker.Page, "#messages");
        Assert.True(header.Height <= 64, $"chat header {header.Height:F0}px high ({layout})");
        Assert.True(log.Height >= height * 0.5, $"the messages get {log.Height:F0}px of {height} ({layout})");
        Assert.True(log.Top >= 0, $"the messages start on screen ({layout})");

        // Why they were matched is one press away, and says whether it is open.
        var about = seeker.Page.GetByTestId("chat-about");
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToBeHiddenAsync();
        await Expect(about).ToHaveAttributeAsync("aria-expanded", "false");
        await about.ClickAsync();
        await Expect(about).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToBeVisibleAsync();
        await Contrast.AssertAaAsync(seeker.Page, $"the chat on a phone on its side ({width}×{height})");
        await Screenshots.SaveAsync(seeker.Page, $"71-phone-landscape-chat-{width}");
        await about.ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToBeHiddenAsync();

        Assert.False(await seeker.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), "no sideways scrolling");
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await SwitchOffAsync(listener);
        Assert.Empty(seeker.ConsoleErrors);
    }

    private static async Task SwitchOffAsync(Member listener)
    {
        await listener.StopListeningAsync();
    }

    private sealed record Box(double Top, double Bottom, double Left, double Right, double Height);

    /// <summary>Where <paramref name="selector"/> is in the viewport now (as the member sees it, without scrolling).</summary>
    private static async Task<Box> BoxAsync(IPage page, string selector)
    {
        var r = await page.EvaluateAsync<double[]>(
            "s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right, r.height]; }", selector);
        return new Box(r[0], r[1], r[2], r[3], r[4]);
    }
}
