using System.Globalization;
using System.Net;

namespace MatchChat.Hosting.Gateways;

/// <summary>One entry of <c>MatchChat:Cluster:Gateways</c>: a host name or IP address and a gateway port.</summary>
public sealed record GatewayEndpoint(string Host, int Port)
{
    public const string Setting = "MatchChat__Cluster__Gateways";

    /// <summary>Every entry as host:port, or an <see cref="InvalidOperationException"/> that names the setting and the bad entry.</summary>
    public static IReadOnlyList<GatewayEndpoint> ParseAll(IEnumerable<string> entries) => [.. entries.Select(Parse)];

    public static GatewayEndpoint Parse(string entry) =>
        TryParse(entry) ?? throw new InvalidOperationException(
            $"{Setting}: \"{entry}\" is not host:port with a port from 1 to 65535. " +
            "Give a comma-separated list such as silo1:30000,silo2:30000 (an IPv6 address in brackets: [::1]:30000).");

    private static GatewayEndpoint? TryParse(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > IPEndPoint.MaxPort)
        {
            return null;
        }

        var host = entry[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            // [::1]: an IPv6 address, and nothing else may be in brackets.
            host = host[1..^1];
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? new GatewayEndpoint(host, port)
                : null;
        }

        // A host name (letters, digits, '.', '-', and '_' as container names have) or an IPv4 address.
        return host.Length <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? new GatewayEndpoint(host, port)
            : null;
    }
}
