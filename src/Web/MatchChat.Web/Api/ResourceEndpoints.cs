using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Topics;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>GET /api/resources?region=&amp;language=&amp;topic=</c>, no token: crisis lines first, then helplines,
/// professional help and communities. No region: the one in <c>Accept-Language</c> (e.g. <c>en-GB</c>), else
/// <c>MatchChat:Resources:DefaultRegion</c>.
/// </summary>
public static class ResourceEndpoints
{
    public static WebApplication MapResourceEndpoints(this WebApplication app)
    {
        app.MapGet("/api/resources", GetResources);
        return app;
    }

    private static IResult GetResources(HttpRequest request, ResourceCatalog catalog, Contracts.Topics.TopicCatalog topics)
    {
        var region = request.Query["region"].ToString();
        var language = request.Query["language"].ToString();
        var topic = request.Query["topic"].ToString();
        if (region.Length > 0 && !ResourceCatalog.IsRegion(region))
        {
            return Problems.Invalid("region must be a two-letter country code such as GB or BR.");
        }

        if (language.Length > 0 && !IsLanguage(language))
        {
            return Problems.Invalid("language must be a two- or three-letter lower-case language code such as en or pt.");
        }

        if (topic.Length > 0 && !SlugPattern.IsValid(topic))
        {
            return Problems.Invalid("topic must be a topic slug such as grief (lower-case letters, digits and dashes).");
        }

        if (topic.Length > 0 && topics.Find(topic) is null)
        {
            return Problems.NotFound("There is no topic with that name. GET /api/topics lists them.");
        }

        if (region.Length == 0)
        {
            region = RegionFromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) ?? catalog.DefaultRegion;
        }

        return Results.Ok(catalog.For(region, language.Length > 0 ? language : null, topic.Length > 0 ? topic : null));
    }

    private static bool IsLanguage(string value) =>
        value.Length is 2 or 3 && value.All(c => c is >= 'a' and <= 'z');

    /// <summary>The region of the first <c>Accept-Language</c> tag that has one: "pt-BR,pt;q=0.9" → BR.</summary>
    internal static string? RegionFromAcceptLanguage(string header)
    {
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.Split(';')[0].Trim();
            var pieces = tag.Split('-');
            if (pieces.Length >= 2 && ResourceCatalog.IsRegion(pieces[^1]))
            {
                return pieces[^1].ToUpperInvariant();
            }
        }

        return null;
    }
}
