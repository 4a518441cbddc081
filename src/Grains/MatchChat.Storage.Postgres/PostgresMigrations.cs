using System.Diagnostics;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Brings the database schema up to date: the Orleans ADO.NET tables and queries (clustering, grain storage, reminders)
/// and the message log. Versioned DbUp scripts embedded in this assembly, journaled in <c>public.schemaversions</c>,
/// one transaction per script, all under a PostgreSQL advisory lock so silos starting together take turns.
/// </summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock key every MatchChat starter takes while migrating ("MatchChat" in ASCII, as a number).</summary>
    public const long AdvisoryLockKey = 0x4D61746368436861;

    private const string ScriptPrefix = "MatchChat.Migrations.";
    private const int MaxConnectAttempts = 15;

    /// <summary>The migration scripts in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(PostgresMigrations).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Applies every script not yet applied. Safe to call from many processes at once, and again and again.
    /// Waits (about half a minute) for a PostgreSQL that does not answer yet.</summary>
    /// <returns>The names of the scripts this call applied (empty when the schema was already current).</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        logger ??= NullLogger.Instance;
        PostgresStorageLog.MigrationStarting(logger);
        var stopwatch = Stopwatch.StartNew();

        // A dedicated, unpooled connection holds the lock: if this process dies, PostgreSQL releases it.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var lockConnection = await OpenWithRetryAsync(lockConnectionString, logger, cancellationToken);
        await ExecuteLockCommandAsync(lockConnection, "SELECT pg_advisory_lock($1)", cancellationToken);
        try
        {
            // DbUp is synchronous; keep it off the caller's thread.
            var result = await Task.Run(() => Upgrade(connectionString, logger), cancellationToken);
            if (!result.Successful)
            {
                throw new InvalidOperationException($"PostgreSQL migration {result.ErrorScript?.Name ?? "(unknown)"} failed.", result.Error);
            }

            var applied = result.Scripts.Select(script => script.Name).ToArray();
            PostgresStorageLog.MigrationDone(logger, applied.Length, stopwatch.ElapsedMilliseconds);
            return applied;
        }
        finally
        {
            await ExecuteLockCommandAsync(lockConnection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    private static DatabaseUpgradeResult Upgrade(string connectionString, ILogger logger) =>
        DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(PostgresMigrations).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .WithScriptNameComparer(StringComparer.Ordinal)
            .JournalToPostgresqlTable("public", "schemaversions")
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(logger)
            .Build()
            .PerformUpgrade();

    private static async Task<NpgsqlConnection> OpenWithRetryAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (Exception exception) when (attempt < MaxConnectAttempts && PostgresErrors.IsConnectivity(exception) && !cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                var delayMs = Math.Min(2000, 250 * attempt);
                PostgresStorageLog.MigrationWaiting(logger, attempt, delayMs);
                await Task.Delay(delayMs, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private static async Task ExecuteLockCommandAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
