using MatchChat.Grains.Messages;
using MatchChat.Grains.Persistence;
using MatchChat.Storage.Postgres.GrainState;
using MatchChat.Storage.Postgres.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace MatchChat.Storage.Postgres;

/// <summary>Turns a silo to PostgreSQL: schema, membership, grain storage, reminders and the message log.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage name MatchChat grains use in <c>[PersistentState(..., "matchchat")]</c>.</summary>
    public const string GrainStorageName = MatchChat.Grains.Hosting.StorageNames.Grains;

    /// <summary>
    /// Applies the migrations first thing at silo start (a lifecycle participant at <see cref="ServiceLifecycleStage.First"/>),
    /// then uses PostgreSQL for cluster membership, the "matchchat" and the default grain storage, reminders, and
    /// <see cref="IMessageStore"/> (a singleton <see cref="PostgresMessageStore"/>, replacing any registered store;
    /// register a <see cref="PostgresMessageStoreOptions"/> singleton to change its batching).
    /// ClusterOptions are left to the caller.
    /// </summary>
    public static ISiloBuilder UseMatchChatPostgres(this ISiloBuilder silo, string connectionString) =>
        silo.UseMatchChatPostgres(new PostgresConnectionBudget(connectionString));

    /// <summary>
    /// As above, with every pool sized from <paramref name="budget"/> so the silo never opens more connections than it.
    /// Grain state is read in JSON or Orleans' binary format (<see cref="CompactStateSerializer"/>) and written in binary
    /// only with <paramref name="binaryGrainState"/>: turn that on once every silo of the cluster runs a build that reads it.
    /// The MatchChat host turns it on unless <c>MatchChat:Storage:BinaryGrainState</c> is false (every build since stop
    /// 20 reads binary).
    /// With <paramref name="batchedGrainWrites"/> (the default) grain state writes are group-committed
    /// (<see cref="GrainStateBatches"/>): the rows and versions are Orleans' own, so it can be turned off and on at any
    /// time, silo by silo (<c>MatchChat:Storage:BatchedGrainWrites</c>).
    /// </summary>
    public static ISiloBuilder UseMatchChatPostgres(
        this ISiloBuilder silo, PostgresConnectionBudget budget, bool binaryGrainState = false, bool batchedGrainWrites = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(budget);
        var connectionString = budget.For(PostgresUse.Orleans);
        var migrations = budget.For(PostgresUse.Migrations);
        var messages = budget.For(PostgresUse.Messages);
        silo.Services.AddSingleton(budget);

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new PostgresMigrationParticipant(migrations, services.GetRequiredService<ILogger<PostgresMigrationParticipant>>()));

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        void Storage(OptionsBuilder<AdoNetGrainStorageOptions> o) => o.Configure<IServiceProvider>((options, services) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new CompactStateSerializer(
                services.GetRequiredService<Serializer>(), services.GetRequiredService<IGrainStorageSerializer>(), binaryGrainState);
        });
        silo.AddAdoNetGrainStorage(GrainStorageName, Storage);
        silo.AddAdoNetGrainStorageAsDefault(Storage);
        if (batchedGrainWrites)
        {
            // Registered after Orleans' own: the last keyed registration is the one resolved, by grains and by the
            // lifecycle participant Orleans registered for each storage (which this one forwards to Orleans').
            silo.Services.AddSingleton(services => new GrainStateBatches(connectionString, services.GetRequiredService<ILogger<GrainStateBatches>>()));
            foreach (var name in new[] { GrainStorageName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME })
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => BatchedGrainStorage.Create(services, name));
            }
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        silo.Services.RemoveAll<IMessageStore>();
        silo.Services.RemoveAll<PostgresMessageStore>();
        silo.Services.AddSingleton(services => new PostgresMessageStore(
            messages,
            services.GetService<PostgresMessageStoreOptions>(),
            services.GetService<ILogger<PostgresMessageStore>>()));
        silo.Services.AddSingleton<IMessageStore>(services => services.GetRequiredService<PostgresMessageStore>());
        silo.Services.AddMatchChatPostgresTrust(budget.For(PostgresUse.Trust));
        silo.Services.AddMatchChatPostgresCrisis(budget.For(PostgresUse.Trust));
        return silo;
    }
}
