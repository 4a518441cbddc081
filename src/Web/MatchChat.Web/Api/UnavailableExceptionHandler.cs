using MatchChat.Contracts.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace MatchChat.Web.Api;

/// <summary>
/// A REST request that failed because the cluster or its storage could not answer in time (a grain call timed out, no
/// silo was reachable, a storage pool stayed full) gets 503 <c>unavailable</c> with <c>Retry-After</c>, never a 500:
/// the same request succeeds when retried. Anything else stays a plain 500 without detail. The exception's text never
/// reaches the client; only its type is logged.
/// </summary>
public sealed class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || context.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("Request answered 503 after {ExceptionType}", exception.GetType().Name);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.Unavailable("The service is busy or briefly unreachable. Please try again in a few seconds.").ExecuteAsync(context);
        return true;
    }

    /// <summary>
    /// Timeouts, Orleans' "no silo / no answer" failures and storage that could not be reached, wherever nested. A web node
    /// in <c>Client</c> mode receives a silo's storage failure (a grain whose state could not be read while PostgreSQL was
    /// down) as <see cref="Orleans.Serialization.CodecNotFoundException"/>: the driver's exception type has no codec, so
    /// that counts as storage too (an outside probe saw the admin API answer 500 during an outage).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or OrleansException or System.Data.Common.DbException
                || e is MatchChatException { Code: ErrorCodes.Unavailable }
                || IsRelayedFailure(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A silo's exception that could not be sent here: the missing codec names an exception type (a contract
    /// type without a codec is a bug and stays a 500).</summary>
    private static bool IsRelayedFailure(Exception e) =>
        e is Orleans.Serialization.CodecNotFoundException && e.Message.Contains("Exception", StringComparison.Ordinal);
}
