using System.Collections.Concurrent;
using MatchChat.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MatchChat.Tests.Support;

/// <summary>
/// A one-silo TestingHost cluster whose grains read the time from <see cref="Clock"/>, which moves only when a test says.
/// Each fixture (one per test class) has its own clock: two classes running in parallel must not move each other's
/// time (a five-minute mute must not end because another class moved its clock nine minutes). Only the grains' time
/// is manual: Orleans's own clocks (membership, messaging, system timers, activation management, the directory cache)
/// stay real, because a silo whose membership clock jumps by days while it starts can declare itself dead and take
/// its gateway down under the test's client (seen in CI as "no such endpoint is currently registered").
/// </summary>
public sealed class ManualClockClusterFixture : IAsyncLifetime
{
    private const string ClockKey = "Tests:ManualClock";
    private static readonly ConcurrentDictionary<string, ManualTime> Clocks = new();
    private readonly string _clockId = Guid.NewGuid().ToString("N");

    public ManualClockClusterFixture() => Clocks[_clockId] = Clock;

    /// <summary>The grains' clock in this fixture's cluster.</summary>
    public ManualTime Clock { get; } = new(DateTime.UtcNow);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties[ClockKey] = _clockId;
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Clocks.TryRemove(_clockId, out _);
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var clock = Clocks[siloBuilder.Configuration[ClockKey]!];
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestTopics.Settings()).Build();
            siloBuilder.AddMemoryGrainStorage(StorageNames.Grains);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<TimeProvider>(clock);
            foreach (var area in new[] { TimeProviderNames.Membership, TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
            {
                siloBuilder.Services.AddKeyedSingleton(area, TimeProvider.System);
            }

            siloBuilder.Services.AddMatchChatGrains(configuration);
        }
    }
}
