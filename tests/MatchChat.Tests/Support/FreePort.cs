using System.Net;
using System.Net.Sockets;

namespace MatchChat.Tests.Support;

/// <summary>
/// A port for a test server to listen on. Taken below the kernel's ephemeral range: every outgoing connection gets its
/// local port from that range, so a port picked there (bind to 0) and released could be handed to any of the tests'
/// thousands of client sockets before the server bound it ("Address already in use", seen on a loaded machine).
/// Below it only explicit binds compete: each port is checked free first, and ports are handed out in turn from a
/// random start, so parallel test processes rarely try the same one.
/// </summary>
public static class FreePort
{
    private const int Span = 8000;

    private static readonly int First = Math.Max(1024, EphemeralLow() - Span);

    private static int _next = Random.Shared.Next(Span);

    public static int Next()
    {
        for (var tried = 0; tried < Span; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Span);
            if (IsFree(port))
            {
                return port;
            }
        }

        // Every port below the range is taken: fall back to one the kernel picks.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The low end of the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range; 32768 by default).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
