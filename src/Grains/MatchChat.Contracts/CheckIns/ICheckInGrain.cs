namespace MatchChat.Contracts.CheckIns;

/// <summary>
/// Key: member id. The check-ins this member scheduled (for themself or for someone in their network), at most
/// <see cref="MaxScheduled"/> not yet due. Each is handed to its receiver's <see cref="ICheckInInboxGrain"/>, which delivers
/// it; this grain keeps the list and the right to cancel until it is due. Calls go one way: this grain → inbox → member;
/// the only call back, <see cref="Forget"/> (the receiver was deleted), is one-way and never awaited.
/// </summary>
[Alias("MatchChat.ICheckInGrain")]
public interface ICheckInGrain : IGrainWithStringKey
{
    public const int MaxScheduled = 50;
    public const int MaxMinutes = 43_200;

    /// <summary><paramref name="forId"/>/<paramref name="forHandle"/> null: for the member themself. The caller checked the network.</summary>
    [Alias("Schedule")] Task<ScheduledCheckIn> Schedule(int inMinutes, string? note, string? forId, string? forHandle);

    /// <summary>Scheduled (not yet due) first by due time, then those received in the last days.</summary>
    [Alias("List")] Task<CheckIn[]> List();

    /// <summary>not_found for an unknown id; conflict once it is due (it is being or has been delivered).</summary>
    [Alias("Cancel")] Task Cancel(string checkInId);

    /// <summary>The member's deletion: withdraws what they scheduled for others, and erases their own inbox.</summary>
    [Alias("Erase")] Task Erase();

    /// <summary>From the receiver's inbox as the receiver is deleted: the check-in goes from this member's list (one way,
    /// so two members deleted at once never wait on each other).</summary>
    [OneWay, Alias("Forget")] Task Forget(string checkInId);

    /// <summary>This member blocked <paramref name="forId"/>: every check-in they scheduled for them is withdrawn from
    /// that member's inbox (with its note) and leaves this list; an unblock does not bring it back.</summary>
    [Alias("WithdrawFor")] Task WithdrawFor(string forId);

    /// <summary>[crisis] The note of a check-in not yet due whose crisis alert has this id (null when none is): what a
    /// moderator reads as the alert's context.</summary>
    [Alias("NoteFor")] Task<Crisis.WaitingNote?> NoteFor(string alertId);
}
