using Xunit.Abstractions;

namespace MatchChat.Browser.Tests;

/// <summary>[network] "Your people": adding the person you talked with, a check-in from them, and "Ask them again" in one tap.</summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class NetworkTests(MatchChatFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task A_seeker_adds_their_listener_gets_a_check_in_from_them_and_asks_them_again_in_one_tap()
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            await CheckInJourney();
        }
        catch (Exception)
        {
            // What the server did meanwhile (the inbox's timer, the member's presence, the push), to read a failure by.
            output.WriteLine("Server log since the test began:" + Environment.NewLine + server.ServerLog.Since(started));
            throw;
        }
    }

    private async Task CheckInJourney()
    {
        await using var friend = await Member.JoinAsync(server);
        await friend.VolunteerAsync("grief", "lost a parent", maxChats: 2);
        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("grief", "lost a parent", "My mum died in March and I keep calling her number.");
        await friend.AcceptOfferAsync();
        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(friend.Handle);

        // Both keep each other: from "People you talked with".
        foreach (var (me, peer) in new[] { (seeker, friend), (friend, seeker) })
        {
            await me.GoToAsync("network");
            var candidate = me.Page.Locator($"[data-testid=network-candidate][data-handle='{peer.Handle}']");
            await candidate.GetByTestId("network-add").ClickAsync();
            await Expect(me.Page.Locator($"[data-testid=network-contact][data-handle='{peer.Handle}']")).ToBeVisibleAsync();
            // Their row is gone and nobody else is to add: focus on the trusted contacts, where they are now, not the page.
            await KeyboardFocusTests.ExpectFocusedAsync(me.Page, "#people-title");
        }

        var contact = seeker.Page.Locator($"[data-testid=network-contact][data-handle='{friend.Handle}']");
        await Expect(contact.GetByTestId("network-status")).ToHaveTextAsync("Available now · Grief and loss");
        await Expect(seeker.Page.GetByTestId("network-candidates").Locator("li")).ToHaveCountAsync(0);

        // The seeker schedules a check-in for themself; the friend one for the seeker, in a minute.
        await seeker.Page.GetByTestId("checkin-note").FillAsync("Call the GP about sleep.");
        await seeker.Page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("checkin-scheduled")).ToContainTextAsync("For me");
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "[data-testid=checkin-submit]");
        await Contrast.AssertAaAsync(seeker.Page, "your people");
        await Screenshots.SaveAsync(seeker.Page, "31-network-your-people");

        await friend.Page.GetByTestId("checkin-when").SelectOptionAsync("1");
        await friend.Page.GetByTestId("checkin-for").SelectOptionAsync(seeker.Handle);
        await friend.Page.GetByTestId("checkin-note").FillAsync("How did the first week back at work go?");
        await friend.Page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(friend.Page.GetByTestId("checkin-scheduled")).ToContainTextAsync($"For {seeker.Handle}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var due = seeker.Page.GetByTestId("checkin-due");
        await Expect(due).ToBeVisibleAsync(new() { Timeout = 100_000 });
        output.WriteLine($"Check-in shown {clock.Elapsed.TotalSeconds:F1} s after it was scheduled for one minute");
        await Expect(due).ToContainTextAsync($"{friend.Handle} is checking in on you.");
        await Expect(due.GetByTestId("checkin-due-note")).ToHaveTextAsync("How did the first week back at work go?");
        await Expect(due).ToHaveCountAsync(1);
        await Contrast.AssertAaAsync(seeker.Page, "a check-in");
        await Screenshots.SaveAsync(seeker.Page, "32-network-check-in");

        // One tap: a request on the topic they share, offered to the friend first (after their first chat ended: while it
        // is open, asking them again is refused with a pointer to it, stop 59).
        await seeker.OpenChatAsync(friend.Handle);
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await seeker.GoToAsync("network");
        await due.GetByTestId("checkin-ask-again").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        var offer = friend.Page.GetByTestId("offer");
        await Expect(offer).ToBeVisibleAsync();
        await Screenshots.SaveAsync(friend.Page, "33-network-asked-again");

        // A reload shows the check-in no more (each id once).
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("network");
        await Expect(seeker.Page.GetByTestId("checkin-scheduled")).ToHaveCountAsync(1);
        await Expect(seeker.Page.GetByTestId("checkin-due")).ToHaveCountAsync(0);

        // Cancel and Remove take their row away: focus goes to the section's heading, not to the page (an outside probe).
        await seeker.Page.GetByTestId("checkin-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("checkin-scheduled")).ToHaveCountAsync(0);
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#checkins-title");
        await contact.GetByTestId("network-remove").ClickAsync();
        await Expect(contact).ToHaveCountAsync(0);
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#people-title");
        Assert.Empty(seeker.ConsoleErrors);
    }
}
