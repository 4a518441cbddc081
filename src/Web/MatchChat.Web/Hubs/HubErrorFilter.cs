using System.Runtime.CompilerServices;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Turns failures into the contract's <c>code: sentence</c>. Anything unexpected becomes <c>unavailable</c>; its
/// type is logged, never its message (which could carry user text) and never sent to the client. Expected refusals
/// go to <see cref="RefusalLog"/>; SignalR's own error entry for a failed invocation (a stack trace per call) is
/// turned off in <c>AddMatchChatWeb</c>, since every failure passes through here first. It also counts the calls
/// a rate limit refused (<see cref="MatchChatMetrics.RateLimited"/>, labelled with the hub method's name, a fixed set):
/// one filter on every invocation rather than two.
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger, RefusalLog refusals) : IHubFilter
{
    /// <summary>
    /// SignalR awaits an invocation's result once, so the state machine of a call that waits (most: they call a grain)
    /// comes from a pool instead of a new box per call.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e)
        {
            if (IsRateLimited(e))
            {
                MatchChatMetrics.RateLimited(invocationContext.HubMethodName);
            }

            throw Translate(e, invocationContext.HubMethodName, invocationContext.Context.UserIdentifier);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            throw Translate(e, "OnConnected", context.Context.UserIdentifier);
        }
    }

    private HubException Translate(Exception e, string method, string? memberId)
    {
        switch (e)
        {
            case MatchChatException known:
                if (known.Code != ErrorCodes.Unavailable)
                {
                    refusals.Record(memberId, method, known.Code);
                }

                return new HubException($"{known.Code}: {known.Message}");
            case HubException hub:
                return hub;
            case TimeoutException or OperationCanceledException:
                logger.LogWarning("Hub method {Method} timed out ({ExceptionType})", method, e.GetType().Name);
                return new HubException($"{ErrorCodes.Unavailable}: The service is busy right now. Please try again in a moment.");
            default:
                logger.LogError("Hub method {Method} failed with {ExceptionType}", method, e.GetType().FullName);
                return new HubException($"{ErrorCodes.Unavailable}: Something went wrong on our side. Please try again in a moment.");
        }
    }

    private static bool IsRateLimited(Exception e) => e switch
    {
        MatchChatException known => known.Code == ErrorCodes.RateLimited,
        HubException hub => hub.Message.StartsWith(ErrorCodes.RateLimited + ":", StringComparison.Ordinal),
        _ => false,
    };
}
