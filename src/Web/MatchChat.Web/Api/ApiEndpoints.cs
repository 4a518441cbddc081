using System.Text.Json;
using MatchChat.Contracts;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Topics;
using MatchChat.Web.Auth;

namespace MatchChat.Web.Api;

public static class ApiEndpoints
{
    public static WebApplication MapMatchChatApi(this WebApplication app)
    {
        app.MapPost("/api/members", CreateMember);
        app.MapMemberDeletion();
        app.MapMemberStanding();
        app.MapMemberAppeal();
        app.MapTokenRenewal();
        app.MapMethods("/api/topics", ["GET", "HEAD"], (TopicCatalog topics) => Results.Ok(topics.All));
        app.MapMatchChatHealth();
        app.MapResourceEndpoints();
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
        MemberLocaleInput locale;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            ageGroup = body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("ageGroup", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            locale = MemberLocaleInput.Read(body.RootElement, request.Headers.AcceptLanguage.ToString());
        }
        catch (JsonException)
        {
            return Problems.Invalid("The body must be JSON such as {\"ageGroup\":\"adult\"}.");
        }
        catch (InvalidOperationException)
        {
            return Problems.BrokenCharacter();
        }

        if (!AgeGroups.IsValid(ageGroup))
        {
            return Problems.Invalid("ageGroup must be \"adult\" or \"teen\" (13 to 17).");
        }

        if (locale.Error is { } localeError)
        {
            return Problems.Invalid(localeError);
        }

        var memberId = Ids.New();
        Member? member;
        try
        {
            member = await MemberCreation.CreateAsync(grains, memberId, ageGroup!, HandleGenerator.Next, logger, locale.Region, locale.Language);
        }
        catch (Exception e) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Member creation failed ({ExceptionType})", e.GetType().Name);
            request.HttpContext.Response.Headers.RetryAfter = "2";
            return Problems.Unavailable("Your member could not be created just now. Please try again in a moment.");
        }

        if (member is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = "2";
            return Problems.Unavailable("No free name could be found just now. Please try again.");
        }

        var (token, expiresAt) = tokens.Issue(memberId, member.AgeGroup);
        logger.LogInformation("Member created ({AgeGroup})", member.AgeGroup);
        return Results.Json(new CreateMemberResponse(memberId, member.Handle, member.AgeGroup, token, expiresAt), statusCode: StatusCodes.Status201Created);
    }
}
