namespace MatchChat.Bench.Scenarios;

/// <summary>One arrival-rate step of S8: the requests sent in it and what the server did during its window.</summary>
public sealed class S8Step(int rate)
{
    public int Rate { get; } = rate;
    public List<S8Request> Requests { get; } = [];
    public long Start { get; set; }
    public long End { get; set; }

    /// <summary>Arrivals the schedule wanted while every seeker was still busy (the driver's pool ran dry: not sent).</summary>
    public int NoIdleSeeker { get; set; }
    public double ServerCpuSeconds { get; set; }
    public double ServerCpuPercent { get; set; }
    public double DriverCpuPercent { get; set; }
    public double MachineBusyPercent { get; set; }

    /// <summary>Kept up by <see cref="S8TopicCeiling.KeepsUp"/>, with every arrival sent.</summary>
    public bool Ok { get; set; }

    /// <summary>Requests acknowledged but not yet matched when the step's window closed (the queue, seen from the driver).</summary>
    public long WaitingAtEnd { get; set; }
}
