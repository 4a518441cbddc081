namespace MatchChat.Browser.Tests;

/// <summary>
/// What a listener sees when the seeker they talk with writes crisis language (an outside probe in real Chromium): the
/// message that brought the care note stays on screen, the alert about another chat stays on a phone's screen, and the
/// guidance comes back after a reload.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ListenerCareInSightTests(SafetyFixture server)
{
    private const string Crisis = "I want to kill myself";

    [Fact]
    public async Task A_listener_at_the_newest_message_still_sees_it_when_the_care_note_opens_above_the_list()
    {
        await using var listener = await Member.JoinAsync(server, width: 360, height: 740);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "care in sight, toddler nights");
        await seeker.TalkWithAsync(listener, "parenting", "Care in sight: a toddler who never sleeps.");
        for (var i = 1; i <= 8; i++)
        {
            await seeker.SendAsync($"ordinary line {i}");
            await Expect(listener.Message($"ordinary line {i}")).ToHaveCountAsync(1);
        }

        await seeker.SendAsync(Crisis);
        await Expect(listener.Page.GetByTestId("peer-care")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // Give the list its time to settle (the note opening shrinks it after the message was drawn).
        await listener.Page.WaitForTimeoutAsync(500);
        await Expect(listener.Message(Crisis)).ToBeInViewportAsync();
        await Expect(listener.Page.GetByTestId("peer-care").Locator("h3")).ToBeInViewportAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task A_phone_listener_reading_one_chat_sees_the_alert_about_the_other_and_it_comes_back_after_a_reload()
    {
        await using var listener = await Member.JoinAsync(server, width: 390, height: 844);
        await using var first = await Member.JoinAsync(server);
        await using var second = await Member.JoinAsync(server);
        await listener.VolunteerAsync("parenting", "two chats in sight", maxChats: 2);
        await first.TalkWithAsync(listener, "parenting", "Two in sight: a teenager who will not talk.");
        await second.TalkWithAsync(listener, "parenting", "Two in sight: a baby and no help.");
        for (var i = 1; i <= 12; i++)
        {
            await first.SendAsync($"chat one line {i}");
        }

        // On a phone an open chat covers the list: back to "All chats", then the first chat.
        await listener.Page.GetByTestId("chat-back").ClickAsync();
        await listener.Page.GetByTestId("chat-item").Filter(new() { HasText = first.Handle }).ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-title")).ToContainTextAsync(first.Handle);
        await Expect(listener.Message("chat one line 12")).ToHaveCountAsync(1);
        // Reading at the message box, the way a phone shows an open chat: the top of the page is above the screen.
        await listener.Composer.FocusAsync();
        await listener.Page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        Assert.True(await listener.Page.EvaluateAsync<double>("() => window.scrollY") > 0, "the page should scroll on this phone");

        await second.SendAsync(Crisis);
        var alert = listener.Page.GetByTestId("care-elsewhere");
        await Expect(alert).ToContainTextAsync(second.Handle, new() { Timeout = 10_000 });
        await Expect(alert.GetByTestId("care-elsewhere-open")).ToBeInViewportAsync(new() { Ratio = 1 });
        // Under the chat's own header (Back, Exit site, Report, Block, End), not over it.
        var headerBottom = await listener.Page.EvaluateAsync<double>("() => document.querySelector('#chat .chat-header').getBoundingClientRect().bottom");
        var alertTop = await alert.EvaluateAsync<double>("box => box.getBoundingClientRect().top");
        Assert.True(alertTop >= headerBottom - 1, $"the alert ({alertTop}) should sit under the chat header ({headerBottom})");

        // After a reload the guidance is still there: the alert about the other chat, its mark, and its note.
        await listener.Page.ReloadAsync();
        await listener.ExpectConnectedAsync();
        await Expect(alert).ToContainTextAsync(second.Handle, new() { Timeout = 10_000 });
        await alert.GetByTestId("care-elsewhere-open").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-title")).ToContainTextAsync(second.Handle);
        await Expect(listener.Page.GetByTestId("peer-care")).ToBeVisibleAsync();
        await Expect(listener.Page.GetByTestId("peer-care")).ToContainTextAsync(second.Handle);
        await listener.Page.GetByTestId("chat-back").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-item").Filter(new() { HasText = second.Handle }).GetByTestId("chat-care-mark")).ToBeVisibleAsync();

        // The chat ends: nothing of its guidance comes back after the next reload.
        await second.Page.GetByTestId("chat-end").ClickAsync();
        await second.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(listener.Page.GetByTestId("chat-item").Filter(new() { HasText = second.Handle })).ToContainTextAsync("ended");
        await listener.Page.ReloadAsync();
        await listener.ExpectConnectedAsync();
        await Expect(listener.Page.GetByTestId("chat-item").Filter(new() { HasText = second.Handle })).ToContainTextAsync("ended");
        await Expect(listener.Page.GetByTestId("chat-care-mark")).ToHaveCountAsync(0);
        await Expect(alert).ToBeHiddenAsync();
        Assert.Null(await listener.Page.EvaluateAsync<string?>("() => Object.keys(localStorage).find(k => k.endsWith('.peerCare') && localStorage.getItem(k).includes('\"guidance\"')) ?? null"));
    }

    [Fact]
    public async Task On_a_phone_on_its_side_the_care_note_shows_its_first_words_of_guidance_not_only_its_heading()
    {
        await using var listener = await Member.JoinAsync(server, width: 844, height: 390);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "care on its side, panic at night");
        await seeker.TalkWithAsync(listener, "anxiety", "Care on its side: panic every night at two.");
        await seeker.SendAsync(Crisis);
        var note = listener.Page.GetByTestId("peer-care");
        await Expect(note).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The note's box (it scrolls if long): the heading and at least a line of the guidance under it, unscrolled.
        var gap = await listener.Page.EvaluateAsync<double>(
            "() => { const box = document.getElementById('peer-care').getBoundingClientRect(); const p = document.querySelector('#peer-care .peer-care > p').getBoundingClientRect(); return box.bottom - p.top; }");
        Assert.True(gap >= 20, $"only {gap:F0}px of the guidance shows in the note's box");
        await Expect(listener.Composer).ToBeInViewportAsync();
        await listener.StopListeningAsync();
    }
}
