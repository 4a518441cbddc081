namespace MatchChat.Browser.Tests;

/// <summary>
/// [network] A due check-in's button says what it does for who sent it: "Ask them to listen again" when they listened to
/// you, "Check in with them" when you listened to them (an outside browser probe: a listener got "Ask &lt;seeker&gt; again",
/// which asked the seeker to listen). A check-in whose sender has since deleted their data says so instead.
/// </summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class CheckInWordingTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_check_in_offers_the_listener_a_check_in_back_and_the_seeker_to_ask_their_listener_again()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "moved cities alone", maxChats: 2);
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "loneliness", "Wording walk: new city, no friends yet.");

        foreach (var (me, peer) in new[] { (seeker, listener), (listener, seeker) })
        {
            await me.GoToAsync("network");
            await me.Page.Locator($"[data-testid=network-candidate][data-handle='{peer.Handle}']").GetByTestId("network-add").ClickAsync();
            await Expect(me.Page.Locator($"[data-testid=network-contact][data-handle='{peer.Handle}']")).ToBeVisibleAsync();
            await me.Page.GetByTestId("checkin-when").SelectOptionAsync("1");
            await me.Page.GetByTestId("checkin-for").SelectOptionAsync(peer.Handle);
            await me.Page.GetByTestId("checkin-submit").ClickAsync();
            await Expect(me.Page.GetByTestId("checkin-scheduled")).ToContainTextAsync($"For {peer.Handle}");
        }

        var listenerDue = listener.Page.GetByTestId("checkin-due");
        await Expect(listenerDue).ToBeVisibleAsync(new() { Timeout = 100_000 });
        await Expect(listenerDue).ToContainTextAsync($"{seeker.Handle} is checking in on you.");
        await Expect(listenerDue.GetByTestId("checkin-ask-again")).ToHaveTextAsync($"Check in with {seeker.Handle}");
        var seekerDue = seeker.Page.GetByTestId("checkin-due");
        await Expect(seekerDue).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(seekerDue.GetByTestId("checkin-ask-again")).ToHaveTextAsync($"Ask {listener.Handle} to listen again");

        // The listener's button does what it says: the check-in form, set for the seeker, and no request to them.
        await listener.GoToAsync("talk");
        await listenerDue.GetByTestId("checkin-ask-again").ClickAsync();
        await Expect(listener.Page.Locator("#view-network")).ToBeVisibleAsync();
        await Expect(listener.Page.GetByTestId("checkin-for")).ToHaveValueAsync(seeker.Handle);
        await Expect(listener.Page.GetByTestId("checkin-note")).ToBeFocusedAsync();
        await Expect(listener.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("offer")).ToHaveCountAsync(0);

        await seeker.OpenChatAsync(listener.Handle);
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);

        // The listener deletes their data: the seeker's card no longer offers to ask them (it did, and said "Add them to
        // your people first" for someone gone); it says so and goes.
        await listener.DeleteMyDataAsync();
        await seeker.GoToAsync("talk");
        await seekerDue.GetByTestId("checkin-ask-again").ClickAsync();
        await Expect(seeker.Page.GetByTestId("notice-text")).ToContainTextAsync($"This check-in is no longer there: you can't reach {listener.Handle} from it any more.");
        await Expect(seeker.Page.GetByTestId("notice-text")).ToBeFocusedAsync();
        await Expect(seekerDue).ToHaveCountAsync(0);
        Assert.Empty(seeker.ConsoleErrors);
    }
}
