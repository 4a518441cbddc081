namespace MatchChat.Storage.Postgres;

/// <summary>Lets an Orleans client find the silo gateways through PostgreSQL membership.</summary>
public static class PostgresClientBuilderExtensions
{
    /// <summary>ADO.NET clustering for a client: the gateway list is read from the membership table the silos write.
    /// The schema is created by the silos (<see cref="PostgresSiloBuilderExtensions.UseMatchChatPostgres"/>); a client
    /// that may start before any silo should retry connecting (<c>IClientConnectionRetryFilter</c>).</summary>
    public static IClientBuilder UseMatchChatPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSiloBuilderExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
        return client;
    }
}
