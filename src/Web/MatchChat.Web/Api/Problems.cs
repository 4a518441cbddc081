using MatchChat.Contracts.Errors;

namespace MatchChat.Web.Api;

/// <summary>RFC 7807 answers whose detail is the contract's <c>code: sentence</c>.</summary>
public static class Problems
{
    /// <summary>
    /// A JSON body with a lone UTF-16 surrogate (half of an emoji, <c>\ud800</c>) parses, but reading that string throws
    /// <see cref="InvalidOperationException"/> (an outside probe: 500 on every REST endpoint that reads text).
    /// </summary>
    public static IResult BrokenCharacter() =>
        Invalid("A text in the body has a broken character (half of an emoji or another symbol). Send whole characters.");

    public static IResult Invalid(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: $"{ErrorCodes.Invalid}: {sentence}");

    public static IResult NotFound(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{ErrorCodes.NotFound}: {sentence}");

    public static IResult Conflict(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"{ErrorCodes.Conflict}: {sentence}");

    public static IResult Unauthorized(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"forbidden: {sentence}");

    public static IResult RateLimited(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: $"{ErrorCodes.RateLimited}: {sentence}");

    public static IResult Unavailable(string sentence) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable", detail: $"{ErrorCodes.Unavailable}: {sentence}");
}
