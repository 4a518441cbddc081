using System.Net;
using MatchChat.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace MatchChat.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>
    /// An Orleans client of a MatchChat cluster: gateways from PostgreSQL membership when a connection string is set,
    /// else the static list <c>MatchChat:Cluster:Gateways</c> (host:port, comma separated), else localhost:GatewayPort.
    /// </summary>
    public static IClientBuilder UseMatchChat(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = ClusterSettings.From(configuration);
        client.Configure<ClusterOptions>(ClusterSettings.Apply);
        client.Configure<ClientMessagingOptions>(o =>
            o.ResponseTimeout = TimeSpan.FromSeconds(configuration.GetValue("MatchChat:Cluster:ResponseTimeoutSeconds", 10.0)));
        // Learn of silos that joined after this node started within seconds, not Orleans' default minute: a node that
        // knew only one gateway would otherwise have none left for that long if that silo died.
        client.Configure<GatewayOptions>(o =>
            o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(configuration.GetValue("MatchChat:Cluster:GatewayRefreshSeconds", 5.0)));
        if (settings.UsesPostgres)
        {
            client.UseMatchChatPostgresClustering(settings.ConnectionString!);
        }
        else if (settings.Gateways.Length > 0)
        {
            client.UseStaticClustering(settings.Gateways.Select(ParseEndpoint).ToArray());
        }
        else
        {
            client.UseLocalhostClustering(settings.GatewayPort, ClusterSettings.ServiceId, ClusterSettings.ClusterId);
        }

        // Silos may start after this node (docker-compose, a cluster restart): keep trying for a while.
        var attempts = 0;
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            if (++attempts > 60)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
        return client;
    }

    private static IPEndPoint ParseEndpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        var host = value[..colon];
        var port = int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First();
        return new IPEndPoint(address, port);
    }
}
