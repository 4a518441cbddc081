namespace MatchChat.Contracts.Appeals;

/// <summary>
/// Key: <see cref="Key"/>. The open appeals (appeal id → member id, oldest first), so moderators can list them and decide
/// one by its id; the text and the decision live in the member's own state. Member grains keep it in step; deletion takes
/// the member out. At most <c>Capacity</c> open appeals are kept (the newest are refused beyond it).
/// </summary>
[Alias("MatchChat.IAppealListGrain")]
public interface IAppealListGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds the appeal; false when the list is full.</summary>
    [Alias("Add")] Task<bool> Add(string appealId, string memberId, DateTime at);

    /// <summary>Removes the member's open appeal, if any.</summary>
    [Alias("Remove")] Task Remove(string memberId);

    /// <summary>The member id of an open appeal, or null.</summary>
    [Alias("Find"), ReadOnly] Task<string?> Find(string appealId);

    /// <summary>Member ids with an open appeal, oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("List"), ReadOnly] Task<string[]> List(int limit);
}
