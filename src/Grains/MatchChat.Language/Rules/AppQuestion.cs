using System.Text.RegularExpressions;

namespace MatchChat.Language.Rules;

/// <summary>
/// A question or request about one's own data in the app, at the start of a text: "how do i delete my account
/// completely", "can i export my chat history before deleting my account", "i want to delete my data". The model read
/// these as farewells (deleting one's accounts is a public warning sign; stop 55 measured 4 of 140 app questions read as
/// crises, all of them about deleting), and safe exemplars of them pulled down a crisis said after one ("how do i delete
/// my account, nobody will miss me anyway"). So the question itself is not given to the model: what follows it is
/// (<see cref="RestAfter"/>), and a text that is only such a question does not go to the model at all. The match is
/// narrow on purpose: an opener, one of the app's actions, a thing the app keeps, a few plain words after it
/// ("completely", "for good", "from the app") and then the end, a punctuation mark or a "because"/"im"; anything else
/// after the thing ("…my account and disappear", "…my account after im gone") is no match and the whole text is read as
/// before. A rest that goes on from the question ("…my account. and my life", "…? and me too") is read with it. English
/// only (the model reads English only); the phrase lists still read the whole text.
/// </summary>
internal static partial class AppQuestion
{
    private const string Greeting = @"(?:(?:hi|hey|hello|ok|okay|um+|so|quick\s+q(?:uestion)?|question|sorry|btw)\b[\s,!.:-]*)*";

    private const string Opener =
        @"(?:how\s+(?:do|can|would|should|could|does)\s+(?:i|we|one|u|you)(?:\s+go\s+about)?"
        + @"|how\s+to|how\s+long\s+(?:do|does|will|would)\s+(?:you|u|it|the\s+app)"
        + @"|where\s+(?:do|can)\s+(?:i|u|you)"
        + @"|(?:can|could|may)\s+(?:i|you|u|someone|somebody)"
        + @"|is\s+(?:there|it)\s+(?:a\s+|any\s+)?(?:way|possible|option)(?:\s+(?:for\s+me\s+)?to)?"
        + @"|what\s+happens\s+(?:if|when)\s+i"
        + @"|i\s+(?:want|need|would\s+like|wanna)\s+to|i?[’']?d\s+like\s+to"
        + @"|please|pls|plz|help\s+me)";

    private const string Filler = @"(?:\s+(?:just|please|pls|quickly|actually|also))*";

    private const string Verb =
        @"(?:delete|deleting|remove|removing|erase|erasing|clear|clearing|wipe|wiping|export|exporting|download|downloading"
        + @"|close|closing|deactivate|deactivating|cancel|cancell?ing|change|changing|edit|editing|reset|resetting|hide|hiding"
        + @"|unsend|turn\s+off|switch\s+off|mute|report|block|unblock|save|back\s+up|recover|restore|get\s+back|find|see"
        + @"|update|rename|get\s+rid\s+of|log\s+out\s+of|sign\s+out\s+of|stop|unlink|disconnect|unsubscribe\s+from|get|keep|store)";

    private const string Determiners =
        @"(?:(?:all|my|the|this|of|whole|entire|old|every|these|those|our|previous|past|a|an|one|single|chat|search|message"
        + @"|account|personal|saved|sent|app|real|google|apple|facebook|reminder|notification|new|other)\s+){0,4}";

    // "accounts" is left out on purpose: "deleting all my accounts" is the warning sign, not a question about this app.
    private const string Thing =
        @"(?:account|profile|data|info|information|messages?|msgs?|texts?|chats?|history|convos?|conversations?"
        + @"|username|user\s*name|nickname|display\s+name|name|handle|password|e-?mails?|settings|notifications?|reminders?|rooms?|app|ex"
        + @"|everything\s+i\s+(?:ever\s+)?(?:posted|wrote|said|sent|shared))\b";

