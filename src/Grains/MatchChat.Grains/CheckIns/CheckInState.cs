namespace MatchChat.Grains.CheckIns;

/// <summary>
/// What a member scheduled: at most <c>ICheckInGrain.MaxScheduled</c> not yet due, plus (so deletion can withdraw them)
/// due ones for <see cref="CheckInRules.KeepDue"/>, at most <see cref="CheckInRules.MaxKeptDue"/>.
/// </summary>
[GenerateSerializer, Alias("MatchChat.CheckInState")]
public sealed class CheckInState
{
    [Id(0)] public List<ScheduledEntry> Scheduled { get; set; } = [];

    /// <summary>
    /// Everyone this member sent a check-in to, with the latest due time (at most <see cref="CheckInRules.MaxKeptReceivers"/>,
    /// the latest kept): a check-in waits in its receiver's inbox until they come back, for any number of days, and is
    /// kept there for days after that, longer than its entry above; deleting one's data must still find it.
    /// </summary>
    [Id(1)] public Dictionary<string, DateTime> SentTo { get; set; } = [];
}
