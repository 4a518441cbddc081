namespace MatchChat.Browser.Tests;

/// <summary>
/// "Leave quickly" is on screen during a chat at every size: on a phone held upright or on its side, and in a short
/// window, the chat's header has its own copy (an outside probe: at 844×390 the page scrolled 142 px in a chat, the
/// header's button was off screen and the chat header's copy showed only on narrow screens). On a desktop the page
/// header's button stays the only one. The landscape chat header stays one short row.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ShortScreenQuickExitTests(SafetyFixture server)
{
    [Theory]
    [InlineData(844, 390)]
    [InlineData(640, 450)]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task During_a_chat_a_leave_quickly_button_is_on_screen(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("grief", $"quick exit walk {width}, lost a grandparent");
        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.TalkWithAsync(listener, "grief", $"Quick exit walk {width}: my gran died in the spring.");
        for (var i = 1; i <= 4; i++)
        {
            await listener.SendAsync($"Quick exit reply {i}: I'm so sorry, that is a big loss.");
            await Expect(seeker.Message($"Quick exit reply {i}: I'm so sorry, that is a big loss.")).ToHaveCountAsync(1);
        }

        var inChat = seeker.Page.GetByTestId("chat-quick-exit");
        var inHeader = seeker.Page.GetByTestId("quick-exit");
        if (width > 700 && height > 500)
        {
            // A desktop: the page header's button, on screen; no second one in the chat.
            await Expect(inChat).ToBeHiddenAsync();
            await Expect(inHeader).ToBeInViewportAsync();
        }
        else
        {
            await Expect(inChat).ToBeVisibleAsync();
            await Expect(inChat).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(inChat).ToHaveAccessibleNameAsync("Exit site: leave this site quickly");
            // Not "Leave", beside "All chats", "Leave room" and "End": read as leaving the chat, it left the site.
            await Expect(inChat).ToHaveTextAsync("Exit site");
            var header = await seeker.Page.Locator(".chat-header").BoundingBoxAsync();
            var title = await seeker.Page.Locator("#chat-title").BoundingBoxAsync();
            var exit = await inChat.BoundingBoxAsync();
            // On the header's first row, with "All chats" (a peer's name too long to share it takes the row under it
            // whole: names cut to "OpenHil…" on a phone, an outside probe).
            // (No back button on a wide screen: the name is its row.)
            var back = await seeker.Page.Locator("#chat-back").BoundingBoxAsync() ?? title!;
            var (exitMiddle, backMiddle) = (exit!.Y + (exit.Height / 2), back.Y + (back.Height / 2));
            Assert.True(Math.Abs(exitMiddle - backMiddle) < 24, $"Exit site shares the first row ({exitMiddle:F0} vs {backMiddle:F0})");
            Assert.True(title!.Y >= header!.Y, "the peer's name is in the chat header");
            if (height <= 500)
            {
                Assert.True(header!.Height <= 64, $"the landscape chat header is one row ({header.Height:F0}px)");
                Assert.True(title.Width >= 100, $"the peer's name keeps room beside Exit site ({title.Width:F0}px)");
                await Expect(seeker.Page.GetByTestId("chat-end")).ToHaveAccessibleNameAsync("End conversation");
                foreach (var selector in new[] { "#composer-text", "[data-testid=composer-send]", "[data-testid=chat-end]" })
                {
                    var box = await seeker.Page.Locator(selector).BoundingBoxAsync();
                    Assert.True(box!.Y >= 0 && box.Y + box.Height <= height, $"{selector} is at {box.Y:F0}+{box.Height:F0} of {height}");
                }
            }

            Assert.False(await seeker.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), "no sideways scrolling");
            await Contrast.AssertAaAsync(seeker.Page, $"the chat header with Exit site ({width}×{height})");
            await Screenshots.SaveAsync(seeker.Page, $"83-chat-leave-quickly-{width}x{height}");
        }

        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>
    /// Whatever opens above an open chat, its "Exit site" stays on screen: the crisis card opened above the chat, the
    /// page scrolled to keep the composer in view and the chat header went 45–112 px off the top at 390×844, 844×390
    /// and 640×450 (an outside probe), with the page header's "Leave quickly" off screen too. A phone has no Escape.
    /// </summary>
    [Theory]
    [InlineData(390, 844)]
    [InlineData(844, 390)]
    [InlineData(640, 450)]
    public async Task After_the_crisis_card_opens_above_a_chat_exit_site_stays_on_screen(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("depression", $"crisis exit walk {width}, low days");
        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.TalkWithAsync(listener, "depression", $"Crisis exit walk {width}: everything feels heavy.");
        await seeker.SendAsync("hi there");
        await seeker.SendAsync("I want to die, I cannot do this anymore");
        await Expect(seeker.Page.GetByTestId("care")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        for (var i = 1; i <= 3; i++)
        {
            await seeker.Composer.PressSequentiallyAsync($"message {i} after that");
            await seeker.Composer.PressAsync("Enter");
            await Expect(listener.Message($"message {i} after that")).ToHaveCountAsync(1);
        }

        await seeker.Page.WaitForTimeoutAsync(300);
        var exit = seeker.Page.GetByTestId("chat-quick-exit");
        await Expect(exit).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(seeker.Composer).ToBeInViewportAsync();
        var covered = await exit.EvaluateAsync<string>("b => { const r = b.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return b.contains(at) ? '' : (at?.outerHTML ?? 'nothing').slice(0, 80); }");
        Assert.True(covered.Length == 0, $"Exit site is covered by {covered}");
        // Scrolled to the page's end by hand, it is still there.
        await seeker.Page.EvaluateAsync("() => scrollTo(0, document.documentElement.scrollHeight)");
        await seeker.Page.WaitForTimeoutAsync(150);
        await Expect(exit).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.False(await seeker.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), "no sideways scrolling");
        await Screenshots.SaveAsync(seeker.Page, $"85-crisis-card-exit-site-{width}x{height}");

        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>
    /// Outside a chat the page scrolls too: on a phone on its side and at 200 % zoom the header with "Leave quickly"
    /// scrolled off the home, Be a listener, Rooms, waiting, available and offer screens (an outside probe). It stays.
    /// </summary>
    [Theory]
    [InlineData(844, 390)]
    [InlineData(640, 450)]
    public async Task On_every_screen_of_a_short_window_leave_quickly_stays_on_screen_as_the_page_scrolls(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server, width: width, height: height);
        await ExpectQuickExitAfterScrollingAsync(listener, "home");
        await listener.GoToAsync("listen");
        await ExpectQuickExitAfterScrollingAsync(listener, "Be a listener");
        await listener.GoToAsync("rooms");
        await ExpectQuickExitAfterScrollingAsync(listener, "Rooms");
        await listener.VolunteerAsync("stress", $"short screen walk {width}, deadlines");
        await ExpectQuickExitAfterScrollingAsync(listener, "available");

        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.AskForListenerAsync("stress", note: $"Short screen walk {width}: work is piling up and I can't sleep.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await ExpectQuickExitAfterScrollingAsync(seeker, "waiting");
        await Expect(listener.Page.GetByTestId("offer")).ToBeVisibleAsync();
        await ExpectQuickExitAfterScrollingAsync(listener, "an offer");
        await Screenshots.SaveAsync(listener.Page, $"84-short-screen-header-{width}x{height}");

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(seeker.ConsoleErrors);
    }

    private static async Task ExpectQuickExitAfterScrollingAsync(Member member, string screen)
    {
        await member.Page.EvaluateAsync("() => scrollTo(0, document.documentElement.scrollHeight)");
        await member.Page.WaitForTimeoutAsync(150);
        var scrolled = await member.Page.EvaluateAsync<double>("() => scrollY");
        Assert.True(scrolled > 0, $"the {screen} screen scrolls at this size (a test that shows something)");
        var exit = member.Page.GetByTestId("quick-exit");
        await Expect(exit).ToBeInViewportAsync(new() { Ratio = 1 });
        var header = await member.Page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height <= 56, $"the header that stays is one slim row on the {screen} screen ({header.Height:F0}px)");
        var name = await exit.EvaluateAsync<string>("b => { const r = b.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return b.contains(at) ? '' : (at?.outerHTML ?? 'nothing').slice(0, 80); }");
        Assert.True(name.Length == 0, $"Leave quickly is covered on the {screen} screen by {name}");
        await member.Page.EvaluateAsync("() => scrollTo(0, 0)");
    }
}
