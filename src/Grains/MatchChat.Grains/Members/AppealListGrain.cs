using MatchChat.Contracts.Appeals;
using MatchChat.Grains.Hosting;

namespace MatchChat.Grains.Members;

/// <summary>
/// The open appeals in the grain storage: appeal id, member id (never handed out), since when; oldest first. The text and
/// the decision stay in the member's own state. At most <see cref="Capacity"/> open appeals; a write only on a change.
/// </summary>
public sealed class AppealListGrain(
    [PersistentState("appeals", StorageNames.Grains)] IPersistentState<AppealListState> state) : Grain, IAppealListGrain
{
    public const int Capacity = 1000;

    private List<AppealEntry> Entries => state.State.Entries;

    public async Task<bool> Add(string appealId, string memberId, DateTime at)
    {
        if (Entries.Any(e => e.AppealId == appealId))
        {
            return true;
        }

        if (Entries.Count >= Capacity)
        {
            return false;
        }

        await Write([.. Entries.Where(e => e.MemberId != memberId), new AppealEntry { AppealId = appealId, MemberId = memberId, Since = at }]);
        return true;
    }

    public async Task Remove(string memberId)
    {
        if (Entries.Any(e => e.MemberId == memberId))
        {
            await Write([.. Entries.Where(e => e.MemberId != memberId)]);
        }
    }

    public Task<string?> Find(string appealId) => Task.FromResult(Entries.FirstOrDefault(e => e.AppealId == appealId)?.MemberId);

    public Task<string[]> List(int limit) =>
        Task.FromResult(Entries.OrderBy(e => e.Since).Take(Math.Max(0, limit)).Select(e => e.MemberId).ToArray());

    /// <summary>Changed on a copy: a write that fails leaves memory as storage has it, and the caller's retry finds the change still to make.</summary>
    private async Task Write(List<AppealEntry> after)
    {
        var before = state.State.Entries;
        state.State.Entries = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries = before;
            throw;
        }
    }
}

[GenerateSerializer, Alias("MatchChat.AppealListState")]
public sealed class AppealListState
{
    [Id(0)] public List<AppealEntry> Entries { get; set; } = [];
}

[GenerateSerializer, Alias("MatchChat.AppealEntry")]
public sealed class AppealEntry
{
    [Id(0)] public string AppealId { get; set; } = "";
    [Id(1)] public string MemberId { get; set; } = "";
    [Id(2)] public DateTime Since { get; set; }
}

/// <summary>Deletion takes the member's open appeal off the moderators' list.</summary>
public sealed class AppealErasure : IMemberErasure
{
    public Task EraseAsync(string memberId, IGrainFactory grains) => grains.GetGrain<IAppealListGrain>(IAppealListGrain.Key).Remove(memberId);
}
