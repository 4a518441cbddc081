namespace MatchChat.Contracts.Members;

/// <summary>
/// What the edge needs to decide whether a member may act: read on every connect and token check, and by every
/// moderator-only hub method (so a role change takes effect on open connections at once, without a reconnect).
/// <see cref="Suspended"/> is the member grain's verdict at the time of the call (a timed suspension ends by itself:
/// the grain compares its end with its clock); a deleted member is <see cref="Missing"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.MemberStanding")]
public sealed record MemberStanding(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool Moderator,
    [property: Id(2)] string Handle,
    [property: Id(3)] string AgeGroup,
    [property: Id(4)] bool Suspended = false,
    [property: Id(5)] DateTime? SuspendedUntil = null)
{
    public static MemberStanding Missing { get; } = new(false, false, "", "");
}
