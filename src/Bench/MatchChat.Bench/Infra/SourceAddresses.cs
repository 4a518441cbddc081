using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace MatchChat.Bench.Infra;

/// <summary>
/// Client sockets bound round-robin to 127.0.0.1..127.0.0.N, so one driver can hold more connections to one server
/// port than one source address has ephemeral ports (about 28,000 with Linux's default 32768–60999). With N = 1
/// (the default) nothing changes: the SignalR client opens its WebSockets itself, as before.
/// </summary>
public static class SourceAddresses
{
    private static int _next;
    private static IPAddress[] _addresses = [IPAddress.Loopback];
    private static HttpMessageInvoker? _invoker;

    /// <summary>How many loopback source addresses are in use.</summary>
    public static int Count => _addresses.Length;

    /// <summary>Ephemeral ports per address to plan for (the default range, less some headroom for TIME_WAIT and other users).</summary>
    public const int PortsPerAddress = 20_000;

    /// <summary>Uses 127.0.0.1..127.0.0.count from now on (count ≥ 1).</summary>
    public static void Use(int count)
    {
        count = Math.Clamp(count, 1, 250);
        _addresses = Enumerable.Range(1, count).Select(i => new IPAddress(new byte[] { 127, 0, 0, (byte)i })).ToArray();
        _invoker = count == 1 ? null : new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>Addresses needed for this many connections open at once (twice: a step's closed sockets may still hold ports).</summary>
    public static int For(int connections) => Math.Max(1, (int)Math.Ceiling(2.0 * connections / PortsPerAddress));

    /// <summary>
    /// The SignalR client's WebSocket factory when several addresses are used, else null. The client's own factory
    /// only passes its HttpClient to <c>ClientWebSocket.ConnectAsync</c> for HTTP/2 (aspnetcore
    /// <c>WebSocketsTransport.DefaultWebSocketFactory</c>), so over HTTP/1.1 its HttpMessageHandlerFactory never reaches
    /// the upgrade; this factory does the upgrade through an invoker whose sockets are bound to the next address.
    /// </summary>
    public static Func<WebSocketConnectionContext, CancellationToken, ValueTask<WebSocket>>? WebSocketFactory(string? token) =>
        _invoker is null ? null : async (context, ct) =>
        {
            var ws = new ClientWebSocket();
            if (token is not null)
            {
                ws.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }
            try
            {
                await ws.ConnectAsync(context.Uri, _invoker, ct);
            }
            catch
            {
                ws.Dispose();
                throw;
            }
            return ws;
        };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var local = _addresses[(int)((uint)Interlocked.Increment(ref _next) % (uint)_addresses.Length)];
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A port in TIME_WAIT from an earlier step may be bound again.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
