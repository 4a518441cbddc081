namespace MatchChat.Browser.Tests;

/// <summary>
/// Two moderators on duty: an alert one of them acknowledges leaves the other's open list at once (not at the console's
/// 30-second re-read, when both may already have reached out), and a note being typed in another alert's card survives
/// the list being redrawn.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class AlertTeamworkTests(SafetyFixture server)
{
    private const string Crisis = "I want to kill myself";

    [Fact]
    public async Task An_alert_one_moderator_acknowledges_leaves_the_others_open_list_at_once_and_keeps_their_typed_note()
    {
        await using var first = await server.ModeratorAsync();
        await using var second = await server.ModeratorAsync();
        await using var seeker = await Member.JoinAsync(server);
        await using var other = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("parenting", note: Crisis);
        await other.AskForListenerAsync("parenting", note: Crisis);

        var taken = second.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        var waiting = second.Page.GetByTestId("alert").Filter(new() { HasText = other.Handle });
        await Expect(taken.GetByTestId("alert-acknowledge")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(waiting.GetByTestId("alert-acknowledge")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var badge = second.Page.GetByTestId("moderate-alerts-badge");
        var openBefore = await second.Page.Locator("#alert-list > li.alert-card.open").CountAsync();
        const string typing = "Messaging them now";
        await waiting.GetByTestId("alert-note").FillAsync(typing);

        var firstCard = first.Page.GetByTestId("alert").Filter(new() { HasText = seeker.Handle });
        await firstCard.GetByTestId("alert-acknowledge").ClickAsync(new() { Timeout = 30_000 });
        await Expect(firstCard.GetByTestId("alert-status")).ToContainTextAsync($"acknowledged by {first.Handle}");

        // Well before the console's 30-second re-read.
        await Expect(taken.GetByTestId("alert-status")).ToContainTextAsync($"acknowledged by {first.Handle}", new() { Timeout = 8_000 });
        await Expect(taken.GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);
        await Expect(second.Page.Locator("#alert-list > li.alert-card.open")).ToHaveCountAsync(openBefore - 1);
        await Expect(badge).ToContainTextAsync($"{openBefore - 1} open crisis alert");
        await Expect(second.Page.Locator("#announcer")).ToContainTextAsync($"acknowledged by {first.Handle}");

        // The note being typed in the other alert's card, and the place, are kept.
        await Expect(waiting.GetByTestId("alert-note")).ToHaveValueAsync(typing);
        await Expect(waiting.GetByTestId("alert-note")).ToBeFocusedAsync();
        Assert.Empty(first.ConsoleErrors);
        Assert.Empty(second.ConsoleErrors);

        // The later tests' parenting listeners are not offered these two first.
        foreach (var member in new[] { seeker, other })
        {
            await member.Page.GetByTestId("talk-cancel").ClickAsync();
            await Expect(member.Page.GetByTestId("talk-submit")).ToBeVisibleAsync();
        }
    }
}
