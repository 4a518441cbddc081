using System.Text.Json;
using MatchChat.Contracts.Crisis;

namespace MatchChat.Web.Api;

/// <summary>
/// [crisis] <c>POST /api/members</c>'s optional <c>region</c> (ISO 3166-1 alpha-2, e.g. <c>GB</c>) and <c>language</c>
/// (a BCP 47 primary tag, e.g. <c>es</c>): they choose the member's crisis resources. Absent: the first
/// <c>Accept-Language</c> tag's region and language; absent there too, null (the operator's default region applies when
/// resources are chosen). A value that is present but malformed is refused.
/// </summary>
public sealed record MemberLocaleInput(string? Region, string? Language, string? Error)
{
    public static MemberLocaleInput Read(JsonElement body, string acceptLanguage)
    {
        string? region = null, language = null;
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("region", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                region = r.ValueKind == JsonValueKind.String && ResourceCatalog.IsRegion(r.GetString()) ? r.GetString()!.ToUpperInvariant() : null;
                if (region is null)
                {
                    return new(null, null, "region must be a two-letter country code (ISO 3166-1 alpha-2) such as GB or BR, or left out.");
                }
            }

            if (body.TryGetProperty("language", out var l) && l.ValueKind != JsonValueKind.Null)
            {
                language = l.ValueKind == JsonValueKind.String && IsPrimaryTag(l.GetString()) ? l.GetString()!.ToLowerInvariant() : null;
                if (language is null)
                {
                    return new(null, null, "language must be a two- or three-letter language code (a BCP 47 primary tag) such as en or pt, or left out.");
                }
            }
        }

        region ??= ResourceEndpoints.RegionFromAcceptLanguage(acceptLanguage);
        language ??= LanguageFromAcceptLanguage(acceptLanguage);
        return new(region, language, null);
    }

    public static bool IsPrimaryTag(string? value) => value is { Length: 2 or 3 } && value.All(char.IsAsciiLetter);

    /// <summary>The primary tag of the first <c>Accept-Language</c> entry: "pt-BR,pt;q=0.9" → pt; "*" → null.</summary>
    internal static string? LanguageFromAcceptLanguage(string header)
    {
        var first = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var primary = first?.Split(';')[0].Trim().Split('-')[0];
        return IsPrimaryTag(primary) ? primary!.ToLowerInvariant() : null;
    }
}
