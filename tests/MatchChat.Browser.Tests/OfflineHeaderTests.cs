namespace MatchChat.Browser.Tests;

/// <summary>
/// Going offline on a short or landscape screen keeps "Leave this site quickly" on screen: the status line
/// "You're offline…" did not wrap in the one-row header, pushed the button past the right edge and the page scrolled
/// sideways (1024 px wide at 844×390, 740×360, 568×320 and 640×450: an outside probe). And a seeker only waiting in line
/// is not told that "your messages are kept": they have none; their place is what is kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineHeaderTests(MatchChatFixture server)
{
    [Fact]
    public async Task Offline_on_short_screens_leave_quickly_stays_on_screen_and_a_waiting_seeker_is_told_their_place_is_kept()
    {
        await using var seeker = await Member.JoinAsync(server, width: 844, height: 390);
        await seeker.AskForListenerAsync("loneliness", note: "Offline header walk: evenings are long.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();

        await seeker.Context.SetOfflineAsync(true);
        await seeker.Page.EvaluateAsync("() => window.dispatchEvent(new Event('offline'))");
        await Expect(seeker.Status).ToContainTextAsync("You're offline");
        await Expect(seeker.Status).ToContainTextAsync("keep your place");
        await Expect(seeker.Status).Not.ToContainTextAsync("messages");

        var exit = seeker.Page.GetByTestId("quick-exit");
        foreach (var (width, height) in new[] { (844, 390), (740, 360), (640, 450), (568, 320) })
        {
            await seeker.Page.SetViewportSizeAsync(width, height);
            await seeker.Page.EvaluateAsync("() => scrollTo(0, 0)");
            await seeker.Page.WaitForTimeoutAsync(150);
            await Expect(exit).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = await exit.BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= width, $"Leave quickly is at {box.X:F0}+{box.Width:F0} of {width}");
            Assert.False(
                await seeker.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"),
                $"no sideways scrolling at {width}×{height}");
            await Expect(seeker.Status).ToBeVisibleAsync();
            var header = await seeker.Page.Locator(".site-header").BoundingBoxAsync();
            Assert.True(header!.Height <= height / 3, $"the header stays short at {width}×{height} ({header.Height:F0}px)");
        }

        await Screenshots.SaveAsync(seeker.Page, "90-offline-header-568x320");
        await Contrast.AssertAaAsync(seeker.Page, "the offline line in a short header");
        await seeker.Context.SetOfflineAsync(false);
        await seeker.ExpectConnectedAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }
}
