using MatchChat.Contracts.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Counts hub connections open on this node, for <see cref="MatchChatMetrics"/>; it changes nothing about a connection.
/// It leaves invocations to the interface's default (a plain call of the next filter): the calls a rate limit refused
/// are counted by <see cref="HubErrorFilter"/>, which every invocation passes anyway.
/// </summary>
public sealed class MetricsHubFilter : IHubFilter
{
    private static readonly object Counted = new();

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
}
