using System.Security.Cryptography;
using MatchChat.Web.Auth;

namespace MatchChat.Tests.Auth;

/// <summary>Rotating the signing key keeps members' sessions: old tokens stay valid (verify-only) until they expire.</summary>
public sealed class SigningKeyRotationTests
{
    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_token_signed_with_the_previous_key_is_accepted_and_new_tokens_are_signed_with_the_new_key()
    {
        var before = new TokenService(OldKey, TimeSpan.FromDays(30), TimeProvider.System);
        var (oldToken, _) = before.Issue("member-1", "adult");

        var rotated = new TokenService(NewKey, TimeSpan.FromDays(30), TimeProvider.System, [OldKey]);
        Assert.Equal("member-1", rotated.Validate(oldToken, "test")!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);

        var (newToken, _) = rotated.Issue("member-2", "adult");
        Assert.Null(before.Validate(newToken, "test"));
        Assert.NotNull(new TokenService(NewKey, TimeSpan.FromDays(30), TimeProvider.System).Validate(newToken, "test"));
    }

    [Fact]
    public void Without_the_previous_key_an_old_token_is_refused_and_a_forged_one_always_is()
    {
        var (oldToken, _) = new TokenService(OldKey, TimeSpan.FromDays(30), TimeProvider.System).Issue("member-1", "adult");
        Assert.Null(new TokenService(NewKey, TimeSpan.FromDays(30), TimeProvider.System).Validate(oldToken, "test"));

        var forged = oldToken[..oldToken.IndexOf('.')] + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(new TokenService(NewKey, TimeSpan.FromDays(30), TimeProvider.System, [OldKey]).Validate(forged, "test"));
    }
}
