using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Counts hub connections open on this node and hub calls refused by a rate limit (labelled with the hub method's
/// name, a fixed set), for <see cref="MatchChatMetrics"/>. Registered after <see cref="HubErrorFilter"/>, so it sees
/// the hub's own exceptions; it changes nothing about a call.
/// </summary>
public sealed class MetricsHubFilter : IHubFilter
{
    private static readonly object Counted = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (IsRateLimited(e))
        {
            MatchChatMetrics.RateLimited(invocationContext.HubMethodName);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        // Counted once the hub accepted the connection; a connection refused in OnConnected never opened.
        context.Context.Items[Counted] = Counted;
        MatchChatMetrics.ConnectionOpened();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(Counted))
        {
            MatchChatMetrics.ConnectionClosed();
        }

        await next(context, exception);
    }

    private static bool IsRateLimited(Exception e) => e switch
    {
        MatchChatException known => known.Code == ErrorCodes.RateLimited,
        HubException hub => hub.Message.StartsWith(ErrorCodes.RateLimited + ":", StringComparison.Ordinal),
        _ => false,
    };
}
