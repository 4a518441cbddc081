using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace MatchChat.Hosting.Gateways;

/// <summary>
/// The static gateway list <c>MatchChat:Cluster:Gateways</c> for an Orleans client. Host names are resolved through DNS
/// asynchronously whenever Orleans refreshes its gateway list (<c>GatewayListRefreshPeriod</c>), so a silo that comes
/// back at another address (a container restart) is found again. A name that does not resolve for now keeps its last
/// address, so a DNS hiccup does not close working gateway connections.
/// </summary>
public sealed class DnsGatewayListProvider(
    IReadOnlyList<GatewayEndpoint> gateways,
    IOptions<GatewayOptions> options,
    ILogger<DnsGatewayListProvider> logger) : IGatewayListProvider
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<GatewayEndpoint, IPAddress> _lastResolved = new();

    public TimeSpan MaxStaleness => options.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var addresses = await Task.WhenAll(gateways.Select(g => ResolveAsync(g, cancellationToken)));
        return [.. gateways.Zip(addresses)
            .Where(pair => pair.Second is not null)
            .Select(pair => Utils.ToGatewayUri(new IPEndPoint(pair.Second!, pair.First.Port)))];
    }

    private async Task<IPAddress?> ResolveAsync(GatewayEndpoint gateway, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(gateway.Host, out var literal))
        {
            return literal;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(gateway.Host, timeout.Token);
            // Silos listen on IPv4 (Orleans' default endpoints), so prefer it when a name has both.
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (address is not null)
            {
                _lastResolved[gateway] = address;
                return address;
            }
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Gateway {GatewayHost} does not resolve just now ({ExceptionType})", gateway.Host, e.GetType().Name);
        }

        return _lastResolved.GetValueOrDefault(gateway);
    }
}
