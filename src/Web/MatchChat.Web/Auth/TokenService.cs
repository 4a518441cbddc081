using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MatchChat.Web.Auth;

/// <summary>
/// Signed bearer tokens: base64url("v1|memberId|ageGroup|expiresUnix") + "." + base64url(HMAC-SHA256).
/// Valid on every web node that shares the signing key, across restarts. Tokens signed with a previous key
/// (<c>MatchChat:Auth:PreviousSigningKeys</c>, verify-only) stay valid until they expire, so the key can be rotated
/// without ending every member's session.
/// </summary>
public sealed class TokenService(byte[] key, TimeSpan lifetime, TimeProvider time, IReadOnlyList<byte[]>? previousKeys = null)
{
    public const string AgeGroupClaim = "age_group";
    public const string ExpiresClaim = "exp";

    /// <summary>When the principal's token expires (never, for a principal without one).</summary>
    public static DateTimeOffset ExpiresAt(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(ExpiresClaim)?.Value, out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.MaxValue;

    public (string Token, DateTime ExpiresAt) Issue(string memberId, string ageGroup)
    {
        var expires = time.GetUtcNow().UtcDateTime.Add(lifetime);
        expires = new DateTime(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var payload = Encoding.UTF8.GetBytes($"v1|{memberId}|{ageGroup}|{new DateTimeOffset(expires).ToUnixTimeSeconds()}");
        var body = WebEncoders.Base64UrlEncode(payload);
        return (body + "." + Sign(body, key), expires);
    }

    /// <summary>
    /// The token's principal when it was signed here (with the current or a previous key) and has not expired, or, with
    /// <paramref name="allowExpired"/>, expired less than <see cref="ExpiredGrace"/> ago: accepted only where a member
    /// must not be locked out, erasing their own data.
    /// </summary>
    public ClaimsPrincipal? Validate(string? token, string scheme, bool allowExpired = false)
    {
        return Validate(token, scheme, allowExpired ? ExpiredGrace : TimeSpan.Zero);
    }

    /// <summary>How long after its expiry a token still erases its member's data (never longer: a token left on a shared
    /// device or in a log must not stay a deletion key for ever).</summary>
    public static readonly TimeSpan ExpiredGrace = TimeSpan.FromDays(180);

    private ClaimsPrincipal? Validate(string? token, string scheme, TimeSpan grace)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var dot = token.IndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var body = token[..dot];
        var signature = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        var valid = CryptographicOperations.FixedTimeEquals(signature, Encoding.ASCII.GetBytes(Sign(body, key)));
        foreach (var previous in previousKeys ?? [])
        {
            valid |= CryptographicOperations.FixedTimeEquals(signature, Encoding.ASCII.GetBytes(Sign(body, previous)));
        }

        if (!valid)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(body)).Split('|');
        }
        catch (FormatException)
        {
            return null;
        }

        if (parts.Length != 4 || parts[0] != "v1" || !long.TryParse(parts[3], out var exp)
            || DateTimeOffset.FromUnixTimeSeconds(exp) + grace <= time.GetUtcNow())
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, parts[1]), new Claim(AgeGroupClaim, parts[2]), new Claim(ExpiresClaim, parts[3])], scheme);
        return new ClaimsPrincipal(identity);
    }

    private static string Sign(string body, byte[] signingKey) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(body)));
}
