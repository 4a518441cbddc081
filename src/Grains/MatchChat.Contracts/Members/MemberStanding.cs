namespace MatchChat.Contracts.Members;

/// <summary>
/// What the edge needs to decide whether a member may act: read on every connect and token check, and by every
/// moderator-only hub method (so a role change takes effect on open connections at once, without a reconnect).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MemberStanding")]
public sealed record MemberStanding(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool Moderator,
    [property: Id(2)] string Handle,
    [property: Id(3)] string AgeGroup)
{
    public static MemberStanding Missing { get; } = new(false, false, "", "");
}
