using MatchChat.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MatchChat.Tests.Support;

/// <summary>A one-silo TestingHost cluster whose grains read the time from <see cref="Clock"/>, which moves only when a test says.</summary>
public sealed class ManualClockClusterFixture : IAsyncLifetime
{
    /// <summary>The grains' clock (one cluster per test class, so one clock).</summary>
    public static readonly ManualTime Clock = new(DateTime.UtcNow);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestTopics.Settings()).Build();
            siloBuilder.AddMemoryGrainStorage(StorageNames.Grains);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<TimeProvider>(Clock);
            siloBuilder.Services.AddMatchChatGrains(configuration);
        }
    }
}
