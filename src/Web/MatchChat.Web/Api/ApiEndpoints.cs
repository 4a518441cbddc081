using System.Text.Json;
using MatchChat.Contracts.Health;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Topics;
using MatchChat.Contracts;
using MatchChat.Storage.Postgres;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

public static class ApiEndpoints
{
    public static WebApplication MapMatchChatApi(this WebApplication app)
    {
        app.MapPost("/api/members", CreateMember);
        app.MapGet("/api/topics", (TopicCatalog topics) => Results.Ok(topics.All));
        app.MapGet("/healthz", Health);
        return app;
    }

    private static async Task<IResult> CreateMember(
        HttpRequest request, IGrainFactory grains, TokenService tokens, MemberCreationLimiter limiter, ILogger<TokenService> logger)
    {
        if (!limiter.TryAcquire(request.HttpContext.Connection.RemoteIpAddress, out var retryAfter))
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.RateLimited("Too many new members from your network just now. Please wait a minute and try again.");
        }

        string? ageGroup;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            ageGroup = body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("ageGroup", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return Problems.Invalid("The body must be JSON such as {\"ageGroup\":\"adult\"}.");
        }

        if (!AgeGroups.IsValid(ageGroup))
        {
            return Problems.Invalid("ageGroup must be \"adult\" or \"teen\" (13 to 17).");
        }

        var memberId = Ids.New();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var handle = HandleGenerator.Next();
            if (await grains.GetGrain<IHandleGrain>(handle).Claim(memberId))
            {
                var member = await grains.GetGrain<IMemberGrain>(memberId).Create(handle, ageGroup!);
                var (token, expiresAt) = tokens.Issue(memberId, member.AgeGroup);
                logger.LogInformation("Member created ({AgeGroup})", member.AgeGroup);
                return Results.Json(new CreateMemberResponse(memberId, member.Handle, member.AgeGroup, token, expiresAt), statusCode: StatusCodes.Status201Created);
            }
        }

        return Problems.Unavailable("No free name could be found just now. Please try again.");
    }

    private static async Task<IResult> Health(IGrainFactory grains, IConfiguration configuration, ILogger<HealthCheckLog> logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await grains.GetGrain<IPingGrain>(0).Ping().WaitAsync(timeout.Token);
            if (configuration.GetConnectionString("MatchChat") is { Length: > 0 } connectionString
                && !await PostgresHealth.PostgresAnswersAsync(connectionString, timeout.Token))
            {
                logger.LogWarning("Health: PostgreSQL does not answer");
                return Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Ok(new { status = "ok" });
        }
        catch (Exception e)
        {
            logger.LogWarning("Health: the cluster does not answer ({ExceptionType})", e.GetType().Name);
            return Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
