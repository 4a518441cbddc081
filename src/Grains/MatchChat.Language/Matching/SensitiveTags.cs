using System.Text.RegularExpressions;

namespace MatchChat.Language.Matching;

/// <summary>
/// Experience tags that name a particular, painful circumstance (a suicide, a pregnancy lost, self-harm, abuse, an
/// assault) are suggested to a seeker only when what they wrote says so in words. The model's meaning alone put
/// "suicide-loss" first for "my mum died of cancer" and "my grandad passed away peacefully at 94" (stop 64, an outside
/// probe): every death sits near "suicide" for it (cosine 0.35–0.46 for ordinary deaths, 0.47–0.59 for suicides), so no
/// threshold tells them apart. English, Spanish, French, German and Portuguese words; the text is read lower case.
/// </summary>
public static partial class SensitiveTags
{
    /// <summary>Whether <paramref name="text"/> gives the evidence <paramref name="tag"/> needs (always, for a tag that needs none).</summary>
    public static bool Evidenced(string tag, string text)
    {
        var lower = text.Replace('’', '\'').ToLowerInvariant();
        try
        {
            if (tag.Contains("suicid", StringComparison.Ordinal) && !Suicide().IsMatch(lower))
            {
                return false;
            }

            if ((tag.Contains("miscarriage", StringComparison.Ordinal) || tag.Contains("stillbirth", StringComparison.Ordinal)
                 || tag.Contains("pregnancy", StringComparison.Ordinal)) && !PregnancyLoss().IsMatch(lower))
            {
                return false;
            }

            if ((tag.Contains("self-harm", StringComparison.Ordinal) || tag.Contains("selfharm", StringComparison.Ordinal)) && !SelfHarm().IsMatch(lower))
            {
                return false;
            }

            if (tag.Contains("abuse", StringComparison.Ordinal) && !Abuse().IsMatch(lower))
            {
                return false;
            }

            return !(tag.Contains("assault", StringComparison.Ordinal) || tag.Contains("rape", StringComparison.Ordinal)) || Assault().IsMatch(lower);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex(
        @"suicid|\b(?:killed|kill|killing|hanged|hung|shot|drowned|poisoned)\s+(?:him|her|them|my|him)sel(?:f|ves)\b|\b(?:took|take|taken|ended|end)\s+(?:his|her|their|my)\s+(?:own\s+)?life\b"
        + @"|\bs'est\s+(?:tu[ée]|suicid)|\bse\s+(?:mat[óo]|quit[óo]\s+la\s+vida|tir[óo])|\bhat\s+sich\s+(?:umgebracht|das\s+leben\s+genommen|get[öo]tet)|\bsuizid|\bse\s+matou|\btirou\s+a\s+pr[óo]pria\s+vida|\bfreitod|\bselbstmord",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex Suicide();

    [GeneratedRegex(
        @"miscarr|still\s*b(?:orn|irth)|\blost\s+(?:the|our|my|a|her)\s+(?:baby|pregnancy|babies|twins)|\bbaby\s+(?:died|passed|had\s+no\s+heartbeat)|no\s+heartbeat|pregnancy\s+loss|weeks\s+pregnant|\bectopic"
        + @"|\baborto|fausse\s+couche|fehlgeburt|totgeburt|perd(?:i|í|imos|ió)\s+(?:el|al|o|a|nuestro|nuestra|meu|minha)\s+beb[eéê]|perdu\s+(?:le|notre|mon)\s+b[ée]b[ée]|baby\s+verloren",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex PregnancyLoss();

    [GeneratedRegex(
        @"self[\s-]?harm|\b(?:cut|cuts|cutting|burn|burned|burnt|burning|hurt|hurts|hurting|scratch\w*|hit|hitting)\s+(?:myself|herself|himself|themselves|themself)\b|\b(?:started|start|cutting|cut)\s+(?:cutting\s+)?again\b|\bautolesi|automutila|selbstverletz|\britz|\bme\s+corto|\bme\s+lastimo|\bme\s+coupe|scarifi",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex SelfHarm();

    [GeneratedRegex(
        @"abus|violen|\b(?:hit|hits|hitting|beat|beats|beating|choked|chokes|kicked|slapped|punched|hurt|hurts)\s+(?:me|her|him|us)\b|controlling\s+(?:partner|husband|wife|boyfriend|girlfriend|relationship|ex|father|mother|parent)|coercive|maltrat|misshandl|\bgewalt|agress|\bpegaba|\bme\s+pega|me\s+frappait|\bbatia",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex Abuse();

    [GeneratedRegex(
        @"assault|\brap(?:e|ed|ist)\b|molest|groped|grope|\bviol[ée]e?\b|vergewaltig|violaci[óo]n|\bviolad[ao]|estupr|sexual(?:ly)?\s+(?:abus|harass|violen|attack)|agression\s+sexuelle|sexuell\w*\s+(?:missbr|bel[äa]st|gewalt)",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex Assault();
}
