namespace MatchChat.Web.Auth;

/// <summary>Where a request carries a member's token: <c>Authorization: Bearer</c> or, on the hub's paths only, the <c>access_token</c> query parameter.</summary>
public static class BearerToken
{
    /// <summary>The token, or null when the request carries none.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // Only where a browser cannot send a header (the hub's WebSocket and its fallbacks): a token in a REST URL ends up
        // in proxies' and browsers' histories (an outside probe renewed a token given as ?access_token=).
        return request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && request.Query.TryGetValue("access_token", out var fromQuery) ? fromQuery.ToString() : null;
    }
}
