using System.Globalization;
using System.Text;
using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Topics;
using MatchChat.Web.Safety;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Every argument that crosses the edge is checked here, before any grain is called, so a rejected call changes
/// nothing. Failures are <c>invalid</c> with a sentence that says what is allowed; the value itself is never echoed.
/// </summary>
public static class InputRules
{
    public const int MaxExperiences = 10;
    public const int MaxNoteLength = 500;
    public const int MaxTextLength = 4000;
    public const int MaxHistoryLimit = 200;
    public const int DefaultHistoryLimit = 50;

    public static string Topic(string? slug, string name = "topic") =>
        SlugPattern.IsValid(slug) ? slug! : throw Invalid($"{name} must be a topic slug such as grief (lower-case letters, digits and '-', at most 40).");

    public static string[] Topics(string[]? slugs)
    {
        if (slugs is null || slugs.Length == 0 || slugs.Length > 20)
        {
            throw Invalid("topics must list between 1 and 20 topic slugs.");
        }

        return slugs.Select(s => Topic(s, "each of topics")).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static string[] Experiences(string[]? tags)
    {
        if (tags is null)
        {
            return [];
        }

        if (tags.Length > MaxExperiences)
        {
            throw Invalid($"experiences may hold at most {MaxExperiences} tags.");
        }

        return tags.Select(t =>
        {
            var normalised = t?.Trim().ToLowerInvariant();
            return SlugPattern.IsValid(normalised)
                ? normalised!
                : throw Invalid("each experience must be a tag of lower-case letters, digits and '-', 1 to 40 long, such as lost-a-parent.");
        }).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static string? Note(string? note, string name = "note")
    {
        if (note is null)
        {
            return null;
        }

        var trimmed = note.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (Characters(trimmed) > MaxNoteLength)
        {
            throw Invalid($"{name} may be at most {MaxNoteLength} characters.");
        }

        RequirePlainText(trimmed, name);
        return HasVisibleCharacter(trimmed) ? trimmed : null;
    }

    /// <summary>How many characters a person sees: an emoji or another letter outside the Basic Multilingual Plane is
    /// one, not the two UTF-16 units .NET counts (an outside probe: 2,001 emoji were refused as over 4,000).</summary>
    private static int Characters(string text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    public static string Text(string? text) => RequiredText(text, "text", MaxTextLength);

    /// <summary>Required plain text of 1 to <paramref name="max"/> characters after trimming, with something a reader would see.</summary>
    public static string RequiredText(string? text, string name, int max)
    {
        var trimmed = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? string.Empty;
        if (trimmed.Length == 0 || Characters(trimmed) > max)
        {
            throw Invalid($"{name} must be 1 to {max} characters after trimming.");
        }

        RequirePlainText(trimmed, name);
        if (!HasVisibleCharacter(trimmed))
        {
            throw Invalid($"{name} has nothing a reader would see (only spaces or invisible characters); write something.");
        }

        return trimmed;
    }

    /// <summary>Whether a reader would see anything: a letter, digit, punctuation mark or symbol (emoji included). Spaces,
    /// format characters (zero-width spaces and joiners, direction marks, U+FEFF), lone combining marks and the blank
    /// "letters" used to fake an empty line (Hangul fillers, the blank Braille cell) are not enough (an outside probe:
    /// a message of only U+200B was stored and delivered as an empty bubble). A code point newer than the runtime's
    /// Unicode tables (a new emoji) counts as visible.</summary>
    internal static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    public static string ClientMessageId(string? id)
    {
        if (id is null || id.Length is 0 or > 64 || !id.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-'))
        {
            throw Invalid("clientMessageId must be 1 to 64 characters of letters, digits, '_' or '-'.");
        }

        return id;
    }

    /// <summary>A member's handle such as QuietHarbor-417 (letters, digits and '-', at most 64).</summary>
    public static string Handle(string? handle, string name = "handle")
    {
        var trimmed = handle?.Trim();
        return HandleDirectory.LooksValid(trimmed)
            ? trimmed!
            : throw Invalid($"{name} must be a member's handle such as QuietHarbor-417.");
    }

    public static string Id(string? id, string name) =>
        Ids.LooksValid(id) ? id! : throw Invalid($"{name} must be an id as the server gave it.");

    /// <summary><c>conversation:&lt;id&gt;</c> or <c>room:&lt;slug&gt;</c>; room slugs must be configured topics.</summary>
    public static string Channel(string? channel, TopicCatalog topics)
    {
        if (channel is not null && channel.StartsWith(Channels.ConversationPrefix, StringComparison.Ordinal)
            && Ids.LooksValid(channel[Channels.ConversationPrefix.Length..]))
        {
            return channel;
        }

        if (channel is not null && channel.StartsWith(Channels.RoomPrefix, StringComparison.Ordinal)
            && SlugPattern.IsValid(channel[Channels.RoomPrefix.Length..]))
        {
            return topics.Find(channel[Channels.RoomPrefix.Length..]) is not null
                ? channel
                : throw MatchChatException.NotFound("There is no room with that name. The rooms list shows them all.");
        }

        throw Invalid("channel must be conversation:<conversationId> or room:<slug>.");
    }

    public static int MaxConcurrentChats(int? value) =>
        value is >= 1 and <= 5 ? value.Value : throw Invalid("maxConcurrentChats must be a whole number from 1 to 5.");

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultHistoryLimit,
        >= 1 and <= MaxHistoryLimit => limit.Value,
        _ => throw Invalid($"limit must be from 1 to {MaxHistoryLimit}."),
    };

    public static long? Seq(long? seq, string name) =>
        seq is null or >= 0 ? seq : throw Invalid($"{name} must be zero or more.");

    internal static void RequirePlainText(string value, string name)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                throw Invalid($"{name} may not contain control characters other than new lines and tabs.");
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])))
            {
                throw Invalid($"{name} contains broken characters; send valid text.");
            }
        }
    }

    private static MatchChatException Invalid(string sentence) => MatchChatException.Invalid(sentence);
}
