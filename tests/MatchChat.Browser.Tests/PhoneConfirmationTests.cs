namespace MatchChat.Browser.Tests;

/// <summary>
/// A report's thanks and a block's confirmation on a phone. Not with the safety tests: its reports would stay open there
/// and change the moderator's count that ReportAndBlockTests reads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneConfirmationTests(MatchChatFixture server)
{
    /// <summary>
    /// On a phone the confirmation of a report, and of a block, is seen: it was placed above the chat, off screen, while
    /// focus went back to "Report" or the chat's title, and the report's unbroken reference pushed "Dismiss" past the
    /// right edge and the page to 432 px at 360 (an outside probe). Focus moves to it, it is on screen, and it wraps.
    /// </summary>
    [Theory]
    [InlineData(360, 740)]
    [InlineData(390, 844)]
    public async Task On_a_phone_the_confirmation_of_a_report_and_of_a_block_is_on_screen_and_focused(int width, int height)
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("relationships", $"phone report walk {width}, breakup");
        await using var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.TalkWithAsync(listener, "relationships", $"Phone report walk {width}: we broke up last week.");
        for (var i = 1; i <= 3; i++)
        {
            await listener.SendAsync($"Phone report walk line {i}.");
            await Expect(seeker.Message($"Phone report walk line {i}.")).ToHaveCountAsync(1);
        }

        await seeker.Page.GetByTestId("chat-report").ClickAsync();
        await seeker.Page.GetByTestId("report-category-harassment").CheckAsync();
        await seeker.Page.GetByTestId("report-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("report-dialog")).ToBeHiddenAsync();
        var text = seeker.Page.Locator("#notice-text");
        await Expect(text).ToContainTextAsync("Reference: ");
        await ExpectConfirmationSeenAsync(seeker, text, width, height, "the report's thanks");
        await Screenshots.SaveAsync(seeker.Page, $"86-report-thanks-{width}x{height}");

        await seeker.Page.EvaluateAsync("() => scrollTo(0, document.documentElement.scrollHeight)");
        await seeker.Page.GetByTestId("chat-block").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(text).ToContainTextAsync($"You blocked {listener.Handle}.");
        await ExpectConfirmationSeenAsync(seeker, text, width, height, "the block's confirmation");
        // Dismissed: focus stays on the page (the chat), not on <body> (a review).
        await seeker.Page.Locator("#notice-close").ClickAsync();
        await Expect(seeker.Page.GetByTestId("notice")).ToBeHiddenAsync();
        Assert.False(await seeker.Page.EvaluateAsync<bool>("() => document.activeElement === document.body"), "focus after Dismiss is not on the page body");
        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    private static async Task ExpectConfirmationSeenAsync(Member member, ILocator text, int width, int height, string what)
    {
        await Expect(text).ToBeFocusedAsync();
        await member.Page.WaitForTimeoutAsync(200);
        await OfferBarTests.ExpectOnScreenAsync(member.Page, member.Page.GetByTestId("notice"), what, height);
        var dismiss = await member.Page.Locator("#notice-close").BoundingBoxAsync();
        Assert.True(dismiss!.X >= 0 && dismiss.X + dismiss.Width <= width, $"Dismiss is at {dismiss.X:F0}+{dismiss.Width:F0} of {width}");
        Assert.False(await member.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), $"no sideways scrolling with {what}");
    }
}
