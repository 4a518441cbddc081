namespace MatchChat.Browser.Tests;

/// <summary>
/// The peer's words in the chat header are readable whole on every size: on an upright phone the seeker's note (for
/// the listener) and the listener's bio (for the seeker) were clamped to two lines with "…", tapping did nothing and
/// "About" showed only in landscape (an outside probe: a 325-character note, 38 of 134 px shown).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeerWordsTests(MatchChatFixture server)
{
    private const string Note =
        "Peer words walk: my dad died in March and everyone around me has gone back to normal, but I still set the table " +
        "for him some nights without thinking. Work wants me back full time next week and I don't know how to say I'm " +
        "not ready. I'm not in danger, I just need someone who gets it to listen for a bit tonight.";

    private const string Bio =
        "I lost my mum three years ago after a long illness. The first year I kept her voicemail and listened to it on " +
        "bad nights. I volunteer because talking to a stranger who had been there helped me more than anything else.";

    [Fact]
    public async Task On_an_upright_phone_show_all_opens_the_whole_note_and_bio_by_keyboard()
    {
        await using var listener = await Member.JoinAsync(server, width: 390, height: 844);
        await listener.VolunteerAsync("grief", "peer words walk, lost a parent", bio: Bio);
        await using var seeker = await Member.JoinAsync(server, width: 390, height: 844);
        await seeker.TalkWithAsync(listener, "grief", Note);

        // The listener reads the seeker's whole note.
        await ExpectReadWholeAsync(listener.Page, "Their note:", Note[^40..]);
        // The seeker reads the listener's whole bio: the same header, the same way.
        await ExpectReadWholeAsync(seeker.Page, "In their words:", Bio[^40..]);
        await Screenshots.SaveAsync(listener.Page, "91-phone-whole-note-390x844");

        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(seeker.ConsoleErrors);
    }

    private static async Task ExpectReadWholeAsync(IPage page, string lead, string ending)
    {
        var text = page.GetByTestId("chat-peer-bio-text");
        await Expect(text).ToContainTextAsync(lead);
        var more = page.GetByTestId("chat-peer-bio-more");
        await Expect(more).ToBeVisibleAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.True(await IsCutAsync(text), "the words are cut short before Show all");

        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(more).ToHaveTextAsync("Show less");
        await Expect(more).ToBeFocusedAsync();
        Assert.False(await IsCutAsync(text), "the whole words show after Show all");
        await Expect(text).ToBeInViewportAsync();
        var box = await text.BoundingBoxAsync();
        var endVisible = await text.EvaluateAsync<bool>(
            "(p, ending) => { const r = document.createRange(); const t = p.firstChild; const i = t.textContent.indexOf(ending); r.setStart(t, i); r.setEnd(t, i + ending.length); const b = r.getBoundingClientRect(); return b.height > 0 && b.bottom <= innerHeight && b.bottom <= p.getBoundingClientRect().bottom + 1; }",
            ending);
        Assert.True(endVisible, $"the words' last line is on screen (box {box!.Y:F0}+{box.Height:F0})");

        await page.Keyboard.PressAsync("Space");
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.True(await IsCutAsync(text), "Show less folds them again");
    }

    private static Task<bool> IsCutAsync(ILocator text) =>
        text.EvaluateAsync<bool>("p => p.scrollHeight > p.clientHeight + 1");
}
