using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace MatchChat.Language.Normalisation;

/// <summary>
/// Undoes the usual disguises before any matching: NFKC (fullwidth, styled letters), format characters
/// (zero-width, bidi controls, soft hyphen), look-alike letters from other scripts, case, diacritics,
/// apostrophes, leetspeak, letters spaced out ("k i l l", "k.i.l.l") and repeated ("kiiiill").
/// Pure and allocation-light: it runs on every message.
/// </summary>
public static class TextNormaliser
{
    /// <summary>The longest text read, in UTF-16 units: a message may hold 4,000 characters, and each may take two units
    /// (an emoji, a styled letter such as 𝐛), so the whole of every message the hub accepts is read.</summary>
    private const int MaxLength = 8000;

    /// <summary>The words of the text being read, reused by the next text on the same thread.</summary>
    [ThreadStatic]
    private static List<Piece>? t_pieces;

    public static NormalisedText Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flags = Obfuscation.None;
        var source = text.Length > MaxLength ? text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)] : text;
        var folded = Fold(source, ref flags);
        var pieces = t_pieces ?? new List<Piece>(64);
        t_pieces = null; // taken: a nested call (none today) would use a list of its own
        Split(folded, pieces, ref flags);
        var tokens = JoinSpacedRuns(pieces, ref flags);
        DigitWords.Read(tokens, ref flags);
        pieces.Clear();
        if (pieces.Capacity <= 1024)
        {
            t_pieces = pieces; // the next text on this thread reuses it; a very long text's list is left to the collector
        }

        return new NormalisedText(tokens, flags);
    }

    /// <summary>Normalises a lexicon phrase exactly like input, so lists can be written in ordinary spelling.</summary>
    public static string[] Skeletons(string phrase) =>
        Normalise(phrase).Tokens.Select(t => t.Skeleton).ToArray();

    /// <summary>Collapses every run of one letter to a single letter: "kiiill" and "kill" both give "kil".</summary>
    public static string Skeleton(string word, out bool hadLongRun)
    {
        hadLongRun = false;
        if (!HasDoubledChar(word))
        {
            return word; // most words: nothing to collapse, no copy
        }

        var length = 1;
        var run = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if (word[i] == word[i - 1])
            {
                run++;
                hadLongRun |= run >= 2 && char.IsLetter(word[i]);
                continue;
            }

            run = 0;
            length++;
        }

        return string.Create(length, word, static (span, w) =>
        {
            var n = 0;
            for (var i = 0; i < w.Length; i++)
            {
                if (i == 0 || w[i] != w[i - 1])
                {
                    span[n++] = w[i];
                }
            }
        });
    }

    private static bool HasDoubledChar(string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (word[i] == word[i - 1])
            {
                return true;
            }
        }

        return false;
    }

    private static string Fold(string source, ref Obfuscation flags)
    {
        if (Ascii.IsValid(source))
        {
            return FoldAscii(source);
        }

        var kc = TryNormalize(source, NormalizationForm.FormKC);
        if (!string.Equals(kc, source, StringComparison.Ordinal))
        {
            flags |= Obfuscation.Compatibility;
        }

        var decomposed = TryNormalize(kc, NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var raw = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (category == UnicodeCategory.Format)
            {
                flags |= Obfuscation.FormatCharacters;
                continue;
            }

            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (raw is '\'' or '’' or '‘' or '`' or '´' or 'ʼ')
            {
                // English possessive and "is": "cousin's" → "cousin", "he's" → "he"; elsewhere the apostrophe just goes ("j'ai" → "jai").
                if (DropsPossessiveS(decomposed, i))
                {
                    i++;
                }

                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (c > 0x7F && LookAlikes.TryMap(c, out var latin))
            {
                flags |= Obfuscation.LookAlikeLetters;
                c = latin;
            }

            sb.Append(c);
        }

        return CharacterFolding.Fold(sb.ToString(), ref flags);
    }

    /// <summary>
    /// <see cref="Fold"/> for a text of ASCII characters only (most messages): NFKC, NFD and <see cref="CharacterFolding"/>
    /// leave ASCII as it is and it holds no format characters or marks, so only case and apostrophes change. One copy.
    /// </summary>
    private static string FoldAscii(string source)
    {
        return string.Create(source.Length - AsciiApostropheDrops(source), source, static (span, text) =>
        {
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c is '\'' or '`')
                {
                    if (DropsPossessiveS(text, i))
                    {
                        i++;
                    }

                    continue;
                }

                span[n++] = char.ToLowerInvariant(c);
            }
        });
    }

    private static int AsciiApostropheDrops(string text)
    {
        var drops = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\'' or '`')
            {
                drops++;
                if (DropsPossessiveS(text, i))
                {
                    drops++;
                    i++;
                }
            }
        }

        return drops;
    }

    /// <summary>English possessive and "is" after an apostrophe at <paramref name="i"/>: "cousin's" → "cousin", "he's" → "he".</summary>
    private static bool DropsPossessiveS(string text, int i) =>
        i + 1 < text.Length && text[i + 1] is 's' or 'S' && (i + 2 == text.Length || !char.IsLetter(text[i + 2]));

    /// <summary>
    /// ICU normalisation where the host has it; under invariant globalization it is a no-op or throws, and
    /// <see cref="CharacterFolding"/> does the work. A text ICU refuses is read as it is, never an exception.
    /// </summary>
    private static string TryNormalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or ArgumentException)
        {
            // ArgumentException: a lone surrogate, which ICU refuses; the screen still reads the rest of the text.
            return text;
        }
    }

    /// <summary>
    /// The folded text as words with the gap before each and its sentence. Each chunk between white space is read as a
    /// span (dotted letters joined, look-alike digits mapped in a stack buffer) and each word is copied out once, a common
    /// word (<see cref="CommonWords"/>) not at all.
    /// </summary>
    private static void Split(string folded, List<Piece> pieces, ref Obfuscation flags)
    {
        Span<char> scratch = stackalloc char[256];
        var sentence = 0;
        var gap = 0;
        var leet = false;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (char.IsWhiteSpace(c))
            {
                gap++;
                if (c is '\n' or '\r')
                {
                    sentence = pieces.Count > 0 && pieces[^1].Sentence == sentence ? sentence + 1 : sentence;
                    gap += 2;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < folded.Length && !char.IsWhiteSpace(folded[i]))
            {
                i++;
            }

            scoped ReadOnlySpan<char> chunk = folded.AsSpan(start, i - start);
            if (DottedLetters.TryJoin(chunk, out var joined))
            {
                flags |= Obfuscation.SpacedLetters;
                chunk = joined;
            }

            var endsSentence = EndsSentence(chunk);
            chunk = Leet.MapChunk(chunk, chunk.Length <= scratch.Length ? scratch[..chunk.Length] : new char[chunk.Length], ref leet);
            var wordStart = -1;
            for (var k = 0; k <= chunk.Length; k++)
            {
                var isWordChar = k < chunk.Length && char.IsLetterOrDigit(chunk[k]);
                if (isWordChar && wordStart < 0)
                {
                    wordStart = k;
                }
                else if (!isWordChar && wordStart >= 0)
                {
                    var word = chunk[wordStart..k];
                    pieces.Add(CommonWords.TryGet(word, out var common, out var skeleton)
                        ? new Piece(common, skeleton, gap, sentence)
                        : new Piece(new string(word), null, gap, sentence));
                    gap = 0;
                    wordStart = -1;
                }
            }

            if (endsSentence && pieces.Count > 0 && pieces[^1].Sentence == sentence)
            {
                sentence++;
            }

            gap = 0;
        }

        if (leet)
        {
            flags |= Obfuscation.Leetspeak;
        }
    }

    private static bool EndsSentence(ReadOnlySpan<char> chunk)
    {
        var last = chunk[^1];
        return last is '.' or '?' or '!' or ';' or ':' or '…' or '。';
    }

    private static List<NormalisedToken> JoinSpacedRuns(List<Piece> pieces, ref Obfuscation flags)
    {
        var tokens = new List<NormalisedToken>(pieces.Count);
        var i = 0;
        while (i < pieces.Count)
        {
            var runEnd = i;
            while (runEnd < pieces.Count && IsSpacedLetter(pieces[runEnd].Word)
                && (runEnd == i || pieces[runEnd].Sentence == pieces[i].Sentence))
            {
                runEnd++;
            }

            if (runEnd - i >= 3)
            {
                flags |= Obfuscation.SpacedLetters;
                var sb = new StringBuilder();
                for (var k = i; k < runEnd; k++)
                {
                    if (k > i && pieces[k].Gap >= 2 && sb.Length > 0)
                    {
                        Add(tokens, sb.ToString(), pieces[i].Sentence, ref flags);
                        sb.Clear();
                    }

                    sb.Append(Leet.TryMap(pieces[k].Word[0], out var l) ? l : pieces[k].Word[0]);
                }

                Add(tokens, sb.ToString(), pieces[i].Sentence, ref flags);
                i = runEnd;
                continue;
            }

            if (pieces[i].Skeleton is { } known)
            {
                tokens.Add(new NormalisedToken(pieces[i].Word, known, pieces[i].Sentence));
            }
            else
            {
                Add(tokens, pieces[i].Word, pieces[i].Sentence, ref flags);
            }

            i++;
        }

        return tokens;
    }

    private static bool IsSpacedLetter(string word) => word.Length == 1 && (char.IsLetter(word[0]) || Leet.TryMap(word[0], out _));

    /// <summary>
    /// French chat writes "je" into the verb ("jveux plus vivre", "chui", "jpp" for "j'en peux plus"), Spanish and
    /// Portuguese chat "q" for "que"; each is read as the words it stands for, so the lists' "je veux plus vivre" applies.
    /// </summary>
    private static readonly FrozenDictionary<string, string[]> ChatContractions = new Dictionary<string, string[]>
    {
        ["jveux"] = ["je", "veux"],
        ["jveu"] = ["je", "veux"],
        ["jvais"] = ["je", "vais"],
        ["jvai"] = ["je", "vais"],
        ["jsuis"] = ["je", "suis"],
        ["chui"] = ["je", "suis"],
        ["chuis"] = ["je", "suis"],
        ["jpeux"] = ["je", "peux"],
        ["jpense"] = ["je", "pense"],
        ["jme"] = ["je", "me"],
        ["jsais"] = ["je", "sais"],
        ["jpp"] = ["jen", "peux", "plus"],
        ["jenpeuxplus"] = ["jen", "peux", "plus"],

        // Spanish and Portuguese chat: "q" for "que" ("la ultima vez q me conecto").
        ["q"] = ["que"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static void Add(List<NormalisedToken> tokens, string word, int sentence, ref Obfuscation flags)
    {
        var skeleton = Skeleton(word, out var longRun);
        if (longRun)
        {
            flags |= Obfuscation.RepeatedLetters;
        }

        if (word.Length > 0 && (word[0] is 'j' or 'c' or 'q')
            && (ChatContractions.TryGetValue(word, out var words) || (word.Length > 2 && ChatContractions.TryGetValue(skeleton, out words))))
        {
            foreach (var w in words)
            {
                tokens.Add(new NormalisedToken(w, Skeleton(w, out _), sentence));
            }

            return;
        }

        tokens.Add(new NormalisedToken(word, skeleton, sentence));
    }

    /// <summary>A word of the text; <see cref="Skeleton"/> is set when it is a common word (<see cref="CommonWords"/>).</summary>
    private readonly record struct Piece(string Word, string? Skeleton, int Gap, int Sentence);
}
