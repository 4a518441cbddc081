namespace MatchChat.Grains.CheckIns;

/// <summary>
/// What a member scheduled: at most <c>ICheckInGrain.MaxScheduled</c> not yet due, plus (so deletion can withdraw them)
/// due ones for <see cref="CheckInRules.KeepDue"/>, at most <see cref="CheckInRules.MaxKeptDue"/>.
/// </summary>
[GenerateSerializer, Alias("MatchChat.CheckInState")]
public sealed class CheckInState
{
    [Id(0)] public List<ScheduledEntry> Scheduled { get; set; } = [];
}
