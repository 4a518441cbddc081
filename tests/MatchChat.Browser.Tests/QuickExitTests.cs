namespace MatchChat.Browser.Tests;

/// <summary>
/// "Leave quickly", for someone who may be overheard or watched: on every screen, labelled and keyboard reachable; one
/// press (or Escape three times, in a dialog too) replaces the page with a neutral one, with no dialog and without
/// deleting anything, so the member can come back as themselves. The neutral page is routed to a local stub here.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class QuickExitTests(SafetyFixture server)
{
    private const string Neutral = "https://www.bbc.co.uk/weather";

    private static Task StubNeutralSiteAsync(IBrowserContext context) =>
        context.RouteAsync("https://www.bbc.co.uk/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = "<!doctype html><html lang=en><title>Weather</title><h1>Weather stub</h1></html>",
        }));

    [Fact]
    public async Task Leave_quickly_replaces_the_page_with_a_neutral_one_and_keeps_the_member_for_later()
    {
        // Before joining: already there on the first screen.
        await using var member = await Member.OpenAsync(server, width: 360, height: 640, beforeFirstVisit: StubNeutralSiteAsync);
        var exit = member.Page.GetByRole(AriaRole.Button, new() { Name = "Leave this site quickly", Exact = true });
        await Expect(exit).ToBeVisibleAsync();
        await member.ChooseAgeGroupAsync("adult");
        var token = await member.StoredTokenAsync();

        // In a chat view on a phone: on screen at the top, and the keyboard reaches it right after the skip link.
        await member.GoToAsync("listen");
        await member.Page.EvaluateAsync("() => scrollTo(0, 0)");
        await OfferBarTests.ExpectOnScreenAsync(member.Page, exit, "Leave quickly");
        await Expect(member.Page.GetByTestId("quick-exit")).ToHaveTextAsync("Leave this site quickly");
        await Contrast.AssertAaAsync(member.Page, "the Leave quickly button");
        await Screenshots.SaveAsync(member.Page, "82-leave-quickly");
        await member.Page.Locator(".skip-link").FocusAsync();
        await member.Page.Keyboard.PressAsync("Tab");
        await Expect(exit).ToBeFocusedAsync();
        await member.Page.Keyboard.PressAsync("Enter");
        await Expect(member.Page).ToHaveURLAsync(Neutral);
        await Expect(member.Page.Locator("h1")).ToHaveTextAsync("Weather stub");
        Assert.Empty(member.Dialogs);

        // Back does not return to MatchChat (the page was replaced, not left).
        await member.Page.GoBackAsync();
        Assert.DoesNotContain(server.BaseUrl, member.Page.Url);

        // Coming back later: the same member, nothing deleted.
        await member.Page.GotoAsync(server.BaseUrl + "/");
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("my-handle")).ToHaveTextAsync(member.Handle);
        Assert.Equal(token, await member.StoredTokenAsync());
        Assert.Empty(member.ConsoleErrors);
    }

    [Fact]
    public async Task Escape_three_times_leaves_quickly_even_when_the_first_press_closes_a_dialog()
    {
        await using var member = await Member.JoinAsync(server, beforeFirstVisit: StubNeutralSiteAsync);
        await member.GoToAsync("safety");
        await member.Page.GetByTestId("delete-start").ClickAsync();
        await Expect(member.Page.GetByTestId("delete-dialog")).ToBeVisibleAsync();

        // One Escape only closes the dialog; fewer than three in 1.5 s stay.
        await member.Page.Keyboard.PressAsync("Escape");
        await Expect(member.Page.GetByTestId("delete-dialog")).ToBeHiddenAsync();
        await member.Page.WaitForTimeoutAsync(1600);
        Assert.StartsWith(server.BaseUrl, member.Page.Url);

        // Three in a row, the first closing the dialog (an outside probe needed four): the page is left.
        await member.Page.GetByTestId("delete-start").ClickAsync();
        await Expect(member.Page.GetByTestId("delete-dialog")).ToBeVisibleAsync();
        await member.Page.Keyboard.PressAsync("Escape");
        await member.Page.Keyboard.PressAsync("Escape");
        await member.Page.Keyboard.PressAsync("Escape");
        await Expect(member.Page).ToHaveURLAsync(Neutral);
        Assert.Empty(member.Dialogs);
    }

    [Fact]
    public async Task Every_dialog_has_its_own_way_out_while_the_page_behind_it_cannot_be_pressed()
    {
        await using var member = await Member.JoinAsync(server, width: 360, height: 740, beforeFirstVisit: StubNeutralSiteAsync);
        var page = member.Page;
        // Each dialog the page has, opened as it is opened (showModal): its "Exit site" is on screen and named as the header's.
        var ids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('dialog')].map((d) => d.id)");
        Assert.Contains("delete-dialog", ids);
        Assert.Contains("guide-dialog", ids);
        foreach (var id in ids)
        {
            await page.EvaluateAsync("(id) => document.getElementById(id).showModal()", id);
            var exit = page.Locator($"#{id}").GetByTestId("dialog-quick-exit");
            await Expect(exit).ToBeVisibleAsync();
            await Expect(exit).ToHaveAccessibleNameAsync("Exit site: leave this site quickly");
            await Expect(exit).ToHaveTextAsync("Exit site");
            await OfferBarTests.ExpectOnScreenAsync(page, exit, $"Exit site in {id}", 740);
            await page.EvaluateAsync("(id) => document.getElementById(id).close()", id);
        }

        // A phone on its side: the long dialogs scroll, and their way out stays in sight at every scroll position.
        await page.SetViewportSizeAsync(844, 390);
        var scrolled = 0;
        foreach (var id in ids)
        {
            var seen = await page.EvaluateAsync<double[]>(
                @"(id) => {
                    const d = document.getElementById(id);
                    d.showModal();
                    const scrolls = d.scrollHeight > d.clientHeight + 4;
                    d.scrollTop = d.scrollHeight;
                    const b = d.querySelector('.dialog-quick-exit').getBoundingClientRect(), r = d.getBoundingClientRect();
                    d.close();
                    return [scrolls ? 1 : 0, b.top - r.top, r.bottom - b.bottom, b.height];
                }", id);
            scrolled += (int)seen[0];
            Assert.True(seen[3] > 0 && seen[1] >= -1 && seen[2] >= -1, $"Exit site in {id} scrolled out of its dialog ({seen[1]:F0} px from its top)");
        }

        Assert.True(scrolled > 0, "at 844×390 at least one dialog is long enough to scroll");
        await page.SetViewportSizeAsync(360, 740);

        // From the real "Delete my data…" dialog: one press leaves, nothing asked.
        await member.GoToAsync("safety");
        await page.GetByTestId("delete-start").ClickAsync();
        await Expect(page.GetByTestId("delete-dialog")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("delete-cancel")).ToBeFocusedAsync();
        await page.Locator("#delete-dialog").GetByTestId("dialog-quick-exit").ClickAsync();
        await Expect(page).ToHaveURLAsync(Neutral);
        Assert.Empty(member.Dialogs);
    }
}
