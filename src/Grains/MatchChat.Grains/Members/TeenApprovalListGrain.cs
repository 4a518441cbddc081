using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;

namespace MatchChat.Grains.Members;

/// <summary>
/// The waiting adult listeners, oldest first, in the grain storage: member id (never handed out), handle, since when.
/// At most <see cref="Capacity"/> are kept (the newest are dropped beyond it: those who asked first are not pushed out);
/// a write happens only when the list changes.
/// </summary>
public sealed class TeenApprovalListGrain(
    [PersistentState("teen-approvals", StorageNames.Grains)] IPersistentState<TeenApprovalListState> state) : Grain, ITeenApprovalListGrain
{
    public const int Capacity = 1000;

    private List<TeenApprovalEntry> Entries => state.State.Entries;

    public async Task Set(string memberId, string handle, bool pending, DateTime at)
    {
        var index = Entries.FindIndex(e => e.MemberId == memberId);
        if (pending == index >= 0 || (pending && Entries.Count >= Capacity))
        {
            return;
        }

        // Changed on a copy: a write that fails leaves memory as storage has it, so the caller's retry (a deletion's
        // erasure is retried as a whole) finds the change still to make and writes it.
        var before = state.State.Entries;
        var after = new List<TeenApprovalEntry>(before);
        if (pending)
        {
            after.Add(new TeenApprovalEntry { MemberId = memberId, Handle = handle, Since = at });
        }
        else
        {
            after.RemoveAt(index);
        }

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
