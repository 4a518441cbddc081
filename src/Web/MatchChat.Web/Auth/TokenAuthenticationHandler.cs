using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Auth;

/// <summary>Reads the bearer token from <c>Authorization: Bearer</c> or, for WebSockets, the <c>access_token</c> query parameter,
/// and accepts it while its member exists and is not suspended (<see cref="MemberStandingGate"/>).</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenService tokens,
    MemberStandingGate standing) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "MatchChatToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = tokens.Validate(token, SchemeName);
        if (principal is null)
        {
            return AuthenticateResult.Fail("invalid token");
        }

        // Suspended, banned or deleted: refused on every node until that ends (MemberStandingGate).
        return await standing.AllowsAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!)
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail("member not in good standing");
    }

    /// <summary>The 401 says what to send, in the contract's <c>code: sentence</c> (it had an empty problem body; an outside probe).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Api.Problems.Unauthorized(
            "Send your member token (Authorization: Bearer, or access_token for a WebSocket). A token that is missing, expired, "
            + "not valid here, or whose member is suspended or deleted is refused; POST /api/members/me/standing tells which.")
            .ExecuteAsync(Context);
}
