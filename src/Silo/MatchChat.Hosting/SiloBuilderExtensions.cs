using System.Net;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using MatchChat.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace MatchChat.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// A MatchChat silo: localhost clustering, memory storage and reminders and the in-memory message store when
    /// no connection string is set; PostgreSQL for all of them when <c>ConnectionStrings:MatchChat</c> is set.
    /// </summary>
    public static ISiloBuilder UseMatchChat(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ClusterSettings.From(configuration);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SiloPortsCheck(settings.SiloPort, settings.GatewayPort));
        if (settings.UsesPostgres)
        {
            silo.Configure<ClusterOptions>(ClusterSettings.Apply);
            var advertised = settings.AdvertisedIp is { } ip ? IPAddress.Parse(ip) : null;
            if (advertised is null)
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }

            silo.UseMatchChatPostgres(
                settings.PostgresBudget,
                configuration.GetValue("MatchChat:Storage:BinaryGrainState", true),
                configuration.GetValue("MatchChat:Storage:BatchedGrainWrites", true));
            // Notice a dead silo sooner than Orleans' defaults, so its conversations re-activate elsewhere quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(configuration.GetValue("MatchChat:Cluster:ProbeTimeoutSeconds", 3.0));
                o.NumMissedProbesLimit = configuration.GetValue("MatchChat:Cluster:NumMissedProbesLimit", 3);
            });
            silo.Services.AddSingleton(new PostgresMessageStoreOptions
            {
                GroupCommit = configuration.GetValue("MatchChat:Messages:GroupCommit", true),
                MaxBatchSize = configuration.GetValue("MatchChat:Messages:MaxBatchSize", 256),
                FlushWindow = TimeSpan.FromMilliseconds(configuration.GetValue("MatchChat:Messages:FlushWindowMilliseconds", 0.0)),
                ConcurrentBatches = configuration.GetValue("MatchChat:Messages:ConcurrentBatches", 2),
                BinaryCopy = configuration.GetValue("MatchChat:Messages:BinaryCopy", true),
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, ClusterSettings.ServiceId, ClusterSettings.ClusterId);
            // Grain state kept in this process (one silo here), without a storage grain call per read and write
            // (docs/benchmarks.md, stop 42), and in Orleans' binary format, not the default Newtonsoft JSON: nothing
            // outlives the process here, and the JSON writes were the largest item left in a matching burst (stop 19).
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, _) => new InProcessGrainStorage(
                new CompactStateSerializer(services.GetRequiredService<Serializer>(), services.GetRequiredService<IGrainStorageSerializer>())));
            silo.UseInMemoryReminderService();
        }

        // A grain call that gets no answer (a silo that just died, a grain stuck behind storage) fails after this
        // instead of Orleans' 30 s, on every silo: PostgreSQL-clustered or the embedded in-memory one; the client retries.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ClusterSettings.ResponseTimeout(configuration));
        silo.Services.AddMatchChatGrains(configuration);
        silo.AddRetentionStartup();
        return silo;
    }
}
