using System.Text.Json;
using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Web.Hubs;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members/me/appeal</c> <c>{"text"}</c> with the member's bearer token (docs/PROTOCOL.md "Additions: appeals"):
/// a suspended or banned member asks a moderator to review the suspension, once per suspension → 201 with their view of
/// the appeal. It answers while the member is suspended (the hub refuses them), so it reads the token as
/// <see cref="MemberStandingEndpoint"/> does. Not suspended, or already appealed: 409. The text is never logged.
/// </summary>
public static class MemberAppealEndpoint
{
    public const int MaxTextLength = 1000;

    public static WebApplication MapMemberAppeal(this WebApplication app)
    {
        app.MapPost("/api/members/me/appeal", FileAppeal);
        return app;
    }

    private static async Task<IResult> FileAppeal(HttpContext http, Auth.TokenService tokens, IGrainFactory grains, ILogger<Auth.TokenService> logger)
    {
        if (OwnToken.MemberId(http, tokens) is not { } memberId)
        {
            return OwnToken.Refused();
        }

        string text;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var value = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("text", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            text = InputRules.RequiredText(value, "text", MaxTextLength);
        }
        catch (JsonException)
        {
            return Problems.Invalid("The body must be JSON such as {\"text\":\"Why the suspension should be reviewed\"}.");
        }
        catch (InvalidOperationException)
        {
            return Problems.BrokenCharacter();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.Invalid)
        {
            return Problems.Invalid(e.Message);
        }

        try
        {
            var appeal = await grains.Ref<IMemberGrain>(memberId).FileAppeal(text);
            return Results.Json(MemberAppealView.From(appeal), statusCode: StatusCodes.Status201Created);
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            return OwnToken.Gone();
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.Conflict)
        {
            return Problems.Conflict(e.Message);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Filing an appeal failed ({ExceptionType})", e.GetType().Name);
            OwnToken.RetryLater(http);
            return Problems.Unavailable("Your appeal could not be sent just now. Please try again in a moment.");
        }
    }
}
