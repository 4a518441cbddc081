using System.Net;
using System.Net.Sockets;

namespace MatchChat.Hosting;

/// <summary>
/// Refuses to start a silo whose ports another process on this machine already listens on. .NET listens with
/// <c>SO_REUSEPORT</c> on Linux, so a second silo (an embedded web node started twice with the defaults) bound the same
/// silo and gateway ports without an error, and the kernel would then share incoming connections between the two
/// processes (an outside probe saw two processes on 11111 and 30000). A plain bind, without that option, tells.
/// Runs at the silo's first lifecycle stage, before Orleans opens its listeners.
/// </summary>
internal sealed class SiloPortsCheck(int siloPort, int gatewayPort) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloPortsCheck), ServiceLifecycleStage.First, _ =>
        {
            Check(siloPort, "MatchChat__Cluster__SiloPort");
            Check(gatewayPort, "MatchChat__Cluster__GatewayPort");
            return Task.CompletedTask;
        });

    /// <summary>Throws when something on this machine listens on <paramref name="port"/> (0: chosen by the system, nothing to check).</summary>
    public static void Check(int port, string setting)
    {
        if (port <= 0 || !InUse(port))
        {
            return;
        }

        throw new InvalidOperationException(
            $"Port {port} is already in use on this machine (another MatchChat silo or web node?). Stop it, or set {setting} to a free port.");
    }

    /// <summary>IPv4 and, where the machine has it, IPv6 (V6ONLY): a listener on either counts.</summary>
    private static bool InUse(int port) =>
        InUse(AddressFamily.InterNetwork, IPAddress.Any, port)
        || (Socket.OSSupportsIPv6 && InUse(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, port));

    private static bool InUse(AddressFamily family, IPAddress any, int port)
    {
        Socket socket;
        try
        {
            socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException)
        {
            return false; // no such address family here: nothing can listen on it
        }

        using (socket)
        {
            if (family == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            if (OperatingSystem.IsLinux())
            {
                // SO_REUSEADDR alone (the managed ReuseAddress also sets SO_REUSEPORT): connections of a silo that just
                // stopped, still in TIME_WAIT, do not count; a socket listening on the port does.
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }

            try
            {
                socket.Bind(new IPEndPoint(any, port));
                return false;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return true;
            }
            catch (SocketException)
            {
                return false; // e.g. IPv6 switched off on this host
            }
        }
    }
}
