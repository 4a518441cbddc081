using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members/me/standing</c> with the member's bearer token (docs/PROTOCOL.md "Additions: member standing"): a page
/// whose token the hub refused learns whether its member is suspended, until when and why, or active again. It answers
/// while the member is suspended, so it reads the token itself instead of going through <see cref="TokenAuthenticationHandler"/>
/// (which refuses a suspended member): a well-signed, unexpired token reads only its own member. A deleted or unknown member,
/// a bad or missing token: 401. Nothing about the member or the token is logged.
/// </summary>
public static class MemberStandingEndpoint
{
    public static WebApplication MapMemberStanding(this WebApplication app)
    {
        app.MapPost("/api/members/me/standing", ReadStanding);
        return app;
    }

    private static async Task<IResult> ReadStanding(HttpContext http, TokenService tokens, IGrainFactory grains, ILogger<TokenService> logger)
    {
        if (OwnToken.MemberId(http, tokens) is not { } memberId)
        {
            return OwnToken.Refused();
        }

        try
        {
            var member = grains.Ref<IMemberGrain>(memberId);
            var notice = await member.GetSuspension();
            return Results.Ok(MemberStandingResponse.From(notice, await member.GetAppeal()));
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            return OwnToken.Gone();
        }
        catch (Exception e) when (e is not MatchChatException && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Reading a member's standing failed ({ExceptionType})", e.GetType().Name);
            OwnToken.RetryLater(http);
            return Problems.Unavailable("Your account's standing could not be read just now. Please try again in a moment.");
        }
    }
}
