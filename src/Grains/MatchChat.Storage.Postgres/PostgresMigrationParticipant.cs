using Microsoft.Extensions.Logging;

namespace MatchChat.Storage.Postgres;

/// <summary>Runs <see cref="PostgresMigrations"/> at the very first silo lifecycle stage, before membership, grain storage or
/// reminders touch their tables: the silo does not start unless the schema is current.</summary>
internal sealed class PostgresMigrationParticipant(string connectionString, ILogger<PostgresMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(PostgresMigrationParticipant),
            ServiceLifecycleStage.First,
            async ct => await PostgresMigrations.MigrateAsync(connectionString, logger, ct));
}
