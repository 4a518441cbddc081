using System.Text.RegularExpressions;

namespace MatchChat.Language.Tests;

/// <summary>Reading the matching set, and the "shares no word" test of a seeker against a listener.</summary>
public static partial class MatchSet
{
    /// <summary>Function words that say nothing about an experience; every other word counts as shared.</summary>
    private static readonly HashSet<string> FunctionWords =
    [
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as",
        "about", "into", "out", "up", "down", "over", "after", "before", "than", "then", "too", "very", "just", "all",
        "i", "me", "my", "mine", "myself", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
        "them", "their", "it", "its", "this", "that", "these", "those", "who", "what", "which", "when", "where", "why", "how",
        "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "done",
        "not", "no", "can", "could", "will", "would", "should", "must", "may", "might", "im", "i'm", "it's", "don't",
        "can't", "cant", "dont", "didn't", "didnt", "wasn't", "there", "here", "one", "some", "any", "every", "each",
        "still", "now", "again", "also", "even", "only", "like", "because", "while", "through", "through", "own", "other",
        "more", "most", "much", "many", "same", "such", "both", "through", "way", "get", "got", "go", "going", "went",
    ];

    public static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'));

    public static string[] List(string cell) => cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static HashSet<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0 && !FunctionWords.Contains(w)).ToHashSet();

    /// <summary>The seeker's note and tags share no word (function words aside) with the listener's bio and tags.</summary>
    public static bool SharesNoWord(MatchSeeker seeker, MatchListener listener)
    {
        var theirs = Words(listener.Bio + " " + string.Join(' ', listener.Experiences.Select(t => t.Replace('-', ' '))));
        var mine = Words(seeker.Note + " " + string.Join(' ', seeker.Experiences.Select(t => t.Replace('-', ' '))));
        return !mine.Overlaps(theirs);
    }

    [GeneratedRegex(@"[a-z0-9']+")]
    private static partial Regex Word();
}
