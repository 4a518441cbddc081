using MatchChat.Hosting.Gateways;
using MatchChat.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace MatchChat.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>
    /// An Orleans client of a MatchChat cluster: gateways from PostgreSQL membership when a connection string is set,
    /// else the static list <c>MatchChat:Cluster:Gateways</c> (host:port, comma separated; host names resolved through
    /// DNS without blocking, again at every gateway refresh), else localhost:GatewayPort. A gateway entry that is not
    /// host:port is refused here, at configuration time, with a message that names the setting.
    /// </summary>
    public static IClientBuilder UseMatchChat(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = ClusterSettings.From(configuration);
        client.Configure<ClusterOptions>(ClusterSettings.Apply);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterSettings.ResponseTimeout(configuration));
        // Learn of silos that joined after this node started within seconds, not Orleans' default minute: a node that
        // knew only one gateway would otherwise have none left for that long if that silo died.
        client.Configure<GatewayOptions>(o =>
            o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(configuration.GetValue("MatchChat:Cluster:GatewayRefreshSeconds", 5.0)));
        if (settings.UsesPostgres)
        {
            client.UseMatchChatPostgresClustering(settings.PostgresBudget);
        }
        else if (settings.Gateways.Length > 0)
        {
            var gateways = GatewayEndpoint.ParseAll(settings.Gateways);
            client.Services.AddSingleton<IGatewayListProvider>(services => new DnsGatewayListProvider(
                gateways,
                services.GetRequiredService<IOptions<GatewayOptions>>(),
                services.GetRequiredService<ILogger<DnsGatewayListProvider>>()));
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
}
