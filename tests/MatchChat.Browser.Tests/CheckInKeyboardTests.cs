using System.Text.RegularExpressions;

namespace MatchChat.Browser.Tests;

/// <summary>
/// [network] Check-ins by keyboard: each "Cancel" names its check-in (all were "Cancel"), and cancelling one does not
/// land on the next one's Cancel, where a second Enter cancels another; "Thanks" on a due card moves focus to the next
/// card's Thanks, else back to the view (focus fell to the page: an outside probe).
/// </summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class CheckInKeyboardTests(MatchChatFixture server)
{
    [Fact]
    public async Task Each_cancel_names_its_check_in_and_a_second_enter_cancels_nothing_more()
    {
        var (listener, seeker) = await CheckInWalk.ChatAsync(server, "anxiety", "Cancel walk", 1280, 860);
        await using var _ = listener;
        await using var __ = seeker;
        await CheckInWalk.AddAsync(seeker, listener);
        await CheckInWalk.ScheduleAsync(seeker, listener, "30", "Cancel walk one");
        await CheckInWalk.ScheduleAsync(seeker, null, "60", "Cancel walk two");

        var cancels = seeker.Page.GetByTestId("checkin-cancel");
        await Expect(cancels).ToHaveCountAsync(2);
        await Expect(cancels.Nth(0)).ToHaveAccessibleNameAsync(new Regex($"^Cancel the check-in for {listener.Handle}, today at .+"));
        await Expect(cancels.Nth(1)).ToHaveAccessibleNameAsync(new Regex("^Cancel the check-in for you, today at .+"));

        await cancels.Nth(0).FocusAsync();
        await seeker.Page.Keyboard.PressAsync("Enter");
        await Expect(cancels).ToHaveCountAsync(1);
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#checkins-title");
        // A second Enter (a double press) cancels nothing more.
        await seeker.Page.Keyboard.PressAsync("Enter");
        await seeker.Page.WaitForTimeoutAsync(500);
        await Expect(cancels).ToHaveCountAsync(1);
        await Expect(seeker.Page.GetByTestId("checkin-scheduled")).ToContainTextAsync("Cancel walk two");

        await cancels.First.ClickAsync();
        await Expect(cancels).ToHaveCountAsync(0);
        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    [Fact]
    public async Task Thanks_on_a_due_check_in_by_keyboard_moves_focus_to_the_next_one_then_back_to_the_view()
    {
        var (listener, seeker) = await CheckInWalk.ChatAsync(server, "depression", "Thanks focus walk", 1280, 860);
        await using var _ = listener;
        await using var __ = seeker;
        await seeker.GoToAsync("network");
        await CheckInWalk.ScheduleAsync(seeker, null, "1", "Thanks focus one");
        await CheckInWalk.ScheduleAsync(seeker, null, "1", "Thanks focus two");
        var due = seeker.Page.GetByTestId("checkin-due");
        await Expect(due).ToHaveCountAsync(2, new() { Timeout = 100_000 });

        await due.Nth(0).GetByTestId("checkin-dismiss").FocusAsync();
        await seeker.Page.Keyboard.PressAsync("Enter");
        await Expect(due).ToHaveCountAsync(1);
        await Expect(due.GetByTestId("checkin-dismiss")).ToBeFocusedAsync();

        await seeker.Page.Keyboard.PressAsync("Enter");
        await Expect(due).ToHaveCountAsync(0);
        await KeyboardFocusTests.ExpectFocusedAsync(seeker.Page, "#network-title");

        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }
}
