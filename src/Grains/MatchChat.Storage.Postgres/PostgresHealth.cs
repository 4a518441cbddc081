using Npgsql;

namespace MatchChat.Storage.Postgres;

/// <summary>Health probe for <c>/healthz</c>.</summary>
public static class PostgresHealth
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>True when PostgreSQL accepts a connection and answers <c>SELECT 1</c> within a few seconds.</summary>
    public static async Task<bool> PostgresAnswersAsync(string connectionString, CancellationToken ct)
    {
        if (await ProbeAsync(connectionString, ct))
        {
            return true;
        }

        // After a server restart the pool still holds dead connections: drop them and ask once more.
        NpgsqlConnection.ClearAllPools();
        return await ProbeAsync(connectionString, ct);
    }

    private static async Task<bool> ProbeAsync(string connectionString, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)ProbeTimeout.TotalSeconds };
            return await command.ExecuteScalarAsync(timeout.Token) is 1;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException || PostgresErrors.IsConnectivity(exception))
        {
            return false;
        }
    }
}
