namespace MatchChat.Browser.Tests;

/// <summary>
/// The crisis lines a new member's support card names follow where the browser is (region.js): a language tag's region,
/// else the clock's zone, else only the lines for everywhere. The server's default region (US) named 988 to a browser
/// that said "de" with a Berlin clock, and to "en-US" with an Indian one (an outside browser probe).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class CrisisLinesByRegionTests(SafetyFixture server)
{
    [Theory]
    [InlineData("de", "Europe/Berlin", "TelefonSeelsorge", "988")]
    [InlineData("en-US", "Asia/Kolkata", "Find A Helpline", "988")]
    [InlineData("en-US", "America/Chicago", "988", "Samaritans")]
    public async Task A_crisis_note_names_the_lines_of_where_the_browser_is(string locale, string timeZone, string named, string notNamed)
    {
        await using var seeker = await Member.JoinAsync(server, locale: locale, timeZone: timeZone);
        await seeker.AskForListenerAsync("relationships", note: "I want to kill myself tonight");

        var care = seeker.Page.GetByTestId("care");
        await Expect(care).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(care).ToContainTextAsync(named);
        await Expect(care).Not.ToContainTextAsync(notNamed);
        await seeker.Page.GetByTestId("care-close").ClickAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_spanish_note_is_answered_in_spanish_marked_as_spanish_for_screen_readers()
    {
        await using var seeker = await Member.JoinAsync(server, locale: "es-ES", timeZone: "Europe/Madrid");
        await seeker.AskForListenerAsync("relationships", note: "no puedo más, quiero morirme esta noche");

        var message = seeker.Page.GetByTestId("care-message");
        await Expect(message).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(message).ToContainTextAsync("Parece que estás pasando por algo muy doloroso");
        await Expect(message).ToHaveAttributeAsync("lang", "es");
        await Expect(seeker.Page.GetByTestId("care")).ToContainTextAsync("024");
        await seeker.Page.GetByTestId("care-close").ClickAsync();
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeHiddenAsync();
    }
}
