namespace MatchChat.Web.Auth;

/// <summary>Where a request carries a member's token: <c>Authorization: Bearer</c> or, for WebSockets, the <c>access_token</c> query parameter.</summary>
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

        return request.Query.TryGetValue("access_token", out var fromQuery) ? fromQuery.ToString() : null;
    }
}
