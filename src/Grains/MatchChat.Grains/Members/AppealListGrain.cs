using MatchChat.Contracts.Appeals;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Members;

/// <summary>
/// The open appeals in the grain storage: appeal id, member id (never handed out), since when; oldest first. The text and
/// the decision stay in the member's own state. At most <see cref="Capacity"/> open appeals; a write only on a change.
/// </summary>
public sealed class AppealListGrain(
    [PersistentState("appeals", StorageNames.Grains)] IPersistentState<AppealListState> state,
    DeepCopier<AppealListState> copier,
    ILogger<AppealListGrain> logger) : Grain, IAppealListGrain
{
    public const int Capacity = 1000;

    private WriteThrough<AppealListState>? _writes;

    /// <summary>A write that fails leaves memory as storage has it, so the caller's retry finds the change still to make.</summary>
    private WriteThrough<AppealListState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

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

        await Writes.Change(s =>
        {
            s.Entries.RemoveAll(e => e.MemberId == memberId);
            s.Entries.Add(new AppealEntry { AppealId = appealId, MemberId = memberId, Since = at });
        });
        return true;
    }

    public Task Remove(string memberId) => Writes.ChangeIf(s => s.Entries.RemoveAll(e => e.MemberId == memberId) > 0);

    public Task<string?> Find(string appealId) => Task.FromResult(Entries.FirstOrDefault(e => e.AppealId == appealId)?.MemberId);

    public Task<string[]> List(int limit) =>
        Task.FromResult(Entries.OrderBy(e => e.Since).Take(Math.Max(0, limit)).Select(e => e.MemberId).ToArray());
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
