using System.Security.Claims;
using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>DELETE /api/members/me</c> with the member's bearer token → 204: the same as the hub's <c>DeleteMe()</c>
/// (PROTOCOL.md "Deletion and retention"). The token is refused (401) from then on, so a second call answers 401.
/// </summary>
public static class MemberDeletionEndpoint
{
    public static WebApplication MapMemberDeletion(this WebApplication app)
    {
        app.MapDelete("/api/members/me", DeleteMe)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return app;
    }

    private static async Task<IResult> DeleteMe(HttpContext http, ClaimsPrincipal user, IGrainFactory grains, ILogger<TokenService> logger)
    {
        try
        {
            await grains.Ref<IMemberGrain>(user.FindFirstValue(ClaimTypes.NameIdentifier)!).Delete();
            return Results.NoContent();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            return Problems.NotFound(e.Message);
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
