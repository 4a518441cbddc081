using Microsoft.Extensions.Options;

namespace MatchChat.Web.Edge;

/// <summary>
/// A browser names the page that opened a request in <c>Origin</c>; the hub and the API answer 403
/// (<c>forbidden: …</c>) to a page of any other site, so another site cannot use a visitor's browser to talk to this
/// node. Allowed: the node's own origin (the host the request was sent to), the origins in
/// <see cref="EdgeOptions.AllowedOrigins"/>, and requests without <c>Origin</c> (programs other than browsers).
/// <c>Origin: null</c> (sandboxed frames, local files) is refused.
/// </summary>
public sealed class OriginPolicy(RequestDelegate next, IOptions<EdgeOptions> options)
{
    private readonly HashSet<string> _allowed = [.. options.Value.AllowedOrigins.Select(o => Normalise(o) ?? o.Trim())];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/api"))
        {
            return next(context);
        }

        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0 || IsAllowed(origin.ToString(), context.Request))
        {
            return next(context);
        }

        return Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "forbidden: This server does not accept requests from pages of other web sites. Open the page this server serves.")
            .ExecuteAsync(context);
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (_allowed.Contains("*"))
        {
            return true;
        }

        var normalised = Normalise(origin);
        if (normalised is null)
        {
            return false;
        }

        return _allowed.Contains(normalised)
            || string.Equals(new Uri(normalised).Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>scheme://host[:port]</c> in lower case without a default port, or null when it is not an http(s) origin.</summary>
    private static string? Normalise(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? $"{uri.Scheme}://{uri.Authority}".ToLowerInvariant()
            : null;
}
