namespace MatchChat.Contracts.Network;

/// <summary>
/// What a member grain tells a support network about its member: whether they exist (not deleted), their listener topics,
/// whether they could take a chat now (available, spare capacity, in good standing), what teen seekers they may take,
/// and whom they blocked (member ids: server-side only, never sent to a client); whether a moderator suspended or banned
/// them, and their handle (what a check-in from them says it is from).
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ContactCard")]
public sealed record ContactCard(
    [property: Id(0)] bool Exists,
    [property: Id(1)] string AgeGroup,
    [property: Id(2)] string[] Topics,
    [property: Id(3)] bool CanTakeChat,
    [property: Id(4)] bool TakesTeens,
    [property: Id(5)] string[] Blocked,
    [property: Id(6)] bool Suspended = false,
    [property: Id(7)] string? Handle = null)
{
    public static ContactCard Missing { get; } = new(false, "", [], false, false, []);
}
