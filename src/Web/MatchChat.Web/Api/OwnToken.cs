using System.Security.Claims;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

/// <summary>
/// For the two REST calls a suspended member may still make (their standing, deleting their data): the bearer token is
/// read here rather than through <see cref="TokenAuthenticationHandler"/>, which refuses a suspended member. A well-signed,
/// unexpired token names only its own member.
/// </summary>
internal static class OwnToken
{
    /// <summary>The token's member id, or null when the token is missing, not signed here, or expired (unless
    /// <paramref name="allowExpired"/>: deleting one's data works with an expired token too).</summary>
    public static string? MemberId(HttpContext http, TokenService tokens, bool allowExpired = false) =>
        tokens.Validate(allowExpired ? FromHeader(http.Request) : BearerToken.From(http.Request), TokenAuthenticationHandler.SchemeName, allowExpired)
            ?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Only <c>Authorization: Bearer</c>: an expired token is not taken from a query string (URLs end up in logs).</summary>
    private static string? FromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static IResult Refused() =>
        Problems.Unauthorized("Send your member token as Authorization: Bearer; this one is missing, expired or not valid here.");

    /// <summary>Deleted, or never created: the token opens nothing, as everywhere else.</summary>
    public static IResult Gone() => Problems.Unauthorized("This member no longer exists. Start a new anonymous session to continue.");

    /// <summary>Every 503 of the REST API says when to try again (docs/operations.md).</summary>
    public static void RetryLater(HttpContext http) =>
        http.Response.Headers.RetryAfter = UnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
