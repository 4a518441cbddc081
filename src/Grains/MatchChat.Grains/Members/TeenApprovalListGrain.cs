using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Members;

/// <summary>
/// The waiting adult listeners, oldest first, in the grain storage: member id (never handed out), handle, since when.
/// At most <see cref="Capacity"/> are kept (the newest are dropped beyond it: those who asked first are not pushed out);
/// a write happens only when the list changes.
/// </summary>
public sealed class TeenApprovalListGrain(
    [PersistentState("teen-approvals", StorageNames.Grains)] IPersistentState<TeenApprovalListState> state,
    DeepCopier<TeenApprovalListState> copier,
    ILogger<TeenApprovalListGrain> logger) : Grain, ITeenApprovalListGrain
{
    public const int Capacity = 1000;

    private WriteThrough<TeenApprovalListState>? _writes;

    /// <summary>A write that fails leaves memory as storage has it, so the caller's retry (a deletion's erasure is retried
    /// as a whole) finds the change still to make.</summary>
    private WriteThrough<TeenApprovalListState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    private List<TeenApprovalEntry> Entries => state.State.Entries;

    public Task Set(string memberId, string handle, bool pending, DateTime at)
    {
        var index = Entries.FindIndex(e => e.MemberId == memberId);
        if (pending == index >= 0 || (pending && Entries.Count >= Capacity))
        {
            return Task.CompletedTask;
        }

        return Writes.Change(s =>
        {
            if (pending)
            {
                s.Entries.Add(new TeenApprovalEntry { MemberId = memberId, Handle = handle, Since = at });
            }
            else
            {
                s.Entries.RemoveAll(e => e.MemberId == memberId);
            }
        });
    }

    public Task<PendingTeenListener[]> List(int limit) =>
        Task.FromResult(Entries.OrderBy(e => e.Since).Take(Math.Max(0, limit)).Select(e => new PendingTeenListener(e.Handle, e.Since)).ToArray());
}

[GenerateSerializer, Alias("MatchChat.TeenApprovalListState")]
public sealed class TeenApprovalListState
{
    [Id(0)] public List<TeenApprovalEntry> Entries { get; set; } = [];
}

[GenerateSerializer, Alias("MatchChat.TeenApprovalEntry")]
public sealed class TeenApprovalEntry
{
    [Id(0)] public string MemberId { get; set; } = "";
    [Id(1)] public string Handle { get; set; } = "";
    [Id(2)] public DateTime Since { get; set; }
}

/// <summary>Deletion takes the member off the list of listeners waiting for teen approval.</summary>
public sealed class TeenApprovalErasure : IMemberErasure
{
    public Task EraseAsync(string memberId, IGrainFactory grains) =>
        grains.GetGrain<ITeenApprovalListGrain>(ITeenApprovalListGrain.Key).Set(memberId, "", pending: false, DateTime.MinValue);
}
