namespace MatchChat.Web.Dashboard;

/// <summary>
/// In front of everything under <c>/dashboard</c> except the sign-in: without a valid session cookie the page itself
/// redirects to the sign-in and every other path (the dashboard's JSON API, its assets) answers 401 with no content.
/// </summary>
public sealed class DashboardGate(RequestDelegate next, DashboardSession session)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(DashboardPaths.SignIn, StringComparison.OrdinalIgnoreCase)
            || path.Equals(DashboardPaths.SignOut, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (session.IsValid(context.Request.Cookies[DashboardSession.CookieName]))
        {
            return next(context);
        }

        if (IsPage(path) && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.Redirect(context.Request.PathBase + DashboardPaths.SignIn);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private static bool IsPage(PathString path) =>
        path.Equals(DashboardPaths.Prefix, StringComparison.OrdinalIgnoreCase)
        || path.Equals(DashboardPaths.Prefix + "/", StringComparison.OrdinalIgnoreCase)
        || path.Equals(DashboardPaths.Prefix + "/index.html", StringComparison.OrdinalIgnoreCase);
}
