using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Topics;
using MatchChat.Web.Api;
using MatchChat.Web.Clients;
using MatchChat.Web.Hubs;
using MatchChat.Web.Push;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddMatchChatWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TopicCatalog.FromConfiguration(configuration));
        services.TryAddSingleton(ResourceCatalog.FromConfiguration(configuration));
        services.Configure<PushOptions>(configuration.GetSection("MatchChat:Push"));
        services.AddSingleton(sp =>
        {
            var hub = sp.GetRequiredService<IHubContext<ChatHub, IChatClient>>();
            return new ChatClients(hub.Clients, hub.Groups);
        });
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<LocalBlocks>();
        services.AddSingleton<BlockRateLimiter>();
        services.AddSingleton<SuggestionRateLimiter>();
        services.AddSingleton<OrderedSends>();
        services.AddSingleton<MemberCloser>();
        services.AddSingleton<PushBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<PushBridge>());
        services.AddSingleton<ModeratorConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<ModeratorConnections>());
        services.AddSingleton<MessageRateLimiter>();
        services.AddSingleton<ReportRateLimiter>();
        services.AddSingleton<ModeratorPush>();
        services.AddHostedService(sp => sp.GetRequiredService<ModeratorPush>());
        services.AddSingleton<ReportServices>();
        services.AddSingleton<TypingThrottle>();
        services.AddSingleton<MemberCreationLimiter>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<HubErrorFilter>();
        // Every invocation failure passes HubErrorFilter, which logs the unexpected ones (type only) and counts the
        // refusals; SignalR's own entry would add a stack trace for each refused call.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical));
        // Every problem body says `code: sentence` (an outside probe: 404 and 405 under /api came with no detail).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => "not_found: There is nothing at this address.",
            StatusCodes.Status405MethodNotAllowed => "invalid: This address does not take that method.",
            StatusCodes.Status415UnsupportedMediaType => "invalid: Send the body as JSON (Content-Type: application/json).",
            StatusCodes.Status400BadRequest => "invalid: The request could not be read.",
            StatusCodes.Status401Unauthorized => "forbidden: Sign in again: your session is missing, expired or not valid here.",
            StatusCodes.Status403Forbidden => "forbidden: You may not do that.",
            StatusCodes.Status413PayloadTooLarge => "invalid: The request is too large.",
            StatusCodes.Status429TooManyRequests => "rate_limited: Too many requests. Wait a little, then try again.",
            StatusCodes.Status503ServiceUnavailable => "unavailable: The service is busy just now. Please try again in a moment.",
            _ => null,
        });
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddSignalR(o =>
        {
            o.EnableDetailedErrors = false;
            // A message of 4,000 characters must fit however the client writes JSON: escaped as \uD83D\uDE42, an emoji
            // is 12 bytes, so 4,000 of them are 48 KB, past SignalR's default 32 KB (the connection was closed). And a
            // text far over the limits (a pasted document, 100,000 characters) must get `invalid: … too long`, not a
            // closed connection (an outside probe at 64 KB): 256 KB. Past that SignalR closes the connection.
            o.MaximumReceiveMessageSize = 256 * 1024;
            o.AddFilter<HubErrorFilter>();
        });
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol, OptionalArgumentsHubProtocol>();
        return services;
    }
}
