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

        if (!given.ContainsKey("Max Auto Prepare"))
        {
            // The message log runs a handful of statements thousands of times a second: let Npgsql prepare them once
            // per connection instead of PostgreSQL parsing and planning each execution.
            builder.MaxAutoPrepare = 16;
        }

        if (!given.ContainsKey("No Reset On Close"))
        {
            // Nothing on these connections sets session state, so returning one to the pool need not cost PostgreSQL a
            // reset statement on its next use.
            builder.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
