using MatchChat.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MatchChat.Tests.Support;

/// <summary>
/// A TestingHost cluster of one silo with the MatchChat grains, memory storage and in-memory reminders, for a test
/// class that needs its own timings (<see cref="Settings"/>, over <see cref="TestTopics.Settings"/>).
/// </summary>
public abstract class OneSiloCluster : IAsyncLifetime
{
    public TestCluster Host { get; private set; } = null!;

    /// <summary>The silo's services (its serializer, its grain storage).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Host.Primary!).SiloHost.Services;

    /// <summary>The grain storage the MatchChat grains use, to read or plant a row directly.</summary>
    public IGrainStorage GrainStorage => SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    /// <summary>MatchChat settings of this cluster, e.g. <c>MatchChat:Matching:SeekerGraceSeconds</c>.</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        foreach (var (key, value) in Settings)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<Configurator>();
        Host = builder.Build();
        await Host.DeployAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = TestTopics.Settings();
            foreach (var (key, value) in siloBuilder.Configuration.AsEnumerable())
            {
                if (key.StartsWith("MatchChat:", StringComparison.Ordinal) && value is not null)
                {
                    settings[key] = value;
                }
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            siloBuilder.AddMemoryGrainStorage(StorageNames.Grains);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddMatchChatGrains(configuration);
        }
    }
}
