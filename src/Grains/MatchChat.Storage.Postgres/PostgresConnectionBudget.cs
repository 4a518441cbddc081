using System.Data.Common;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// The most PostgreSQL connections one MatchChat process opens (<c>MatchChat:Postgres:MaxConnections</c>, default
/// <see cref="Default"/>), split into fixed pools that add up to it: every use gets a connection string with its own
/// <c>Maximum Pool Size</c> and <c>Application Name</c>. When a pool is full a caller waits for a connection (up to
/// the connection string's <c>Timeout</c>) instead of asking PostgreSQL for one more, so the process never meets
/// <c>53300 too many clients</c> on its own. Size it so that, for every process of the deployment,
/// the budgets add up to less than PostgreSQL's <c>max_connections</c> minus its reserved connections (README).
/// </summary>
public sealed class PostgresConnectionBudget
{
    /// <summary>Default per process: 2 silos and 2 web nodes use well under PostgreSQL's default of 100.</summary>
    public const int Default = 30;

    /// <summary>The least that still leaves every pool a connection or more.</summary>
    public const int Minimum = 8;

    /// <summary>A web node in Client mode only reads the gateway list.</summary>
    public const int GatewayPool = 2;

    /// <summary>At start-up only: the advisory-lock connection and DbUp's; neither is pooled, both close after.</summary>
    public const int MigrationConnections = 2;

    private readonly string _connectionString;

    public PostgresConnectionBudget(string connectionString, int maxConnections = Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (maxConnections < Minimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxConnections), maxConnections, $"MatchChat:Postgres:MaxConnections must be at least {Minimum}.");
        }

        _connectionString = connectionString;
        MaxConnections = maxConnections;
    }

    public int MaxConnections { get; }

    /// <summary>The pool size of each use. Migrations come out of the message log's share: they finish before it is busy.</summary>
    public int PoolSize(PostgresUse use) => use switch
    {
        PostgresUse.Health => 1,
        PostgresUse.Gateways => Math.Min(GatewayPool, MaxConnections),
        PostgresUse.Migrations => 1,
        PostgresUse.Messages => Math.Max(2, MaxConnections / 4),
        PostgresUse.Trust => 2,
        PostgresUse.Orleans => MaxConnections - 1 - 2 - Math.Max(2, MaxConnections / 4),
        _ => throw new ArgumentOutOfRangeException(nameof(use)),
    };

    /// <summary>The connection string for <paramref name="use"/>: the operator's, with this use's pool size and name.</summary>
    public string For(PostgresUse use)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString)
        {
            ApplicationName = "matchchat-" + use.ToString().ToLowerInvariant(),
        };
        if (use == PostgresUse.Migrations)
        {
            builder.Pooling = false;
        }
        else
        {
            builder.MaxPoolSize = PoolSize(use);
            builder.MinPoolSize = 0;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = _connectionString };
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            // Waiting for a free pooled connection counts against this too: give up before a grain call (10 s) does,
            // so the caller hears "unavailable" rather than a timeout.
            builder.Timeout = 5;
        }

        if (AutoPrepared(use) is > 0 and var statements)
        {
            KeepSessions(builder, given, statements);
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// How many statements a connection of <paramref name="use"/> prepares (Npgsql's <c>Max Auto Prepare</c>); 0 for a
    /// pool that does not keep its sessions. Orleans' providers run a handful of statements (grain state, reminders,
    /// membership) all day; the message log a few thousand times a second. The trust pool is rare and is left as Npgsql
    /// has it.
    /// </summary>
    internal static int AutoPrepared(PostgresUse use) => use switch
    {
        PostgresUse.Orleans => 32,
        PostgresUse.Messages => 16,
        _ => 0,
    };

    /// <summary>
    /// The one rule for a pool whose connections set no session state: no reset when a connection goes back to the pool
    /// (a <c>DISCARD ALL</c> would cost PostgreSQL a statement per use and drop its cached plans, the ones inside
    /// <c>writetostorage</c> with them), and up to <paramref name="maxAutoPrepare"/> statements prepared once per
    /// connection instead of parsed and planned per call. Either is kept as the operator's connection string
    /// (<paramref name="given"/>) sets it.
    /// </summary>
    internal static void KeepSessions(NpgsqlConnectionStringBuilder builder, DbConnectionStringBuilder given, int maxAutoPrepare)
    {
        if (!given.ContainsKey("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = maxAutoPrepare;
        }
    }
}
