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

    /// <summary>
    /// Asking to be written to or called, as the whole clause ("shoot me a message later", "can you shoot me a quick dm",
    /// "text me when you get home"; stop 64, an outside probe: the model read "shoot me a message" as crisis). "shoot me"
    /// needs a thing sent ("just shoot me" stays with the model).
    /// </summary>
    [GeneratedRegex(
        @"^\s*(?:(?:can|could|would|will|pls|please|just|oh|and|then|maybe|feel\s+free\s+to|you\s+can|u\s+can|you|u|i|ok|okay|so)\s+){0,3}"
        + @"(?:(?:shoot|send|drop|fire|flick|hit)\s+me\s+(?:(?:a|an|some|your)\s+)?(?:quick\s+|short\s+)?(?:message|msg|text|txt|dm|pm|email|e-mail|mail|line|note|link|pic|picture|photo|reply|call|number)s?"
        + @"|(?:text|message|msg|dm|pm|email|e-mail|call|ring|ping|phone)\s+me(?:\s+up|\s+back)?|hit\s+me\s+up)"
        + @"(?:\s+(?:later|tomorrow|tonight|sometime|anytime|whenever|soon|back|again|today|this\s+(?:week|weekend|evening|afternoon)|next\s+week|pls|please|lol|thanks|ok|okay"
        + @"|when\s+(?:you|u)(?:'re|\s+are|re)?\s+(?:free|done|home|back|can|get\s+(?:home|back|a\s+(?:chance|sec|minute)))|if\s+(?:you|u)\s+(?:want|can|like)|when\s+you\s+can|about\s+it|with\s+the\s+details)){0,3}[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ContactMe();

    /// <summary>A clause that is only a mild exclamation ("shoot, I forgot my keys"): the rest is read without it.</summary>
    [GeneratedRegex(@"^\s*(?:oh\s+)?(?:shoot|shucks|dang|darn|damn|dammit|crap|oops|whoops|ugh|argh|jeez|geez|gosh|bother)[\s.,;!?]*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Exclamation();

    /// <summary>
    /// Worn out by everyday people or tasks, as the whole clause ("I'm at the end of my rope with my toddler"), and family
    /// ties cut ("I need to cut ties with my family"): the model read both as crisis. The rope without such a cause ("I'm
    /// at the end of my rope") and ties cut with everyone stay with the model.
    /// </summary>
    [GeneratedRegex(
        @"^\s*(?:(?:i'm|im|i\s+am|i've\s+been|ive\s+been|honestly|just|really|so|totally|literally|at\s+this\s+point)\s+){0,3}"
        + @"(?:at\s+(?:the\s+)?(?:end\s+of\s+my\s+(?:rope|tether)|my\s+wits'?\s+end)|losing\s+my\s+patience|fed\s+up)\s+(?:with|because\s+of|over|about)\s+"
        + @"(?:(?:my|our|the|this|these|his|her|their)\s+)?(?:\w+\s+)?(?:toddler|toddlers|baby|babies|kids?|children|child|son|daughter|teen|teenager|twins|boss|manager|job|work|coworkers?|colleagues?|landlord|neighbou?rs?"
        + @"|roommates?|flatmates?|housemates?|in-?laws|mother-?in-?law|cat|dog|puppy|car|laptop|computer|phone|printer|homework|assignments?|thesis|exams?|studies|paperwork|taxes|renovations?|house|flat|garden|weather|traffic|commute|teething|bedtime|potty\s+training|sleep\s+training)"
        + @"(?:\s+(?:today|lately|right\s+now|this\s+week|again|lol|haha))?[\s.,;!?]*$"
        + @"|^\s*(?:(?:i|i'm|im|i've|ive|i\s+am|need\s+to|want\s+to|have\s+to|going\s+to|gonna|decided\s+to|thinking\s+(?:about|of)|finally|just|had\s+to|should|might|will)\s+){0,3}"
        + @"(?:cut|cutting|cuts)\s+(?:all\s+)?(?:ties|contact)\s+with\s+(?:(?:my|our|a|an|the|that|this|some)\s+)?(?:\w+\s+)?(?:family|parents|mum|mom|dad|father|mother|sister|brother|siblings|cousins?|aunt|uncle|relatives|friends?|ex|him|her|them|people|coworkers?|in-?laws|group|church)"
        + @"(?:\s+(?:for\s+good|for\s+now|for\s+a\s+while|completely|finally))?[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EverydayWornOut();

    /// <summary>Going to bed ("I'm off to bed", "time for bed"; not "going to sleep", not "signing off": both are said as
    /// farewells): with it, a goodnight that looks to the morning ("good night all", "see you tomorrow") is everyday too,
    /// unless the text says anything final (<see cref="Final"/>). "Bye", "goodbye", "take care" never are (a review).</summary>
    [GeneratedRegex(
        @"^\s*(?:(?:i'm|im|i\s+am|i'll|ill|i\s+will|well|ok|okay|right|anyway|anyways|alright|gonna|going\s+to|time\s+to|must|need\s+to|have\s+to|gotta|just|now)\s+){0,3}"
        + @"(?:off\s+to\s+bed|(?:going|heading|head|go|went)\s+to\s+bed|(?:going|heading)\s+off\s+to\s+bed|time\s+for\s+bed|bedtime|hitting\s+the\s+(?:hay|sack)|hit\s+the\s+(?:hay|sack))"
        + @"(?:\s+(?:now|early|soon|for\s+the\s+night|tonight|then|lol|haha))?[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Bedtime();

    [GeneratedRegex(
        @"^\s*(?:good\s*night|goodnight|nighty?\s*night|night|nite|gn|see\s+(?:you|ya|u)\s+(?:tomorrow|in\s+the\s+morning))"
        + @"(?:\s+(?:all|everyone|everybody|guys|folks|y'all|yall|friends|room|peeps|people|lovely\s+people))?[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Goodnight();

    /// <summary>
    /// A method's verb put to everyday use, as the whole clause (stop 65, an outside probe: the model read each of these as a
    /// crisis): cutting down on sugar or cutting the grass, jumping in the pool or on a call, hanging pictures, saving up for
    /// a car. The thing cut, jumped into or onto, hung or saved for is named from a closed list; a few plain words may follow
    /// ("this month", "on the wall tonight"), never one of <see cref="ChoreDanger"/>.
    /// </summary>
    [GeneratedRegex(
        @"^\s*(?:(?:i'm|im|i\s+am|i|i've|ive|gonna|going\s+to|just|finally|also|really|trying\s+to|try\s+to|been|have\s+been|started|start|need\s+to|gotta|will|i'll|ill|we're|we|let's|lets|about\s+to|then|off\s+to|time\s+to)\s+){0,4}"
        + @"(?:(?:cut|cuts|cutting)\s+(?:down|back)(?:\s+on)?"
        + @"|(?:cut|cuts|cutting)\s+(?:out\s+)?(?:the\s+|my\s+|some\s+|our\s+)?(?:carbs|sugar|sweets|coffee|caffeine|alcohol|booze|meat|dairy|gluten|junk\s+food|snacks|soda|grass|lawn|hedges?|hair|fringe|bangs|cake|bread|onions|vegetables|veggies|wood|costs|spending|expenses|hours|coupons|class|corners)"
        + @"|(?:jump|jumps|jumping|jumped)\s+(?:in|into)\s+(?:the\s+|a\s+)?(?:pool|shower|car|cab|taxi|queue|conversation|chat|game|discussion)"
        + @"|(?:jump|jumps|jumping|jumped)\s+on\s+(?:a|the|this|that|my)\s+(?:quick\s+)?(?:call|zoom|meeting|train|bus|tram|plane|flight|bike|trampoline|bandwagon|opportunity|chance|deal|computer|laptop)"
        + @"|(?:hang|hangs|hanging|hung)\s+(?:up\s+)?(?:the|some|a|my|our|new)\s+(?:[a-z]+\s+)?(?:pictures?|photos?|paintings?|posters?|curtains?|shelf|shelves|laundry|washing|clothes|decorations?|lights|coat|jacket|mirror|art|frames?|tv|blinds|wallpaper)"
        + @"|(?:save|saves|saving|saved)\s+up\s+for\s+(?:a|an|the|my|our|some)\s+(?:[a-z]+\s+){0,2}?(?:car|bike|house|flat|apartment|holiday|vacation|trip|laptop|phone|console|wedding|deposit|camera|guitar|course|ticket|tickets|gift|present|ring|sofa|couch))"
        + @"(?:\s+[a-z']+){0,6}[\s.,;!?]*$",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Chore();

    /// <summary>Words that keep a <see cref="Chore"/> clause with the model: the body, a height, an end.</summary>
    [GeneratedRegex(
        @"\b(?:myself|me|wrists?|arms?|legs?|thighs?|skin|neck|body|off|from|front|die|dead|death|dying|kill\w*|end|pills?|tablets?|meds|medication|rope|noose|belt|bridge|roof|ledge|edge|window|balcony|tracks|rails|platform|beam|rafters?|ceiling|forever|last|goodbye|bye|never|blood|deep|deeper|again|life|alive|anymore|gone"
        + @"|fall\w*|sorry|final|drown\w*|disappear\w*|vanish\w*|food|eating|meals?|save\s+(?:them|it)|stash\w*|hoard\w*|not\s+come|come\s+(?:up|back)|into\s+(?:a|the)\s+wall|crash\w*|under)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ChoreDanger();

    /// <summary>Anywhere in the text, a word of finality: then no goodnight is cut.</summary>
    [GeneratedRegex(
        @"\b(?:last|forever|final\w*|never|won'?t\s+be|not\s+be\s+(?:here|back|around)|miss\s+me|remember\s+me|sorry|die|dead|death|kill\w*|end\s+it|gone|wake|for\s+good|one\s+last|pills?|rope|bridge|jump\w*|alive|life|anymore)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Final();

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
            var clauses = Clauses().Matches(lower);
            var bedtime = !Final().IsMatch(lower) && clauses.Any(c => Bedtime().IsMatch(c.Value));
            // A chore is everyday only when nothing anywhere in the text is a danger word: "jump in the pool and not come up"
            // is split at "and", and its first clause alone looks like a swim (a review).
            var chores = !ChoreDanger().IsMatch(lower);
            StringBuilder? rest = null;
            var last = 0;
            foreach (Match clause in clauses)
            {
                var kind = bedtime && Goodnight().IsMatch(clause.Value) ? "bed" : KindOf(clause.Value);
                if (kind is null || (kind == "dose" && !doses) || (kind == "data" && !data) || (kind == "bed" && !bedtime) || (kind == "chore" && !chores))
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

    /// <summary>
    /// The whole text is going to bed and saying goodnight ("I'm off to bed, goodbye all") with nothing final anywhere: its
    /// goodbye, a farewell sign elsewhere, is not one here (stop 64, an outside probe: a room's goodnight raised a crisis
    /// alert).
    /// </summary>
    public static bool OnlyBedtime(string text)
    {
        try
        {
            var lower = text.Replace('’', '\'').ToLowerInvariant();
            if (Final().IsMatch(lower))
            {
                return false;
            }

            var clauses = Clauses().Matches(lower);
            return clauses.Count > 0
                && clauses.Any(c => Bedtime().IsMatch(c.Value))
                && clauses.All(c => Bedtime().IsMatch(c.Value) || Goodnight().IsMatch(c.Value));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether one clause (lower case) is everyday life that the model misread.</summary>
    public static bool IsEveryday(string clause) => KindOf(clause) is not null;

    /// <summary>Which kind of everyday clause this is ("chore", "end", "partner", "nobody", "data", "dose", "contact", "exclaim",
    /// "worn", "bed", "place"), or null: for tests and for
    /// measuring a sealed set without reading its lines.</summary>
    public static string? KindOf(string clause)
    {
        // Before the danger words: "jump" is one, and "jump in the pool" is everyday.
        if (Chore().IsMatch(clause) && !ChoreDanger().IsMatch(clause))
        {
            return "chore";
        }

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

        if (ContactMe().IsMatch(clause))
        {
            return "contact";
        }

        if (Exclamation().IsMatch(clause))
        {
            return "exclaim";
        }

        if (EverydayWornOut().IsMatch(clause))
        {
            return "worn";
        }

        if (Bedtime().IsMatch(clause))
        {
            return "bed";
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
