namespace MatchChat.Contracts.Retention;

/// <summary>
/// Key: <see cref="Reports.SingletonKeys.Retention"/>, so one activation in the cluster runs the retention job. A reminder wakes it about once an
/// hour; <see cref="RunNow"/> runs a pass at once (tests, operators).
/// </summary>
[Alias("MatchChat.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the reminder exists (every silo calls this at start; idempotent).</summary>
    [Alias("Start")] Task Start();

    /// <summary>Runs one pass (or waits for the one running) and says what it erased.</summary>
    [Alias("RunNow")] Task<RetentionResult> RunNow();
}
