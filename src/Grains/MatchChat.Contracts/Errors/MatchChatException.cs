namespace MatchChat.Contracts.Errors;

/// <summary>
/// A failure meant for the client: <see cref="Code"/> is one of <see cref="ErrorCodes"/> and the
/// message is a sentence that says what to do. The hub turns it into <c>code: sentence</c>.
/// Never put user text, ids of other members or internal details into the sentence.
/// </summary>
[GenerateSerializer, Alias("MatchChat.MatchChatException")]
public sealed class MatchChatException : Exception
{
    public MatchChatException(string code, string sentence) : base(sentence) => Code = code;

    [Id(0)]
    public string Code { get; }

    public static MatchChatException Invalid(string sentence) => new(ErrorCodes.Invalid, sentence);
    public static MatchChatException NotFound(string sentence) => new(ErrorCodes.NotFound, sentence);
    public static MatchChatException Forbidden(string sentence) => new(ErrorCodes.Forbidden, sentence);
    public static MatchChatException Conflict(string sentence) => new(ErrorCodes.Conflict, sentence);
    public static MatchChatException Unavailable(string sentence) => new(ErrorCodes.Unavailable, sentence);
}
