namespace MatchChat.Contracts.Members;

/// <summary>
/// Key: <see cref="Key"/>. The adult listeners waiting for a moderator's teen approval (they ticked "accepts teens"), so a
/// moderator can see who asked instead of having to know a handle. Member grains keep it in step when their approval
/// state changes; deletion takes the member out. Off the hot path: one call per change of a listener's teen setting.
/// </summary>
[Alias("MatchChat.ITeenApprovalListGrain")]
public interface ITeenApprovalListGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds the member (once, with the time they first asked) when <paramref name="pending"/>, removes them otherwise.</summary>
    [Alias("Set")] Task Set(string memberId, string handle, bool pending, DateTime at);

    /// <summary>Oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("List"), ReadOnly] Task<PendingTeenListener[]> List(int limit);
}

/// <summary>[trust] An adult listener waiting for teen approval: their handle and since when (UTC).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.PendingTeenListener")]
public sealed record PendingTeenListener([property: Id(0)] string Handle, [property: Id(1)] DateTime Since);
