using System.Text.Json;
using MatchChat.Contracts;
using MatchChat.Contracts.Members;
using MatchChat.Web.Api;
using MatchChat.Web.Safety;

namespace MatchChat.Web.Admin;

/// <summary>
/// The operator's API under <c>/api/admin</c> (PROTOCOL.md, "Trust and safety"): <c>Authorization: Bearer &lt;admin key&gt;</c>,
/// compared in constant time. With no admin key configured every route answers 404, as if it did not exist.
/// </summary>
public static class AdminEndpoints
{
    public static WebApplication MapMatchChatAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").AddEndpointFilter(RequireAdminKey);
        admin.MapPost("/moderators", GrantModerator);
        admin.MapDelete("/moderators/{handle}", (string handle, IGrainFactory grains) => SetModerator(grains, handle, false));
        return app;
    }

    private static async ValueTask<object?> RequireAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<AdminKey>();
        if (!key.IsConfigured)
        {
            return Results.NotFound();
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : null;
        if (!key.Matches(presented))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Send the operator's admin key as Authorization: Bearer <key>.");
        }

        return await next(context);
    }

    private static async Task<IResult> GrantModerator(HttpRequest request, IGrainFactory grains)
    {
        string? handle;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            handle = body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("handle", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return Problems.Invalid("The body must be JSON such as {\"handle\":\"QuietHarbor-417\"}.");
        }
        catch (InvalidOperationException)
        {
            return Problems.BrokenCharacter();
        }

        return await SetModerator(grains, handle, true);
    }

    private static async Task<IResult> SetModerator(IGrainFactory grains, string? handle, bool moderator)
    {
        var trimmed = handle?.Trim();
        if (!HandleDirectory.LooksValid(trimmed))
        {
            return Problems.Invalid("handle must be a member's handle such as QuietHarbor-417.");
        }

        var memberId = await HandleDirectory.FindAsync(grains, trimmed!);
        if (memberId is null)
        {
            return Problems.NotFound("No member has that handle.");
        }

        var grain = grains.Ref<IMemberGrain>(memberId);
        if (moderator && (await grain.GetStanding()).AgeGroup == AgeGroups.Teen)
        {
            // Moderators read report evidence (sexual and underage reports included) and crisis contexts.
            return Problems.Conflict("A teen member (13 to 17) cannot be a moderator.");
        }

        var member = await grain.SetModerator(moderator);
        return Results.Ok(new { handle = member.Handle, roles = member.Roles });
    }
}
