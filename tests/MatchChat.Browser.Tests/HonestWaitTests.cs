namespace MatchChat.Browser.Tests;

/// <summary>
/// The wait a seeker is shown is honest: when no listener of the topic is available, the page says so instead of an
/// estimate that only grows (an outside browser probe waited four minutes on "less than a minute" and "about 3 minutes").
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HonestWaitTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_seeker_is_told_plainly_that_no_listener_is_available_and_is_matched_when_one_comes()
    {
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("parenting", note: "Night feeds are wearing me down.");
        var status = seeker.Page.GetByTestId("queue-status");
        await Expect(status).ToContainTextAsync("No listener for this topic is available right now", new() { Timeout = 30_000 });
        await Expect(status).Not.ToContainTextAsync("Expected wait");

        // A reload says it again at once, not only at the queue's next broadcast (an outside probe saw "as soon as a
        // listener is free" after a reload while nobody was available).
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("talk");
        await Expect(status).ToContainTextAsync("No listener for this topic is available right now", new() { Timeout = 3_000 });

        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "night feeds, newborns");
        await Expect(listener.Page.GetByTestId("offer")).ToContainTextAsync("Night feeds are wearing me down.", new() { Timeout = 10_000 });
        await Expect(status).Not.ToContainTextAsync("No listener for this topic");

        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }
}
