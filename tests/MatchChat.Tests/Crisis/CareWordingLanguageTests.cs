using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// The crisis events speak the reader's language over real WebSockets: the writer's support message in the language
/// they wrote in (else their member language), the peer's guidance in the peer's member language, English otherwise.
/// </summary>
public sealed class CareWordingLanguageTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_spanish_crisis_message_is_answered_in_spanish_and_a_german_listener_is_guided_in_german()
    {
        await using var seeker = await server.NewMember(language: "es");
        await using var listener = await server.NewMember(language: "de");
        var (conversation, _) = await Journeys.Match(seeker, listener, "t76");

        await seeker.Send(conversation.Channel, "ya no aguanto más, quiero morirme esta noche");

        var resources = await seeker.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal(("crisis", "es"), (resources.Level, resources.Language));
        Assert.StartsWith("Parece que estás pasando por algo muy doloroso", resources.Message, StringComparison.Ordinal);
        var care = await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare");
        Assert.Equal("de", care.Language);
        Assert.StartsWith("Dein Gegenüber ist möglicherweise in einer Krise.", care.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_written_in_wins_over_the_member_language_and_an_untranslated_one_gets_english()
    {
        // An English browser, a French note: answered in French.
        await using var writesFrench = await server.NewMember(language: "en");
        await writesFrench.Request("t77", note: "je veux mourir, je ne peux plus continuer comme ça");
        var french = await writesFrench.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal("fr", french.Language);
        Assert.StartsWith("On dirait que vous traversez", french.Message, StringComparison.Ordinal);

        // A Portuguese member writing in English: answered in English, the language they wrote in.
        await using var writesEnglish = await server.NewMember(language: "pt");
        await writesEnglish.Request("t77", note: "I want to kill myself tonight, I can't do this anymore");
        var english = await writesEnglish.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal(("en", CrisisWording.CrisisMessage), (english.Language, english.Message));

        // An Italian member's crisis slang with no language of its own: their member language.
        await using var italian = await server.NewMember(language: "it");
        await italian.Request("t77", note: "kms stanotte");
        var inItalian = await italian.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal("it", inItalian.Language);
        Assert.StartsWith("Sembra che tu stia attraversando", inItalian.Message, StringComparison.Ordinal);

        // Japanese: no translation here, so English.
        await using var japanese = await server.NewMember(language: "ja");
        await japanese.Request("t77", note: "kms tonight");
        var fallback = await japanese.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal(("en", CrisisWording.CrisisMessage), (fallback.Language, fallback.Message));
    }
}
