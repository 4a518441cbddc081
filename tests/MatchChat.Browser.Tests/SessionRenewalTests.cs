namespace MatchChat.Browser.Tests;

/// <summary>
/// A page whose saved token is near its end renews it (POST /api/members/me/token) when it opens, so a member who keeps
/// coming back is still themself after the token's 30 days (an outside probe: no token could be renewed).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionRenewalTests(MatchChatFixture server)
{
    [Fact]
    public async Task A_token_with_a_few_days_left_is_renewed_for_the_same_member_when_the_page_opens()
    {
        await using var member = await Member.JoinAsync(server);
        await member.ExpectConnectedAsync();
        var saved = await SavedAsync(member);
        var firstToken = saved.Token;
        Assert.True(saved.ExpiresAt > DateTime.UtcNow.AddDays(20), "a fresh session should have weeks left");

        // Three days left, as a member who last came back four weeks ago: the page renews on its next opening.
        await member.Page.EvaluateAsync("""
            () => { const s = JSON.parse(localStorage.getItem("matchchat.session"));
                    s.expiresAt = new Date(Date.now() + 3 * 86400000).toISOString();
                    localStorage.setItem("matchchat.session", JSON.stringify(s)); }
            """);
        await Task.Delay(1100); // expiries are whole seconds: a renewal now makes a different token
        await member.Page.ReloadAsync();
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("my-handle")).ToHaveTextAsync(member.Handle);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var renewed = await SavedAsync(member);
        while (renewed.ExpiresAt < DateTime.UtcNow.AddDays(20) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            renewed = await SavedAsync(member);
        }

        Assert.True(renewed.ExpiresAt > DateTime.UtcNow.AddDays(20), $"the saved session still ends {renewed.ExpiresAt:O}");
        Assert.NotEqual(firstToken, renewed.Token);
        Assert.Empty(member.ConsoleErrors);
    }

    private static async Task<(string Token, DateTime ExpiresAt)> SavedAsync(Member member)
    {
        var json = await member.Page.EvaluateAsync<string>("() => localStorage.getItem('matchchat.session')");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("token").GetString()!,
            DateTime.Parse(doc.RootElement.GetProperty("expiresAt").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime());
    }
}
