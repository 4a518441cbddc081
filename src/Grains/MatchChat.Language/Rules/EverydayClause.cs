using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace MatchChat.Language.Rules;

/// <summary>
/// Clauses of everyday life that the English model read as crises or concern (stop 61, an outside probe): ending something
/// that is not one's life ("I want to end this conversation", "end this relationship", "end my subscription"), a partner
/// leaving ("my partner left me"), nobody writing back ("nobody texts me back anymore"), and a bridge or a roof as a place
/// of daily life ("the bridge near my house is closed for repairs", "I hang out on the roof to watch stars"); since stop 62
/// also a usual dose for an everyday ailment ("took 2 pills for my headache"). Such a clause
/// is not given to the model: the rest of the text is (<see cref="Without"/>), and a text made only of such clauses does
/// not go to the model at all. The phrase lists still read the whole text, and a text with any warning sign
/// (<see cref="Lexicon.EntryKind.Signal"/>) is read whole as before. A clause that also holds a word of finality or danger
/// ("last", "jump", "goodbye", "forever") is never cut. English only, as the model.
/// </summary>
internal static partial class EverydayClause
{
    /// <summary>What "end" may take and still speak of a life: "end my life", "end the pain", "end it", "end this now".</summary>
    private static readonly FrozenSet<string> LifeObjects = new[]
    {
        "life", "lives", "existence", "pain", "suffering", "misery", "days", "journey", "story", "torment", "agony",
        "nightmare", "hell", "struggle", "struggles", "breath", "breathing", "time", "world", "self", "body", "heart",
        "heartbeat", "everything", "all", "it", "me", "myself", "things", "now", "tonight", "today", "here", "forever",
        "soon", "already", "once", "for", "permanently", "chapter", "game", "show", "cycle", "loop", "run", "fight",
        "battle", "war", "sadness", "darkness", "hurt", "hurting", "feeling", "feelings", "thoughts", "voices",
        "torture", "mess", "madness", "emptiness", "loneliness", "despair", "grief", "exhaustion", "numbness", "burden",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words read past between the determiner and the thing ended: "my own life", "this stupid conversation".</summary>
    private static readonly FrozenSet<string> Adjectives = new[]
    {
        "own", "whole", "entire", "miserable", "pathetic", "worthless", "sad", "stupid", "fucking", "damn", "empty",
        "meaningless", "lonely", "painful", "useless", "shitty", "crappy", "broken", "wretched", "sorry", "current", "little",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Finality or danger in the clause itself: it stays with the model.</summary>
    [GeneratedRegex(@"\b(?:last\s+(?:time|night|day|message|words|chance|breath|goodbye|thing|one)|jump\w*|goodbye|bye|final|fall\w*|edge|ledge|forever|never|die|dead|death|kill\w*|end\s+it|gone|sorry|looking\s+down)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Danger();

    [GeneratedRegex(@"\b(?:end|ends|ending|ended|finish|finishing)\s+(?:this|the|that|my|our|a|an|your|his|her|their|these|those)\s+([a-z]+)(?:\s+([a-z]+))?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EndSomething();

    [GeneratedRegex(@"\bend(?:s|ing|ed)?\s+things\s+with\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EndThingsWith();

    [GeneratedRegex(
        @"\b(?:(?:my|our|the)\s+(?:\w+\s+)?(?:partner|boyfriend|girlfriend|husband|wife|bf|gf|ex|fiance|fiancee|spouse|hubby|missus|man|girl|guy|date)|he|she|they)\s+"
        + @"(?:just\s+|finally\s+|has\s+|had\s+|have\s+|already\s+)?(?:left|dumped|ditched|cheated\s+on|broke\s+up\s+with|walked\s+out\s+on|divorced|ghosted|blocked|is\s+leaving|are\s+leaving|wants\s+to\s+leave)\s+me\b"
        + @"|\b(?:we|i)\s+(?:just\s+|finally\s+)?(?:broke\s+up|split\s+up|separated|got\s+dumped|got\s+divorced|are\s+getting\s+divorced|am\s+getting\s+divorced)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PartnerLeft();

    [GeneratedRegex(
        @"\b(?:nobody|no\s+one|noone|none\s+of\s+my\s+friends|my\s+friends\s+never|people\s+never)\s+(?:ever\s+|really\s+|even\s+)?"
        + @"(?:texts?|messages?|replies|reply|answers?|calls?|talks?\s+to|writes?(?:\s+to)?|responds?(?:\s+to)?|invites?|checks?\s+(?:on|in\s+on)|hangs?\s+out\s+with)\s+me\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NobodyWrites();

    [GeneratedRegex(@"\b(?:bridge|roof|rooftop|balcony|tracks|railway|cliffs?)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Place();

    [GeneratedRegex(
        @"\b(?:closed|closure|repairs?|repaired|construction|roadworks|traffic|toll|rebuilt|renovat\w+|painted|paint\w*|stars|stargazing|sunset|sunrise|view"
        + @"|picnic|party|drinks|bbq|barbecue|garden\w*|leak\w*|gutters?|solar|shingles|tiles|antenna|satellite|photos?|pictures?|hang(?:ing)?\s+out|chill\w*"
        + @"|telescope|fireworks|moon|commute|bus|cycle|cycling|walk(?:ing)?\s+the\s+dog|run(?:ning)?\s+over|fix\w*|clean\w*|snow|rain|birds|plants|tomatoes|coffee|breakfast|lunch)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DailyLife();

    /// <summary>
    /// A usual dose for an everyday ailment, as the whole clause ("took 2 pills for my headache", "I'm on antibiotics for
    /// my chest infection"): a count of one or two (or none, "a couple", "some", "my"), a named ailment (never "the pain"),
    /// and nothing after it but a time word ("today", "earlier"). Anything else in the clause ("… then another 40", "… for
    /// my back up plan") leaves it with the model.
    /// </summary>
    [GeneratedRegex(
        @"^\s*(?:(?:i|i've|ive|i'd|i'm|im|just|already|finally|also|then|first|have\s+to|had\s+to|need\s+to|needed\s+to|gotta|got\s+to|gonna|going\s+to|to|been|am|was|were)\s+){0,3}"
        + @"(?:took|take|takes|taking|had|have|having|popped|pop|need|needed|on)\s+(?:(?:a|an|one|two|1|2|some|my|the|a\s+couple(?:\s+of)?|couple\s+of)\s+)?"
        + @"(?:(?:extra\s+strength|strong|allergy|cold|flu|headache|migraine|period)\s+)?"
        + @"(?:pills?|tablets?|capsules?|paracetamols?|acetaminophen|ibuprofens?|advils?|tylenols?|aspirins?|painkillers?|panadols?|nurofens?|motrin|aleve|meds|medicine|medication|antibiotics?|antihistamines?|lozenges?|drops)\s+"
        + @"(?:for|against|because\s+of)\s+(?:(?:my|the|a|an|this|that|his|her|our)\s+)?(?:[a-z]+\s+){0,2}"
        + @"(?:headaches?|head|migraines?|cold|flu|fever|cough|throat|cramps|period|toothache|allergies|allergy|hay\s*fever|hangover|back|knee|neck|shoulder|tooth"
        + @"|stomach|stomachache|tummy|infection|sinus\w*|blood\s+pressure|cholesterol|thyroid|acne|heartburn|nausea|sprain|ankle|wrist|arthritis|asthma|eczema|rash|earache|ear|sunburn|jet\s*lag)"
        + @"(?:\s+(?:today|this\s+morning|earlier|again|lol|haha|as\s+usual|like\s+always|every\s+(?:morning|day)))?[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EverydayDose();

    /// <summary>One's words or data erased or deleted, as the whole clause ("my words that will be erased", "please delete my
    /// chat history", "will my messages be erased if I leave the room"): a question about the app's privacy, which the
    /// model read as a person being erased (an outside probe, stop 62). Nothing after it but a few app words ("after 30
    /// days", "right"); never "erase me", never one's account (a farewell sign), never notes (a note left behind); and
    /// nothing is cut when the text anywhere says goodbye (<see cref="Farewell"/>).</summary>
    [GeneratedRegex(
        @"^\s*(?:(?:please|pls|can\s+you|could\s+you|will|would|are|is|do|does|so|and|i\s+want|i'd\s+like|how\s+do\s+i|how\s+can\s+i|when\s+will|i\s+hope|then)\s+){0,2}"
        + @"(?:(?:my|the|these|those|our|your|all\s+my|all\s+the|all\s+our)\s+(?:old\s+|chat\s+|message\s+)?(?:words|messages?|chats?|data|history|conversations?|texts?|posts?|info|information)"
        + @"(?:\s+(?:that|which|will|would|are|is|be|get|gets|being|going|to|all))*\s+(?:erased|deleted|removed|wiped|cleared|shredded)"
        + @"|(?:erase|delete|remove|wipe|clear)\s+(?:all\s+)?(?:of\s+)?(?:my|the|these|our)\s+(?:old\s+|chat\s+|message\s+)?(?:words|messages?|chats?|data|history|conversations?|texts?|posts?|info))"
        + @"(?:\s+(?:after\s+\d+\s+days|after\s+a\s+while|automatically|right|too|as\s+well|later|now|please|for\s+privacy|if\s+i\s+leave(?:\s+the\s+room)?|when\s+the\s+chat\s+ends|after\s+the\s+chat(?:\s+ends)?)){0,2}[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MyDataErased();

    /// <summary>Anywhere in the text, a farewell beside the data (an account deleted before leaving life, "… goodbye",
    /// "… i won't be here tomorrow"): then no data clause is cut, and the model reads it all.</summary>
    [GeneratedRegex(
        @"\b(?:ready|disappear\w*|vanish\w*|life|alive|anymore|tonight|tomorrow|won'?t\s+be|miss\s+me|remember\s+me|account|profile|no\s+longer"
        + @"|not\s+(?:here|around)|do\s+it|make\s+it|through\s+the\s+night|before\s+i|like\s+me|so\s+will\s+i|left\s+of\s+me|find\s+me|myself|me\s+too)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Farewell();

    /// <summary>Anywhere in the text, a word that makes a dose more than a usual one ("all of them", "the rest of the
    /// bottle", "another 40", "so I sleep", "ready for tonight"): then no dose clause is cut, and the model reads it all.</summary>
    [GeneratedRegex(
        @"\b(?:all|whole|rest|bottles?|packs?|packets?|box(?:es)?|lot|handful|more|another|extra|times|x\s*\d+|[3-9]|\d{2,}|wake|sleep\w*|tonight|ready"
        + @"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|few|several|twice|thrice|doubl\w*|tripl\w*"
        + @"|plan\w*|stash\w*|sav(?:e|ed|ing)|hoard\w*|overdos\w*|od|swallow\w*|once|dye|dying|them)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MoreThanADose();

    /// <summary>A clause: up to a punctuation mark, or up to "and", "but", "so", "because" (which starts the next one).</summary>
    [GeneratedRegex(@"(?:(?!\s(?:and|but|so|because|cause|cuz|coz|now)\s)[^.,;!?\n])+[.,;!?\n]*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Clauses();

    /// <summary>
    /// The text without its everyday clauses (empty when every clause is one), or null when it has none (or a clause could
    /// not be read in time: the whole text is read as before).
    /// </summary>
    public static string? Without(string text)
    {
        try
        {
            var lower = text.Replace('’', '\'').ToLowerInvariant();
            var doses = !MoreThanADose().IsMatch(lower);
            var data = !Danger().IsMatch(lower) && !Farewell().IsMatch(lower);
            StringBuilder? rest = null;
            var last = 0;
            foreach (Match clause in Clauses().Matches(lower))
            {
                if (KindOf(clause.Value) is not { } kind || (kind == "dose" && !doses) || (kind == "data" && !data))
                {
                    continue;
                }

                rest ??= new StringBuilder(text.Length);
                rest.Append(text, last, clause.Index - last);
                last = clause.Index + clause.Length;
            }

            if (rest is null)
            {
                return null;
            }

            rest.Append(text, last, text.Length - last);
            return rest.ToString().Trim();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether one clause (lower case) is everyday life that the model misread.</summary>
    public static bool IsEveryday(string clause) => KindOf(clause) is not null;

    /// <summary>Which kind of everyday clause this is ("end", "partner", "nobody", "data", "dose", "place"), or null: for tests and for
    /// measuring a sealed set without reading its lines.</summary>
    public static string? KindOf(string clause)
    {
        if (Danger().IsMatch(clause))
        {
            return null;
        }

        if (EndThingsWith().IsMatch(clause))
        {
            return "end";
        }

        if (PartnerLeft().IsMatch(clause))
        {
            return "partner";
        }

        if (NobodyWrites().IsMatch(clause))
        {
            return "nobody";
        }

        if (MyDataErased().IsMatch(clause))
        {
            return "data";
        }

        if (EverydayDose().IsMatch(clause) && !MoreThanADose().IsMatch(clause))
        {
            return "dose";
        }

        var end = EndSomething().Match(clause);
        if (end.Success)
        {
            var thing = end.Groups[1].Value;
            if (Adjectives.Contains(thing) && end.Groups[2].Success)
            {
                thing = end.Groups[2].Value;
            }

            if (!IsLifeObject(thing))
            {
                return "end";
            }
        }

        return Place().IsMatch(clause) && DailyLife().IsMatch(clause) ? "place" : null;
    }

    /// <summary>A life-like thing, also misspelt by one letter ("end my lfie"): then the model reads the clause.</summary>
    private static bool IsLifeObject(string thing)
    {
        if (LifeObjects.Contains(thing))
        {
            return true;
        }

        if (thing.Length < 4)
        {
            return false;
        }

        foreach (var life in LifeObjects)
        {
            if (life.Length >= 4 && life[0] == thing[0] && Lexicon.EditDistance.AtMostOne(thing, life))
            {
                return true;
            }
        }

        return false;
    }
}
