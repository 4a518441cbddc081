namespace MatchChat.Browser.Tests;

/// <summary>
/// A page that last saw its member suspended asks the standing endpoint before the hub when it loads again, so a reload
/// shows the suspension without a refused hub connection (an outside probe: a 401 on negotiate and SignalR error lines
/// with the server's problem JSON in the console). Once the suspension is lifted the page connects as before.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class SuspendedReloadTests(SafetyFixture server)
{
    [Fact]
    public async Task A_suspended_members_reload_asks_the_standing_first_and_logs_no_errors()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        await moderator.Page.GetByTestId("suspend-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("suspend-minutes").FillAsync("60");
        await moderator.Page.GetByTestId("suspend-reason").FillAsync("Reload walk.");
        await moderator.Page.GetByTestId("suspend-submit").ClickAsync();
        var title = member.Page.GetByTestId("suspended-title");
        await Expect(title).ToContainTextAsync("A moderator has suspended your account until");

        var hubCalls = new List<string>();
        member.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/hubs/chat", StringComparison.Ordinal))
            {
                lock (hubCalls)
                {
                    hubCalls.Add(request.Url);
                }
            }
        };
        lock (member.ConsoleErrors)
        {
            member.ConsoleErrors.Clear();
        }

        await member.Page.ReloadAsync();
        await Expect(title).ToContainTextAsync("A moderator has suspended your account until");
        await Expect(member.Page.GetByTestId("suspended-reason")).ToHaveTextAsync("Reload walk.");
        await member.Page.WaitForTimeoutAsync(1000);
        lock (hubCalls)
        {
            Assert.Empty(hubCalls);
        }

        Assert.Empty(member.ConsoleErrors);

        // Lifted: "Try again" connects as the same member, and the next load connects at once.
        await moderator.Page.GetByTestId("unsuspend").ClickAsync();
        await Expect(moderator.Page.GetByTestId("suspend-result")).ToHaveTextAsync($"{member.Handle}'s suspension is lifted.");
        await member.Page.GetByTestId("suspended-retry").ClickAsync();
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("my-handle")).ToHaveTextAsync(member.Handle);
        Assert.False(await member.Page.EvaluateAsync<bool>(
            "() => Object.keys(localStorage).some(k => k.endsWith('.suspended') && localStorage.getItem(k) === 'true')"), "the page no longer thinks it is suspended");
        Assert.Empty(member.ConsoleErrors);
    }
}
