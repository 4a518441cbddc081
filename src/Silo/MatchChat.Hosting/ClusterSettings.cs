using Microsoft.Extensions.Configuration;

namespace MatchChat.Hosting;

/// <summary>PROTOCOL.md's operating contract, read once.</summary>
public sealed record ClusterSettings(
    string? ConnectionString,
    int SiloPort,
    int GatewayPort,
    string? AdvertisedIp,
    string[] Gateways,
    int PostgresMaxConnections = Storage.Postgres.PostgresConnectionBudget.Default)
{
    public const string ClusterId = "matchchat";
    public const string ServiceId = "matchchat";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Every PostgreSQL pool of this process, sized from <c>MatchChat:Postgres:MaxConnections</c>.</summary>
    public Storage.Postgres.PostgresConnectionBudget PostgresBudget => new(ConnectionString!, PostgresMaxConnections);

    /// <summary>Silos and clients of one MatchChat deployment share these ids (grain storage keys include the service id).</summary>
    public static void Apply(Orleans.Configuration.ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    /// <summary><c>MatchChat:Cluster:ResponseTimeoutSeconds</c> (default 10): how long a grain call waits for its answer.</summary>
    public static TimeSpan ResponseTimeout(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("MatchChat:Cluster:ResponseTimeoutSeconds", 10.0));

    public static ClusterSettings From(IConfiguration configuration) => new(
        configuration.GetConnectionString("MatchChat"),
        configuration.GetValue("MatchChat:Cluster:SiloPort", 11111),
        configuration.GetValue("MatchChat:Cluster:GatewayPort", 30000),
        configuration["MatchChat:Cluster:AdvertisedIP"],
        (configuration["MatchChat:Cluster:Gateways"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        configuration.GetValue("MatchChat:Postgres:MaxConnections", Storage.Postgres.PostgresConnectionBudget.Default));
}
