namespace MatchChat.Browser.Tests;

/// <summary>
/// Other scripts and languages on the page: a Hebrew or Arabic message (and what is typed) lays out right to left
/// (<c>dir="auto"</c>), and a crisis line's own words carry their language (<c>lang</c>) inside the page's English, so a
/// screen reader reads them with the right voice (an outside browser probe: both were missing).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class RtlAndLanguageTests(SafetyFixture server)
{
    private const string Hebrew = "מה שלומך היום?";
    private const string Arabic = "أنا خائف جدا!";

    [Fact]
    public async Task Hebrew_and_Arabic_messages_and_what_is_typed_lay_out_right_to_left_in_chats_and_rooms()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "rtl walk, moved abroad");
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "loneliness", "RTL walk: I moved to Haifa and know nobody.");

        // A conversation: the bubble on both pages (the writer's once sent), and the composer while typing.
        await seeker.SendAsync(Hebrew);
        await Expect(seeker.Message(Hebrew)).ToHaveAttributeAsync("data-state", "sent");
        await ExpectRightToLeftAsync(seeker.Message(Hebrew).GetByTestId("message-text"));
        await ExpectRightToLeftAsync(listener.Message(Hebrew).GetByTestId("message-text"));
        await listener.Composer.FillAsync(Arabic);
        await ExpectRightToLeftAsync(listener.Composer);
        await listener.Composer.PressAsync("Enter");
        await ExpectRightToLeftAsync(seeker.Message(Arabic).GetByTestId("message-text"));

        // English stays left to right.
        await seeker.SendAsync("Thank you, that helps.");
        await Expect(listener.Message("Thank you, that helps.").GetByTestId("message-text")).ToHaveAttributeAsync("dir", "auto");
        Assert.Equal("ltr", await listener.Message("Thank you, that helps.").GetByTestId("message-text").EvaluateAsync<string>("n => getComputedStyle(n).direction"));

        // A room.
        await seeker.JoinRoomAsync("depression");
        await listener.JoinRoomAsync("depression");
        await seeker.SendAsync(Arabic);
        await ExpectRightToLeftAsync(listener.Message(Arabic).GetByTestId("message-text"));

        // The other places people write freely.
        foreach (var field in new[] { "talk-note", "listen-bio", "report-reason", "checkin-note", "thanks-note", "composer-text" })
        {
            await Expect(seeker.Page.GetByTestId(field)).ToHaveAttributeAsync("dir", "auto");
        }

        await seeker.Page.GetByTestId("chat-leave").ClickAsync();
        await listener.Page.GetByTestId("chat-leave").ClickAsync();
        await seeker.OpenChatAsync(listener.Handle);
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
        Assert.Empty(seeker.ConsoleErrors);
        Assert.Empty(listener.ConsoleErrors);
    }

    [Theory]
    [InlineData("de-DE", "Europe/Berlin", "de", "TelefonSeelsorge")]
    [InlineData("fr-FR", "Europe/Paris", "fr", "Appelez le 3114")]
    public async Task The_footers_local_line_carries_its_language_inside_the_english_sentence(string locale, string timeZone, string lang, string words)
    {
        await using var visitor = await Member.OpenAsync(server, locale: locale, timeZone: timeZone);
        var local = visitor.Page.GetByTestId("footer-local");
        await Expect(local).ToBeVisibleAsync();
        var call = local.GetByTestId("footer-call");
        await Expect(call).ToContainTextAsync(words);
        await Expect(call).ToHaveAttributeAsync("lang", lang);

        // Every word of the line's own is marked; the English around it ("In danger now?", "or") is not.
        var unmarked = await local.EvaluateAsync<string>(
            "slot => [...slot.querySelectorAll('*')].filter(n => !n.closest('[lang]') || n.closest('[lang]') === document.documentElement).map(n => n.textContent).join('|')");
        Assert.Equal("", unmarked);
        Assert.Null(await local.GetAttributeAsync("lang"));
        Assert.Equal("en", await visitor.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        if (lang == "fr")
        {
            await Expect(local.GetByTestId("footer-line-name")).ToHaveAttributeAsync("lang", "fr");
        }
    }

    [Fact]
    public async Task Each_crisis_support_entry_marks_its_own_words_with_the_resources_language()
    {
        await using var seeker = await Member.JoinAsync(server, locale: "fr-FR", timeZone: "Europe/Paris");
        await seeker.AskForListenerAsync("loneliness", note: "Je veux mourir, I want to kill myself tonight");
        var care = seeker.Page.GetByTestId("care");
        await Expect(care).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var french = care.GetByTestId("care-resource").Filter(new() { HasText = "3114" });
        await Expect(french).ToHaveCountAsync(1);
        await Expect(french.Locator(".care-name")).ToHaveAttributeAsync("lang", "fr");
        await Expect(french.GetByTestId("care-call")).ToHaveAttributeAsync("lang", "fr");
        await Expect(french.GetByTestId("care-call")).ToHaveTextAsync("Appelez le 3114");
        // The page's own words in the entry ("Website") stay English.
        Assert.Null(await french.GetByTestId("care-link").EvaluateAsync<string?>("a => a.closest('[lang]') === document.documentElement ? null : a.closest('[lang]')?.lang ?? null"));

        // An English line (the worldwide directory) is English.
        var directory = care.GetByTestId("care-resource").Filter(new() { HasText = "Find A Helpline" });
        await Expect(directory.Locator(".care-name")).ToHaveAttributeAsync("lang", "en");

        await seeker.Page.GetByTestId("care-close").ClickAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }

    private static async Task ExpectRightToLeftAsync(ILocator text)
    {
        await Expect(text).ToHaveAttributeAsync("dir", "auto");
        Assert.Equal("rtl", await text.EvaluateAsync<string>("n => getComputedStyle(n).direction"));
    }
}
