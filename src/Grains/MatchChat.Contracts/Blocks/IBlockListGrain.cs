namespace MatchChat.Contracts.Blocks;

/// <summary>
/// Key: member id. The members this member has blocked (bounded: <see cref="MaxEntries"/>), kept in a grain of its own
/// because blocks are not on the matching hot path. A change is stored first, then applied to the member's grain
/// (<c>IMemberGrain.ApplyBlocks</c>): conversations between the two end, the matching copy and the web nodes' push
/// filters are updated. This grain calls the member grain and never the other way round, so no call cycle can form.
/// </summary>
[Alias("MatchChat.IBlockListGrain")]
public interface IBlockListGrain : IGrainWithStringKey
{
    /// <summary>The most members one member can block.</summary>
    public const int MaxEntries = 1000;

    /// <summary>Blocks <paramref name="memberId"/> (whose handle is <paramref name="handle"/>); blocking again is harmless and re-applies it.</summary>
    [Alias("Block")] Task Block(string memberId, string handle);

    /// <summary>Lifts a block; harmless when there was none.</summary>
    [Alias("Unblock")] Task Unblock(string memberId);

    /// <summary>Newest first.</summary>
    [Alias("List"), ReadOnly] Task<BlockedMember[]> List();

    /// <summary>
    /// The blocked members' ids, for a room filtering its history for this reader. Served even while a Block waits on the
    /// member grain: otherwise member (joining the room) → room (reading history) → this grain (blocking) → member
    /// could wait on each other.
    /// </summary>
    [Alias("BlockedIds"), AlwaysInterleave] Task<string[]> BlockedIds();

    /// <summary>
    /// Erases the list (for the member's deletion). It does not call the member grain, so the member grain may call it;
    /// the member grain's own matching copy (<c>MemberState.Blocked</c>) is the caller's to clear.
    /// </summary>
    [Alias("Clear")] Task Clear();
}
