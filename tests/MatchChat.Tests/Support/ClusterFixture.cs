using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MatchChat.Tests.Support;

/// <summary>An Orleans TestingHost cluster of two silos with the MatchChat grains, memory storage and one shared message store;
/// both can be told to fail the way a database does.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The message store every silo uses; tests can make it lose the reply to a committed write.</summary>
    internal static readonly LostReplyMessageStore Store = new(new InMemoryMessageStore());

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The primary silo's services (its serializer, its grain storage).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    /// <summary>The grain storage the MatchChat grains use, to read or plant a row directly.</summary>
    public IGrainStorage GrainStorage => SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>What the grain storage holds for this grain's state (read from storage, not from the grain's memory).</summary>
    public async Task<GrainState<T>> Stored<T>(string stateName, GrainId grainId)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await GrainStorage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = TestTopics.Settings();
            settings["MatchChat:Matching:OfferTimeoutSeconds"] = "2";
            settings["MatchChat:Matching:StartReportTimeoutSeconds"] = "5";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            siloBuilder.Services.AddGrainStorage(StorageNames.Grains, (services, name) => new FaultyGrainStorage(MemoryGrainStorageFactory.Create(services, name)));
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<IMessageStore>(Store);
            siloBuilder.Services.AddMatchChatGrains(configuration);
        }
    }
}
