namespace MatchChat.Contracts.Reports;

/// <summary>Keys of the grains that exist once per cluster.</summary>
public static class SingletonKeys
{
    /// <summary><see cref="IModeratorsGrain"/>.</summary>
    public const string Moderators = "all";

    /// <summary><see cref="Retention.IRetentionGrain"/>.</summary>
    public const string Retention = "cluster";
}
