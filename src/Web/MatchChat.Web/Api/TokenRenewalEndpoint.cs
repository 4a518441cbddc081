using MatchChat.Contracts;
using MatchChat.Contracts.Members;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members/me/token</c> with the member's bearer token (docs/PROTOCOL.md "Additions: token renewal"): a new
/// token for the same member with a fresh lifetime, <c>{token, expiresAt}</c>, so a member who keeps coming back is not
/// turned into a stranger when 30 days have passed. The old token stays valid until its own expiry. Expired, forged or
/// missing: 401; a deleted member: 401. A suspended member may renew too (the hub still refuses them): a suspension
/// longer than the token's life must not end with a stranger when it is lifted (an appeal, or its end).
/// </summary>
public static class TokenRenewalEndpoint
{
    public static WebApplication MapTokenRenewal(this WebApplication app)
    {
        app.MapPost("/api/members/me/token", Renew);
        return app;
    }

    private static async Task<IResult> Renew(HttpContext http, TokenService tokens, IGrainFactory grains, ILogger<TokenService> logger)
    {
        if (OwnToken.MemberId(http, tokens) is not { } memberId)
        {
            return OwnToken.Refused();
        }

        MemberStanding standing;
        try
        {
            standing = await grains.Ref<IMemberGrain>(memberId).GetStanding();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Renewing a token failed ({ExceptionType})", e.GetType().Name);
            OwnToken.RetryLater(http);
            return Problems.Unavailable("Your session could not be renewed just now. Please try again in a moment.");
        }

        if (!standing.Exists)
        {
            return OwnToken.Gone();
        }

        var (token, expiresAt) = tokens.Issue(memberId, standing.AgeGroup);
        return Results.Ok(new TokenRenewal(token, expiresAt));
    }
}

/// <summary><c>POST /api/members/me/token</c>'s answer.</summary>
public sealed record TokenRenewal(string Token, DateTime ExpiresAt);
