namespace MatchChat.Language.Tests;

/// <summary>One listener of the matching set (Data/match-listeners.tsv).</summary>
public sealed record MatchListener(string Id, string[] Topics, string[] Experiences, string Bio)
{
    public static IReadOnlyList<MatchListener> Load(string file = "match-listeners.tsv") =>
        MatchSet.Rows(file).Select(c => new MatchListener(c[0], MatchSet.List(c[1]), MatchSet.List(c[2]), c[3])).ToList();
}

/// <summary>One seeker of the matching set (Data/match-seekers.tsv) and the listener they should be matched with.</summary>
public sealed record MatchSeeker(string Expected, string Topic, string[] Experiences, string Style, string Note)
{
    public static IReadOnlyList<MatchSeeker> Load(string file = "match-seekers.tsv") =>
        MatchSet.Rows(file).Select(c => new MatchSeeker(c[0], c[1], MatchSet.List(c[2]), c[3], c[4])).ToList();
}
