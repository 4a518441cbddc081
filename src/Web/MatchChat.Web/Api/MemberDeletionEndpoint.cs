using System.Security.Claims;
using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>DELETE /api/members/me</c> with the member's bearer token → 204: the same as the hub's <c>DeleteMe()</c>
/// (PROTOCOL.md "Deletion and retention"). The token is refused (401) from then on, so a second call answers 401.
/// A suspended or banned member may delete their data too (the right to erasure does not wait for a moderator; report
/// evidence stays as for everyone), so the token is read here, as <see cref="MemberStandingEndpoint"/> does, instead of
/// through <see cref="TokenAuthenticationHandler"/>, which refuses a suspended member.
/// </summary>
public static class MemberDeletionEndpoint
{
    public static WebApplication MapMemberDeletion(this WebApplication app)
    {
        app.MapDelete("/api/members/me", DeleteMe);
        return app;
    }

    private static async Task<IResult> DeleteMe(HttpContext http, TokenService tokens, IGrainFactory grains, ILogger<TokenService> logger)
    {
        var principal = tokens.Validate(BearerToken.From(http.Request), TokenAuthenticationHandler.SchemeName);
        if (principal is null)
        {
            return Problems.Unauthorized("Send your member token as Authorization: Bearer; this one is missing, expired or not valid here.");
        }

        try
        {
            var member = grains.Ref<IMemberGrain>(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
            if (!(await member.GetStanding()).Exists)
            {
                // Deleted already, or never created: the token opens nothing, as everywhere else.
                return Problems.Unauthorized("This member no longer exists. Start a new anonymous session to continue.");
            }

            await member.Delete();
            return Results.NoContent();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            // Gone between the check and the deletion (a second tab's deletion): as for any token of a member that is gone.
            return Problems.Unauthorized("This member no longer exists. Start a new anonymous session to continue.");
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.Unavailable)
        {
            RetryLater(http);
            return Problems.Unavailable(e.Message);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            logger.LogWarning("Member deletion failed ({ExceptionType})", e.GetType().Name);
            RetryLater(http);
            return Problems.Unavailable("Your data could not be deleted just now. Please try again in a moment.");
        }
    }

    /// <summary>Every 503 of the REST API says when to try again (docs/operations.md).</summary>
    private static void RetryLater(HttpContext http) =>
        http.Response.Headers.RetryAfter = UnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
