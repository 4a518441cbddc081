using System.Data.Common;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>Builds the pooled data source of a <see cref="PostgresMessageStore"/> that owns its connections.</summary>
internal static class MessageDataSource
{
    public static NpgsqlDataSource Create(string connectionString, PostgresMessageStoreOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            // Fail fast when PostgreSQL is unreachable: the caller is a grain call with its own 30 s timeout.
            builder.Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds));
        }

        // Also when the store is built from a plain connection string (tests, the store-writer bench), not the budget's.
        PostgresConnectionBudget.KeepSessions(builder, given, PostgresConnectionBudget.AutoPrepared(PostgresUse.Messages));
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
