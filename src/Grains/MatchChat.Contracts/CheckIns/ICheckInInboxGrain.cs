namespace MatchChat.Contracts.CheckIns;

/// <summary>
/// Key: member id. Check-ins waiting to reach this member, delivered as <c>CheckInDue</c> once each (README, "Check-ins"):
/// at the due time if the member is connected (a grain timer while active; a reminder wakes it after a restart), else at
/// their next connection (<see cref="MemberConnected"/>). A check-in is marked delivered only after the member grain handed
/// the push to a connected web node.
/// </summary>
[Alias("MatchChat.ICheckInInboxGrain")]
public interface ICheckInInboxGrain : IGrainWithStringKey
{
    /// <summary>The most check-ins that may wait for one member.</summary>
    public const int MaxPending = 200;

    /// <summary>Idempotent by check-in id (a delivered one is not added again); conflict when the inbox is full.</summary>
    [Alias("Add")] Task Add(PendingCheckIn checkIn);

    /// <summary>The sender cancelled it (or was deleted); harmless when it is gone already.</summary>
    [Alias("Withdraw")] Task Withdraw(string checkInId);

    /// <summary>A web node newly holds this member's connections (or asks again after a failed ask): delivers everything due now.</summary>
    [Alias("MemberConnected")] Task MemberConnected();

    /// <summary>Delivered in the last <see cref="CheckInStatuses.DeliveredKeptDays"/> days, newest first.</summary>
    [Alias("Delivered"), ReadOnly] Task<CheckIn[]> Delivered();

    /// <summary>Erases the inbox (the member's deletion). Tells each sender's <see cref="ICheckInGrain"/> to forget its
    /// check-in, one way (never awaited, so no call cycle can wait on itself; a lost one stays listed until due).</summary>
    [Alias("Clear")] Task Clear();

    /// <summary>This member blocked <paramref name="fromId"/>: their waiting check-ins (and notes) are dropped, and their
    /// list forgets them (one way, as in <see cref="Clear"/>).</summary>
    [Alias("DropFrom")] Task DropFrom(string fromId);
}
