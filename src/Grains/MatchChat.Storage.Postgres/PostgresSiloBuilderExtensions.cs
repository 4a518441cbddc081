using MatchChat.Grains.Messages;
using MatchChat.Storage.Postgres.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

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

    /// <summary>As above, with every pool sized from <paramref name="budget"/> so the silo never opens more connections than it.</summary>
    public static ISiloBuilder UseMatchChatPostgres(this ISiloBuilder silo, PostgresConnectionBudget budget)
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
        silo.AddAdoNetGrainStorage(GrainStorageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
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
