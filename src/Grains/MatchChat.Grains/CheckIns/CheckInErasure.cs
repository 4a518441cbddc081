using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Grains.Members;

namespace MatchChat.Grains.CheckIns;

/// <summary>
/// Deletion erases the member's check-ins: those they scheduled (withdrawn from their receivers' inboxes) and those waiting
/// for them. Neither grain calls the member grain back while erasing.
/// </summary>
public sealed class CheckInErasure : IMemberErasure
{
    public Task EraseAsync(string memberId, IGrainFactory grains) => grains.Ref<ICheckInGrain>(memberId).Erase();
}
