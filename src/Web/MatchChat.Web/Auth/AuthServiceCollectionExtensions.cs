using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;

namespace MatchChat.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Token auth with the shared signing key <c>MatchChat:Auth:SigningKey</c> (base64, at least 32 bytes).
    /// Without it, Embedded mode generates one (tokens then end with the process); Client mode refuses to start.
    /// </summary>
    public static WebApplicationBuilder AddMatchChatAuth(this WebApplicationBuilder builder, bool embedded)
    {
        var configured = builder.Configuration["MatchChat:Auth:SigningKey"];
        byte[] key;
        var generated = false;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!embedded)
            {
                throw new InvalidOperationException(
                    "MatchChat__Auth__SigningKey is required in Client mode: a base64 key of at least 32 bytes shared by all web nodes.");
            }

            key = RandomNumberGenerator.GetBytes(32);
            generated = true;
        }
        else
        {
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("MatchChat__Auth__SigningKey must be base64.");
            }

            if (key.Length < 32)
            {
                throw new InvalidOperationException("MatchChat__Auth__SigningKey must decode to at least 32 bytes.");
            }
        }

        var previous = (builder.Configuration["MatchChat:Auth:PreviousSigningKeys"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParsePreviousKey)
            .ToArray();
        var lifetime = TimeSpan.FromDays(builder.Configuration.GetValue("MatchChat:Auth:TokenLifetimeDays", 30.0));
        builder.Services.AddSingleton(sp => new TokenService(key, lifetime, sp.GetRequiredService<TimeProvider>(), previous));
        builder.Services.AddSingleton(new SigningKeySource(generated));
        builder.Services.AddSingleton<MemberStandingGate>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }

    private static byte[] ParsePreviousKey(string value)
    {
        try
        {
            var key = Convert.FromBase64String(value);
            return key.Length >= 32
                ? key
                : throw new InvalidOperationException("Each key in MatchChat__Auth__PreviousSigningKeys must decode to at least 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("MatchChat__Auth__PreviousSigningKeys must be base64 keys separated by commas.");
        }
    }
}
