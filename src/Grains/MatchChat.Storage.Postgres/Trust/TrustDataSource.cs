using System.Data.Common;
using Npgsql;

namespace MatchChat.Storage.Postgres.Trust;

/// <summary>
/// One small pool shared by the report store, the audit log, crisis alerts and the retention job (they are rare next to
/// messages). A silo builds it from its <see cref="PostgresConnectionBudget"/> (<see cref="PostgresUse.Trust"/>), which
/// sets the pool's size; a connection string without <c>Maximum Pool Size</c> gets <see cref="MaxPoolSize"/>.
/// </summary>
public sealed class TrustDataSource : IAsyncDisposable, IDisposable
{
    public const int MaxPoolSize = 8;

    public TrustDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size"))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            builder.Timeout = 4;
        }

        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Seconds a statement may run; a retention batch is far below this.</summary>
    public int CommandTimeoutSeconds { get; init; } = 30;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
