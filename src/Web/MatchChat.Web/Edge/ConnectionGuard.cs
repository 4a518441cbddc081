using System.Buffers;
using System.Security.Claims;
using MatchChat.Web.Auth;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Edge;

/// <summary>
/// Runs around every hub connection, below SignalR. It refuses a connection over the per-member or per-address cap
/// with a handshake error (<c>rate_limited: …</c>, which clients show), and closes a connection that sends nothing
/// for the client timeout from its start (SignalR's own timeout only begins after the first message that follows
/// the handshake, so a client that completed the handshake and went silent stayed open), and one whose token expired.
/// </summary>
public sealed class ConnectionGuard(ConnectionRegistry registry, IOptions<EdgeOptions> options, TimeProvider time, ILogger<ConnectionGuard> logger)
{
    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var http = connection.Features.Get<IHttpContextFeature>()?.HttpContext;
        var user = connection.Features.Get<IConnectionUserFeature>()?.User ?? http?.User;
        var memberId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var refusal = registry.TryOpen(connection.ConnectionId, memberId, ClientAddress.Partition(http?.Connection.RemoteIpAddress), reason =>
            connection.Abort(new ConnectionAbortedException(reason)));
        if (refusal is not null)
        {
            logger.LogInformation("Hub connection refused: over a connection cap");
            await RefuseAsync(connection, refusal);
            return;
        }

        try
        {
            var transport = new ObservedTransport(connection.Transport, time);
            connection.Transport = transport;
            var silentFor = TimeSpan.FromSeconds(options.Value.ClientTimeoutSeconds);
            // Long polling has no pings: each poll is its own request, and the connection ends when the polls stop.
            var watchSilence = connection.Features.Get<IConnectionInherentKeepAliveFeature>()?.HasInherentKeepAlive != true;
            var expiresAt = TokenService.ExpiresAt(user);
            var closed = 0;
            connection.Features.Get<IConnectionHeartbeatFeature>()?.OnHeartbeat(_ =>
            {
                var now = time.GetUtcNow();
                var reason = now >= expiresAt ? "The token expired."
                    : watchSilence && now - transport.LastReceived > silentFor ? "The client sent nothing for the client timeout."
                    : null;
                if (reason is not null && Interlocked.Exchange(ref closed, 1) == 0)
                {
                    logger.LogDebug("Hub connection closed: {Reason}", reason);
                    connection.Abort(new ConnectionAbortedException(reason));
                }
            }, null!);

            await next(connection);
        }
        finally
        {
            registry.Close(connection.ConnectionId);
        }
    }

    /// <summary>Waits for the client's handshake request (briefly), then answers it with the error and ends the connection.</summary>
    private async Task RefuseAsync(ConnectionContext connection, string error)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(5, options.Value.HandshakeTimeoutSeconds)));
        try
        {
            var input = connection.Transport.Input;
            while (true)
            {
                var read = await input.ReadAsync(timeout.Token);
                var end = read.Buffer.PositionOf((byte)0x1e);
                if (end is not null || read.IsCompleted || read.IsCanceled)
                {
                    input.AdvanceTo(read.Buffer.End);
                    break;
                }

                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }

            HandshakeProtocol.WriteResponseMessage(new HandshakeResponseMessage(error), connection.Transport.Output);
            await connection.Transport.Output.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The client never sent its handshake: closing is answer enough.
        }
    }
}
