using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>GET /healthz</c>: the registered health checks (the hosting project's cluster and PostgreSQL checks) as
/// 200 <c>{"status":"ok"}</c> or 503 <c>{"status":"unavailable"}</c>. Which check failed and why is logged, never sent.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IEndpointRouteBuilder MapMatchChatHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"])); // read-only: POST /healthz answered 200 (an outside probe)
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthStatusBody(report.Status == HealthStatus.Unhealthy ? "unavailable" : "ok"));
}
