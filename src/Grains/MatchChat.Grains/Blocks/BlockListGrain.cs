using MatchChat.Contracts;
using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Blocks;

/// <summary>
/// One per member: whom they blocked. A change is written through first, then applied to the member's grain, which
/// ends conversations between the two and tells the queues and web nodes (<c>IMemberGrain.ApplyBlocks</c>). If that
/// second step fails the caller hears an error, and blocking again (harmless) applies it again.
/// </summary>
public sealed class BlockListGrain(
    [PersistentState("blocks", StorageNames.Grains)] IPersistentState<BlockListState> state,
    DeepCopier<BlockListState> copier,
    TimeProvider time,
    ILogger<BlockListGrain> logger) : Grain, IBlockListGrain
{
    private WriteThrough<BlockListState>? _writes;

    private string MemberId => this.GetPrimaryKeyString();

    private List<BlockEntry> Entries => state.State.Entries;

    private WriteThrough<BlockListState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    public async Task Block(string memberId, string handle)
    {
        if (memberId == MemberId)
        {
            throw MatchChatException.Invalid("You cannot block yourself.");
        }

        if (!Entries.Exists(e => e.MemberId == memberId))
        {
            if (Entries.Count >= IBlockListGrain.MaxEntries)
            {
                throw MatchChatException.Conflict(
                    $"You have blocked {IBlockListGrain.MaxEntries:N0} members, the most there can be. Unblock someone first.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            await Writes.Change(s => s.Entries.Add(new BlockEntry(memberId, handle, now)));
        }

        await Apply(handle);

        await EndCheckIns(memberId);
    }

    /// <summary>
    /// Check-ins between the two end with the block, notes and all: the blocked member's inbox no longer holds this
    /// member's words (they would be refused when due), nor this member's inbox theirs. Both are tried; a failure is
    /// logged, not the caller's error (the block stands and delivery is refused either way), and blocking again retries.
    /// </summary>
    private async Task EndCheckIns(string blockedId)
    {
        var withdrawn = GrainFactory.Ref<ICheckInGrain>(MemberId).WithdrawFor(blockedId);
        var dropped = GrainFactory.Ref<ICheckInInboxGrain>(MemberId).DropFrom(blockedId);
        try
        {
            await Task.WhenAll(withdrawn, dropped);
        }
        catch (Exception e)
        {
            logger.LogWarning("Check-ins between a blocker and the member blocked not all withdrawn ({ExceptionType}); they are refused when due", e.GetType().Name);
        }
    }

    public async Task Unblock(string memberId)
    {
        if (Entries.Exists(e => e.MemberId == memberId))
        {
            await Writes.Change(s => s.Entries.RemoveAll(e => e.MemberId == memberId));
            await Apply(null);
        }
    }

    public Task<BlockedMember[]> List() =>
        Task.FromResult(Entries.OrderByDescending(e => e.BlockedAt).Select(e => new BlockedMember(e.Handle, e.BlockedAt)).ToArray());

    public Task<string[]> BlockedIds() => Task.FromResult(Ids());

    public Task Clear() => Entries.Count == 0 ? Task.CompletedTask : Writes.Change(s => s.Entries.Clear());

    private string[] Ids() => Entries.Select(e => e.MemberId).ToArray();

    private Task Apply(string? blockedHandle) =>
        GrainFactory.Ref<IMemberGrain>(MemberId).ApplyBlocks(new BlockChange(Ids(), blockedHandle));
}
