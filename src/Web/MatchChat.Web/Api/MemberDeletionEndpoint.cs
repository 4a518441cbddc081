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
        // An expired token still erases its member's data: the right to erasure does not lapse with a session.
        if (OwnToken.MemberId(http, tokens, allowExpired: true) is not { } memberId)
        {
            return OwnToken.Refused();
        }

        try
        {
            var member = grains.Ref<IMemberGrain>(memberId);
            if (!(await member.GetStanding()).Exists)
            {
                return OwnToken.Gone();
            }

            await member.Delete();
            return Results.NoContent();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            // Gone between the check and the deletion (a second tab's deletion): as for any token of a member that is gone.
            return OwnToken.Gone();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.Unavailable)
        {
            OwnToken.RetryLater(http);
            return Problems.Unavailable(e.Message);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            logger.LogWarning("Member deletion failed ({ExceptionType})", e.GetType().Name);
            OwnToken.RetryLater(http);
            return Problems.Unavailable("Your data could not be deleted just now. Please try again in a moment.");
        }
    }
}
