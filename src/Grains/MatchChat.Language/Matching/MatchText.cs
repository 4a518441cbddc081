namespace MatchChat.Language.Matching;

/// <summary>
/// The one text each side is embedded from, so production and the labelled-set test embed exactly the same thing:
/// a listener's bio followed by their experience tags, a seeker's note followed by theirs. Tags are written as words
/// (<c>loss-of-parent</c> → "loss of parent"), which the model reads far better than slugs. The model reads English only,
/// so a note or bio in Spanish, French, German or Portuguese is glossed into English words first (<see cref="Gloss"/>).
/// </summary>
public static class MatchText
{
    public static string? ForListener(string? bio, IEnumerable<string> experiences) => Compose(English(bio), experiences);

    public static string? ForSeeker(string? note, IEnumerable<string> experiences) => Compose(English(note), experiences);

    /// <summary>At most this many sentences of a bio get a vector of their own.</summary>
    public const int MaxSentences = 6;

    /// <summary>The listener's tags alone, as words ("loss of parent, widowed"); null without tags.</summary>
    public static string? TagsOnly(IEnumerable<string> experiences) => string.Join(", ", experiences.Select(Words)) is { Length: > 0 } t ? t : null;

    /// <summary>The bio's sentences (split at . ! ? ; and line breaks), the first <see cref="MaxSentences"/> of more than three characters.</summary>
    public static string[] Sentences(string? bio) =>
        (English(bio) ?? "").Split(['.', '!', '?', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 3).Take(MaxSentences).ToArray();

    /// <summary>A text in Spanish, French, German or Portuguese in English words (<see cref="Gloss"/>); others as they are.</summary>
    public static string? English(string? text) => string.IsNullOrWhiteSpace(text) ? text : Gloss.English(text);

    /// <summary>A tag as words: <c>loss-of-parent</c> → <c>loss of parent</c>.</summary>
    public static string Words(string tag) => tag.Replace('-', ' ');

    private static string? Compose(string? text, IEnumerable<string> experiences)
    {
        var tags = string.Join(", ", experiences.Select(Words));
        var body = text?.Trim() ?? "";
        if (body.Length == 0 && tags.Length == 0)
        {
            return null;
        }

        return tags.Length == 0 ? body : body.Length == 0 ? tags : $"{body} ({tags})";
    }
}
