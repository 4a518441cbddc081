namespace MatchChat.Browser.Tests;

/// <summary>
/// Focus after a room action (an outside probe in real Chromium: it fell to &lt;body&gt; after Apply, whatever the
/// answer, and for a member muted while typing, whose message box was disabled under them).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ModeratorFocusTests(SafetyFixture server)
{
    private const string Focused = "() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName";

    [Fact]
    public async Task Apply_keeps_the_moderators_focus_and_a_member_muted_while_typing_is_taken_to_the_mute_notice()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        await member.JoinRoomAsync("parenting");
        await member.Composer.FillAsync("half a thought");

        var result = moderator.Page.GetByTestId("room-mod-result");
        await moderator.Page.GetByTestId("room-mod-room").FillAsync("parenting");
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("mute");
        await moderator.Page.GetByTestId("room-mod-minutes").FillAsync("10");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(result).ToContainTextAsync("is muted in");
        Assert.Equal("room-mod-submit", await moderator.Page.EvaluateAsync<string>(Focused));

        await Expect(member.Composer).ToBeDisabledAsync(new() { Timeout = 10_000 });
        Assert.Equal("composer-muted", await member.Page.EvaluateAsync<string>(Focused));

        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("unmute");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(result).ToContainTextAsync("can write in");
        Assert.Equal("room-mod-submit", await moderator.Page.EvaluateAsync<string>(Focused));
        await Expect(member.Composer).ToBeEnabledAsync(new() { Timeout = 10_000 });
        Assert.Equal("composer-text", await member.Page.EvaluateAsync<string>(Focused));

        // The server says no (nobody has that handle): the answer is in the result line, focus still on Apply.
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync("NobodyHere-4040");
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("mute");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(result).ToHaveAttributeAsync("data-kind", "error");
        Assert.Equal("room-mod-submit", await moderator.Page.EvaluateAsync<string>(Focused));
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }
}
