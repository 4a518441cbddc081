using MatchChat.Web.Admin;
using Microsoft.AspNetCore.Http.Features;

namespace MatchChat.Web.Dashboard;

/// <summary>
/// <c>GET/POST /dashboard/signin</c> and <c>POST /dashboard/signout</c>. A form posts the admin key; when it matches, the
/// node sets the session cookie (HttpOnly, SameSite=Strict, Secure on HTTPS, path /dashboard) and sends the browser on to
/// the dashboard. The key is never logged, stored or echoed; refusals are logged as a count at most once a minute.
/// </summary>
public sealed partial class DashboardSignIn(AdminKey adminKey, DashboardSession session, TimeProvider time, ILogger<DashboardSignIn> logger)
{
    private const int MaxFormBytes = 4096;
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _refusalLock = new();
    private DateTimeOffset _lastRefusalLog = DateTimeOffset.MinValue;
    private int _refusalsNotLogged;

    public Task ShowAsync(HttpContext context) => WritePageAsync(context, StatusCodes.Status200OK, refused: false);

    public async Task SubmitAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!adminKey.Matches(form["key"].ToString()))
        {
            CountRefusal();
            await WritePageAsync(context, StatusCodes.Status401Unauthorized, refused: true);
            return;
        }

        var value = session.Issue(out var expires);
        context.Response.Cookies.Append(DashboardSession.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = DashboardPaths.Prefix,
            Expires = expires,
            IsEssential = true,
        });
        LogSignedIn(logger);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = context.Request.PathBase + DashboardPaths.Prefix + "/";
    }

    public Task SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(DashboardSession.CookieName, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = DashboardPaths.Prefix,
        });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = context.Request.PathBase + DashboardPaths.SignIn;
        return Task.CompletedTask;
    }

    private static Task WritePageAsync(HttpContext context, int status, bool refused)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = SignInPage.ContentSecurityPolicy;
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return context.Response.WriteAsync(SignInPage.Render(refused), context.RequestAborted);
    }

    private void CountRefusal()
    {
        int count;
        lock (_refusalLock)
        {
            _refusalsNotLogged++;
            var now = time.GetUtcNow();
            if (now - _lastRefusalLog < RefusalLogInterval)
            {
                return;
            }

            _lastRefusalLog = now;
            count = _refusalsNotLogged;
            _refusalsNotLogged = 0;
        }

        LogRefused(logger, count);
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Dashboard sign-in accepted")]
    private static partial void LogSignedIn(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Dashboard sign-in refused: wrong admin key ({Count} refusals since the last such entry)")]
    private static partial void LogRefused(ILogger logger, int count);
}
