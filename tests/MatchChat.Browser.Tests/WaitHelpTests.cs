namespace MatchChat.Browser.Tests;

/// <summary>
/// A seeker who waits with no listener available is told, after about a minute, how long they have waited and where
/// else to turn (a topic room, crisis lines if it can't wait), and keeps their place: the same words at 30, 75, 140 and
/// 200 s told them nothing new (an outside probe).
/// </summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class WaitHelpTests(MatchChatFixture server)
{
    [Fact]
    public async Task After_a_minute_with_nobody_available_the_seeker_sees_how_long_and_where_else_to_turn()
    {
        await using var seeker = await Member.JoinAsync(server, width: 390, height: 844);
        await seeker.AskForListenerAsync("parenting", note: "Wait help walk: the baby cries all night.");
        var status = seeker.Page.GetByTestId("queue-status");
        await Expect(status).ToContainTextAsync("No listener for this topic is available right now", new() { Timeout = 30_000 });
        var help = seeker.Page.GetByTestId("talk-wait-help");
        await Expect(help).ToBeHiddenAsync();

        await Expect(help).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(seeker.Page.GetByTestId("talk-waited")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^You've waited \d+ minutes? so far, and you still have your place\.$"));
        await Expect(help.GetByTestId("talk-wait-crisis")).ToHaveAttributeAsync("href", "https://findahelpline.com");
        await Contrast.AssertAaAsync(seeker.Page, "the long-wait help");
        await Screenshots.SaveAsync(seeker.Page, "95-long-wait-help-390x844");

        // Rooms while waiting: the place is kept.
        await help.GetByTestId("talk-wait-rooms").ClickAsync();
        await Expect(seeker.Page.Locator("#view-rooms")).ToBeVisibleAsync();
        await seeker.GoToAsync("talk");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await Expect(status).ToContainTextAsync("in line");

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }
}
