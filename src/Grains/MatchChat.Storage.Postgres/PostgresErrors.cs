using System.Net.Sockets;
using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>Sorts PostgreSQL failures into "the database did not answer" and "this row is bad".</summary>
internal static class PostgresErrors
{
    /// <summary>The server or the network failed; the statement itself may be fine.</summary>
    public static bool IsConnectivity(Exception exception) => exception switch
    {
        PostgresException pg => IsServerUnavailable(pg.SqlState),
        NpgsqlException => true,
        TimeoutException or IOException or SocketException or ObjectDisposedException => true,
        _ => false,
    };

    /// <summary>The server rejected the data of a statement (bad value, constraint, size): other rows of a batch may be fine.</summary>
    public static bool IsRowSpecific(Exception exception) =>
        exception is PostgresException pg && !IsServerUnavailable(pg.SqlState);

    public static string Describe(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState,
        _ => exception.GetType().Name,
    };

    // 08: connection exception, 53: insufficient resources, 57: operator intervention (shutdown, restart, cancel),
    // 58: system error, 40001/40P01: serialization failure / deadlock (safe to retry).
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal)
        || sqlState is "40001" or "40P01";
}
