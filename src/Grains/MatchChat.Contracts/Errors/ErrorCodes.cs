namespace MatchChat.Contracts.Errors;

public static class ErrorCodes
{
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
}
