namespace MatchChat.Browser.Tests;

/// <summary>
/// [network] A check-in's note wraps like a message: a long word and right-to-left text widened the page to 1344 px
/// and the RTL text went off the screen, on the receiver's due card and in the sender's list of check-ins (an outside
/// probe).
/// </summary>
[Collection(NetworkBrowserCollection.Name)]
public sealed class CheckInNoteWrapTests(MatchChatFixture server)
{
    private const string Long = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    private const string Note = "שלום, איך אתה מרגיש היום? " + Long + Long + Long;

    [Fact]
    public async Task A_long_or_right_to_left_check_in_note_wraps_on_a_phone()
    {
        var (listener, seeker) = await CheckInWalk.ChatAsync(server, "stress", "Note wrap walk", 390, 844);
        await using var _ = listener;
        await using var __ = seeker;
        await CheckInWalk.AddAsync(seeker, listener);
        await CheckInWalk.AddAsync(listener, seeker);
        await CheckInWalk.ScheduleAsync(seeker, listener, "1", Note);

        // The sender's list.
        var listed = seeker.Page.GetByTestId("checkin-scheduled-note");
        await Expect(listed).ToHaveTextAsync(Note);
        await Expect(listed).ToHaveAttributeAsync("dir", "auto");
        await CheckInWalk.ExpectNoSidewaysScrollAsync(seeker.Page, "the sender's check-ins");
        await ExpectWithinScreenAsync(seeker.Page, listed, 390);

        // The receiver's card.
        await listener.GoToAsync("network");
        var note = listener.Page.GetByTestId("checkin-due-note");
        await Expect(note).ToBeVisibleAsync(new() { Timeout = 100_000 });
        await Expect(note).ToHaveTextAsync(Note);
        await CheckInWalk.ExpectNoSidewaysScrollAsync(listener.Page, "the receiver's check-in card");
        await ExpectWithinScreenAsync(listener.Page, note, 390);
        await Screenshots.SaveAsync(listener.Page, "92-check-in-note-wraps-390x844");

        await listener.StopListeningAsync();
        Assert.Empty(listener.ConsoleErrors);
        Assert.Empty(seeker.ConsoleErrors);
    }

    /// <summary>The note's box and its right-to-left words (the start of its text) are inside the screen's width.</summary>
    private static async Task ExpectWithinScreenAsync(IPage page, ILocator note, int width)
    {
        await note.ScrollIntoViewIfNeededAsync();
        var box = await note.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= width, $"the note is at {box.X:F0}+{box.Width:F0} of {width}");
        var rtl = await note.EvaluateAsync<double[]>(
            "n => { const r = document.createRange(); r.setStart(n.firstChild, 0); r.setEnd(n.firstChild, 4); const b = r.getBoundingClientRect(); return [b.left, b.right]; }");
        Assert.True(rtl[0] >= 0 && rtl[1] <= width, $"the Hebrew words are on screen ({rtl[0]:F0}..{rtl[1]:F0} of {width})");
    }
}
