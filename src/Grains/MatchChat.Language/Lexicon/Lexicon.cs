using System.Collections.Frozen;
using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Lexicon;

/// <summary>
/// All phrase lists of all languages as one vocabulary (every word normalised to its skeleton) and an index
/// by first word. Built once per process (<see cref="Default"/>); immutable and thread-safe afterwards.
/// </summary>
public sealed class Lexicon
{
    public const int Wildcard = -1;
    public static readonly IReadOnlyList<string> Languages = ["en", "es", "fr", "de", "pt"];

    private static readonly Lazy<Lexicon> DefaultLexicon = new(() => Load(Languages));

    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private FuzzyIndex _fuzzy = FuzzyIndex.Empty;
    private FrozenDictionary<int, LexiconEntry[]> _byFirstWord = FrozenDictionary<int, LexiconEntry[]>.Empty;
    private FrozenDictionary<int, EntryKind> _person = FrozenDictionary<int, EntryKind>.Empty;

    private Lexicon()
    {
    }

    public static Lexicon Default => DefaultLexicon.Value;

    public IReadOnlyList<LexiconEntry> Entries { get; private set; } = [];

    /// <summary>Crisis and concern phrases of 2+ words squashed into one string, for run-together writing.</summary>
    public IReadOnlyList<LexiconEntry> Squashable { get; private set; } = [];

    public static Lexicon Load(IEnumerable<string> languages)
    {
        var lines = new List<LexiconLine>();
        foreach (var language in languages)
        {
            lines.AddRange(LexiconFile.Parse(language, ReadResource($"Lexicon.Data.{language}.txt")));
        }

        return Build(lines);
    }

    internal static string ReadResource(string name)
    {
        var assembly = typeof(Lexicon).Assembly;
        var full = $"MatchChat.Language.{name}";
        using var stream = assembly.GetManifestResourceStream(full)
            ?? throw new InvalidOperationException($"Embedded resource {full} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Vocabulary ids this word may stand for: exact skeleton, or one edit away (first letter kept, 5+ letters), in
    /// vocabulary order. The near words come from <see cref="FuzzyIndex"/> (deletion keys) and are confirmed with
    /// <see cref="EditDistance.AtMostOne"/>, so the answer is the same as comparing against every word.
    /// </summary>
    public void Candidates(string skeleton, List<(int Id, bool Exact)> into)
    {
        into.Clear();
        var exact = _vocabulary.TryGetValue(skeleton, out var id0) ? id0 : -1;
        if (exact >= 0)
        {
            into.Add((exact, true));
        }

        if (skeleton.Length < 4)
        {
            return;
        }

        var near = _fuzzy.Near(skeleton);
        if (near.Count == 0)
        {
            return;
        }

        near.Sort();
        var last = -1;
        foreach (var id in near)
        {
            var word = _words[id];
            if (id != last && id != exact && Math.Max(word.Length, skeleton.Length) >= 5 && EditDistance.AtMostOne(word, skeleton))
            {
                into.Add((id, false));
            }

            last = id;
        }
    }

    /// <summary>The vocabulary (skeletons), by id.</summary>
    internal IReadOnlyList<string> Words => _words;

    public bool IsKnownWord(string skeleton) => _vocabulary.ContainsKey(skeleton);

    public IReadOnlyList<LexiconEntry> StartingWith(int wordId) =>
        _byFirstWord.TryGetValue(wordId, out var entries) ? entries : [];

    /// <summary><see cref="EntryKind.First"/>, <see cref="EntryKind.Second"/> or <see cref="EntryKind.Third"/> for a pronoun or person word.</summary>
    public EntryKind? PersonOf(int wordId) => _person.TryGetValue(wordId, out var kind) ? kind : null;

    /// <summary>The person (first, second, third) a word names when it is exactly a person word of the vocabulary.</summary>
    public EntryKind? PersonOfWord(string skeleton) => _vocabulary.TryGetValue(skeleton, out var id) ? PersonOf(id) : null;

    private static Lexicon Build(List<LexiconLine> lines)
    {
        var lexicon = new Lexicon();
        var parsed = new List<(LexiconLine Line, string[] Skeletons)>();
        foreach (var line in lines)
        {
            var skeletons = line.Phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(w => w == "*" ? ["*"] : TextNormaliser.Skeletons(w))
                .ToArray();
            if (skeletons.Length > 0)
            {
                parsed.Add((line, skeletons));
            }
        }

        foreach (var (_, skeletons) in parsed)
        {
            foreach (var s in skeletons.Where(s => s != "*"))
            {
                lexicon.Intern(s);
            }
        }

        var person = new Dictionary<int, EntryKind>();
        foreach (var (line, skeletons) in parsed)
        {
            if (skeletons.Length == 1 && line.Kind is EntryKind.First or EntryKind.Second or EntryKind.Third)
            {
                person.TryAdd(lexicon._vocabulary[skeletons[0]], line.Kind);
            }
        }

        // A phrase in several lists is one entry that knows every language it is listed in.
        static string Key(LexiconLine line, string[] skeletons) => $"{line.Kind}|{line.Reason}|{line.Signal}|{string.Join(' ', skeletons)}";
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, skeletons) in parsed)
        {
            var key = Key(line, skeletons);
            languages[key] = languages.GetValueOrDefault(key) | LanguageBit(line.Language);
        }

        var entries = new List<LexiconEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, skeletons) in parsed)
        {
            var key = Key(line, skeletons);
            if (!seen.Add(key))
            {
                continue;
            }

            var ids = skeletons.Select(s => s == "*" ? Wildcard : lexicon._vocabulary[s]).ToArray();
            var self = line.Self || ids.Any(id => person.GetValueOrDefault(id, EntryKind.Cue) == EntryKind.First);
            var squashed = skeletons.Contains("*") ? "" : TextNormaliser.Skeleton(string.Concat(skeletons), out _);
            entries.Add(new LexiconEntry(line.Kind, line.Reason, line.Language, ids, squashed, self, line.NeedsExplicitSubject, line.Signal, languages[key]));
        }

        lexicon.Entries = entries;
        lexicon.Squashable = entries
            .Where(e => e.Kind is EntryKind.Crisis && e.Words.Length >= 2 && e.Squashed.Length >= 7)
            .ToArray();
        lexicon._byFirstWord = entries.GroupBy(e => e.Words[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        lexicon._person = person.ToFrozenDictionary();
        lexicon._fuzzy = FuzzyIndex.Build(lexicon._words, minLength: 4);
        return lexicon;
    }

    /// <summary>The bit of a language in <see cref="LexiconEntry.Languages"/> (0 for a language not listed).</summary>
    public static int LanguageBit(string? language) => language switch
    {
        "en" => 1,
        "es" => 2,
        "fr" => 4,
        "de" => 8,
        "pt" => 16,
        _ => 0,
    };

    private void Intern(string skeleton)
    {
        if (!_vocabulary.ContainsKey(skeleton))
        {
            _vocabulary[skeleton] = _words.Count;
            _words.Add(skeleton);
        }
    }
}
