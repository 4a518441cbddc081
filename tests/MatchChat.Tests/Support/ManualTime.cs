namespace MatchChat.Tests.Support;

/// <summary>A clock that moves only when told to.</summary>
public sealed class ManualTime(DateTime start) : TimeProvider
{
    private DateTimeOffset _now = new(DateTime.SpecifyKind(start, DateTimeKind.Utc));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