    private const string Tail =
        @"(?:\s+(?:completely|permanently|entirely|fully|totally|for\s+good|forever|for\s+(?:a\s+(?:while|bit)|now)|temporarily|please|pls|plz|now|too|also|as\s+well"
        + @"|from\s+(?:the\s+|this\s+|your\s+|my\s+)?(?:app|here|servers?|phone)|on\s+(?:here|this\s+app|the\s+app|my\s+phone)"
        + @"|in\s+(?:here|the\s+app|this\s+app|settings|(?:the\s+)?rooms?)|back|with\s+(?:my|the|this)\s+listener"
        // "after this" only where a question mark follows: "i want to delete my account after this" may be a farewell.
        + @"|after\s+(?:this|that|(?:this|the|our)\s+(?:chat|conversation|session))(?=\s*\?)))*";

    private const string Object = Determiners + Thing + Tail;

    private const string Pattern =
        @"\G[\W_]*" + Greeting + Opener + Filler + @"\s+" + Verb + @"\s+" + Object
        + @"(?:\s+(?:and|or|with|plus)\s+" + Object + @"|\s+and\s+(?:never\s+)?" + Verb + @"\s+" + Object + @"(?:\s+again)?)?"
        + @"(?:\s+(?:before|after|without|when|if|instead\s+of|rather\s+than)\s+(?:i\s+)?" + Verb + @"(?:\s+(?:it|them)\b|\s+" + Object + @"))?"
        + @"(?:\s*(?:[?.!,;:…]+|$)|\s+(?=(?:because|cause|cuz|coz|bc|since|as|im|i[’']m|i\s+am)\b))";

    [GeneratedRegex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Question();

    /// <summary>
    /// Only the opener: the whole pattern costs about 2 µs even where it fails at the first word (it is long, and every
    /// message that may go to the model is screened with it), this about 0.05 µs; nearly every message fails here.
    /// </summary>
    [GeneratedRegex(@"\A[\W_]*" + Greeting + Opener + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Opens();

    [GeneratedRegex(@"\p{L}+(?:['’]\p{L}+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>A rest that goes on from the question rather than starting anew: "and my life", "me too", "it", "so…".</summary>
    [GeneratedRegex(@"\A[\W_]*(?:and|or|so|then|too|also|plus|it|its|it[’']s|them|me|with)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoesOn();

    /// <summary>
    /// Where the text goes on after the app questions it opens with (up to three in a row), or -1 when it does not open
    /// with one. <c>text.Length</c> when the questions are the whole text.
    /// </summary>
    public static int RestAfter(string text)
    {
        var at = 0;
        try
        {
            for (var i = 0; i < 3 && at < text.Length; i++)
            {
                if (!Opens().IsMatch(text.AsSpan(at)))
                {
                    break;
                }

                var match = Question().Match(text, at);
                if (!match.Success || match.Length == 0)
                {
                    break;
                }

                at = match.Index + match.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return -1;
        }

        return at == 0 ? -1 : at;
    }

    /// <summary>
    /// How the model should read a text whose app questions end at <paramref name="rest"/>: not at all when nothing or
    /// only thanks follow ("…my account? thank you so much"); the rest alone when three words or more other than thanks
    /// follow and start anew; the whole text when fewer follow ("…my account. goodbye") or the rest goes on from the
    /// question ("…my account. and my life"), which the model may still read as a farewell.
    /// </summary>
    public static ModelReading ReadingOf(string text, int rest)
    {
        if (rest < text.Length && GoesOn().IsMatch(text.AsSpan(rest)))
        {
            return ModelReading.Whole;
        }

        var words = 0;
        var others = 0;
        foreach (var word in Word().EnumerateMatches(text.AsSpan(rest)))
        {
            words++;
            if (!Thanks.Contains(text.AsSpan(rest + word.Index, word.Length).ToString().ToLowerInvariant()))
            {
                others++;
            }
        }

        return others == 0 ? ModelReading.None : others >= 3 ? ModelReading.Rest : ModelReading.Whole;
    }

    private static readonly HashSet<string> Thanks = new(StringComparer.Ordinal)
    {
        "thanks", "thank", "you", "thx", "ty", "tysm", "cheers", "please", "pls", "plz", "lol", "haha", "x", "xx", "ok",
        "okay", "asap", "guys", "again", "in", "advance", "so", "much", "a", "lot", "very",
    };

    internal enum ModelReading
    {
        None,
        Rest,
        Whole,
    }
}
