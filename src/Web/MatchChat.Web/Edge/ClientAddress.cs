using System.Net;
using System.Net.Sockets;

namespace MatchChat.Web.Edge;

/// <summary>
/// The key per-address limits count by: the client's address as this node sees it (after forwarded headers from
/// known proxies), IPv4-mapped addresses as IPv4, and IPv6 addresses by their /64, the block one subscriber holds.
/// </summary>
public static class ClientAddress
{
    public static string Partition(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = client.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return client.ToString();
    }
}
