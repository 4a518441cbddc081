namespace MatchChat.Browser.Tests;

/// <summary>
/// A moderator approving teen listeners by keyboard keeps their place: "Approve" took its row away and focus fell to
/// the page (an outside probe). It goes to the next one's Approve, else the waiting list's heading.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ModeratorTeenFocusTests(SafetyFixture server)
{
    [Fact]
    public async Task Approve_by_keyboard_moves_focus_to_the_next_approve_then_to_the_lists_heading()
    {
        await using var first = await Member.JoinAsync(server);
        await first.VolunteerAsync("stress", "approve focus walk, exams", acceptsTeens: true);
        await first.StopListeningAsync();
        await using var second = await Member.JoinAsync(server);
        await second.VolunteerAsync("stress", "approve focus walk two, exams", acceptsTeens: true);
        await second.StopListeningAsync();
        await using var moderator = await server.ModeratorAsync();
        await moderator.GoToAsync("moderate");

        var approves = moderator.Page.GetByTestId("teen-waiting-approve");
        var mine = moderator.Page.Locator($"[data-testid=teen-waiting-entry][data-handle='{first.Handle}']").GetByTestId("teen-waiting-approve");
        await Expect(mine).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(moderator.Page.Locator($"[data-testid=teen-waiting-entry][data-handle='{second.Handle}']")).ToBeVisibleAsync();
        await mine.FocusAsync();
        await moderator.Page.Keyboard.PressAsync("Enter");
        await Expect(moderator.Page.GetByTestId("teen-result")).ToHaveTextAsync($"{first.Handle} may now be offered chats with 13 to 17 year olds.");
        await Expect(moderator.Page.Locator($"[data-testid=teen-waiting-entry][data-handle='{first.Handle}']")).ToHaveCountAsync(0);
        await KeyboardFocusTests.ExpectFocusedAsync(moderator.Page, "[data-testid=teen-waiting-approve]");

        // The rest (this one's second listener, and any left by others) by Enter alone: then the list's heading.
        for (var left = await approves.CountAsync(); left > 0; left = await approves.CountAsync())
        {
            await moderator.Page.Keyboard.PressAsync("Enter");
            await Expect(approves).ToHaveCountAsync(left - 1);
        }

        await KeyboardFocusTests.ExpectFocusedAsync(moderator.Page, "#teen-waiting-title");
        Assert.Empty(moderator.ConsoleErrors);
    }
}
