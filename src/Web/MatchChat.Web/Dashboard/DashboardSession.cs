using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MatchChat.Web.Admin;

namespace MatchChat.Web.Dashboard;

/// <summary>
/// The dashboard's sign-in cookie: <c>v1.{expiry unix seconds}.{HMAC-SHA256}</c> under a key derived from the admin key.
/// It proves the holder once presented the admin key without storing the key in the browser; every web node that has the
/// same admin key accepts it (no shared key ring needed), and changing the admin key ends every session.
/// </summary>
public sealed class DashboardSession(AdminKey adminKey, TimeProvider time)
{
    public const string CookieName = "matchchat-dashboard";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly byte[]? _macKey = adminKey.IsConfigured ? adminKey.Derive("MatchChat dashboard session v1") : null;

    public string Issue(out DateTimeOffset expires)
    {
        expires = time.GetUtcNow() + Lifetime;
        var payload = "v1." + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return payload + "." + Base64Url(Mac(payload));
    }

    public bool IsValid(string? cookie)
    {
        if (_macKey is null || string.IsNullOrEmpty(cookie) || cookie.Length > 128)
        {
            return false;
        }

        var lastDot = cookie.LastIndexOf('.');
        if (lastDot <= 0 || !cookie.StartsWith("v1.", StringComparison.Ordinal))
        {
            return false;
        }

        var payload = cookie[..lastDot];
        if (!long.TryParse(payload.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || expiresUnix <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var presented = FromBase64Url(cookie[(lastDot + 1)..]);
        return presented is not null && CryptographicOperations.FixedTimeEquals(presented, Mac(payload));
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_macKey!, Encoding.ASCII.GetBytes(payload));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
