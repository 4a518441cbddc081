namespace MatchChat.Contracts.Telemetry;

/// <summary>
/// One active topic queue's length for <c>matchchat.queue.waiting</c>. The queue grain sets it inside its own turns;
/// a scrape reads it from another thread, so grain state is never touched outside the grain.
/// </summary>
public sealed class QueueGauge
{
    private int _count;

    internal QueueGauge(string topic) => Topic = topic;

    public string Topic { get; }

    public int Count => Volatile.Read(ref _count);

    public void Set(int count) => Volatile.Write(ref _count, count);
}
