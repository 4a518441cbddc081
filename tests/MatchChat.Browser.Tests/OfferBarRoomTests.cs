namespace MatchChat.Browser.Tests;

/// <summary>
/// The offer bar does not hide the open chat's messages: at 390×844 it lay over the chat's only message for up to 30 s
/// (the message pane could not scroll it out) and Shift+Tab from the composer went to that message's Report and Block
/// under the bar (an outside probe). While it shows, the messages start below it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfferBarRoomTests(MatchChatFixture server)
{
    [Fact]
    public async Task On_a_phone_the_offer_bar_leaves_the_chats_messages_and_their_actions_uncovered()
    {
        await using var listener = await Member.JoinAsync(server, width: 390, height: 844);
        await listener.VolunteerAsync("parenting", "offer room walk, toddlers", maxChats: 2);
        await using var first = await Member.JoinAsync(server);
        await first.TalkWithAsync(listener, "parenting", "Offer room walk: my toddler hasn't slept through in months.");
        const string text = "Offer room walk: first message from the seeker, the only one in this chat.";
        await first.SendAsync(text);
        var message = listener.Message(text);
        await Expect(message).ToHaveCountAsync(1);

        await using var second = await Member.JoinAsync(server);
        await second.AskForListenerAsync("parenting", note: "Offer room walk two: school refusal every morning.");
        var bar = listener.Page.GetByTestId("offer-bar");
        await Expect(bar).ToBeVisibleAsync();
        await listener.Page.WaitForTimeoutAsync(700);

        var barBox = await bar.BoundingBoxAsync();
        var box = await message.BoundingBoxAsync();
        Assert.True(box!.Y >= barBox!.Y + barBox.Height - 1, $"the message ({box.Y:F0}) starts below the bar (its bottom {barBox.Y + barBox.Height:F0})");
        await Expect(message).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(listener.Composer).ToBeInViewportAsync();

        // Shift+Tab from the composer reaches the message's actions where they can be seen, not under the bar.
        await listener.Composer.FocusAsync();
        for (var i = 0; i < 6; i++)
        {
            await listener.Page.Keyboard.PressAsync("Shift+Tab");
            var covered = await listener.Page.EvaluateAsync<string>(
                @"() => { const a = document.activeElement; if (!a || !a.closest('#messages')) return '';
                   const r = a.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return a.contains(at) ? '' : (a.dataset.testid || a.tagName) + ' under ' + (at?.closest('[id]')?.id ?? 'nothing'); }");
            Assert.True(covered.Length == 0, $"focus went to {covered}");
        }

        await Screenshots.SaveAsync(listener.Page, "94-offer-bar-leaves-messages-390x844");
        await second.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(bar.GetByTestId("offer-bar-offer")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
    }
}
