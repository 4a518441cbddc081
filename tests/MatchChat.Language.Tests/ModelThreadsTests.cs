using MatchChat.Language.Meaning;

namespace MatchChat.Language.Tests;

/// <summary>
/// The model runs on its own threads at a lower priority, so chat traffic on a busy server comes first; the callers'
/// code after the await never runs on those threads (it would inherit the low priority).
/// </summary>
public sealed class ModelThreadsTests
{
    [Fact]
    public async Task Work_runs_on_a_named_thread_at_the_given_nice_value_and_the_caller_continues_elsewhere()
    {
        using var threads = new ModelThreads(1, nice: 7, "test model");
        var (name, nice) = await threads.RunAsync(() => (Thread.CurrentThread.Name, NiceOfThisThread()), CancellationToken.None);

        Assert.Equal("test model", name);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(7, nice);
        }

        Assert.NotEqual("test model", Thread.CurrentThread.Name);
    }

    [Fact]
    public async Task A_failure_or_a_cancellation_reaches_the_caller()
    {
        using var threads = new ModelThreads(1, nice: 0, "test model");
        await Assert.ThrowsAsync<InvalidOperationException>(() => threads.RunAsync<int>(() => throw new InvalidOperationException(), CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => threads.RunAsync(() => 1, cancelled.Token));
        Assert.Equal(2, await threads.RunAsync(() => 2, CancellationToken.None));
    }

    [Fact]
    public async Task With_an_idle_limit_the_work_runs_under_SCHED_IDLE_and_work_that_waited_too_long_at_the_nice_value()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using (var patient = new ModelThreads(1, nice: 7, "test model", idleUntilWaited: TimeSpan.FromHours(1)))
        {
            var (policy, _) = await patient.RunAsync(PolicyAndNiceOfThisThread, CancellationToken.None);
            Assert.Equal(SchedIdle, policy);
            Assert.Equal(0, patient.Promotions);
        }

        // Every call counts as late with a zero limit: it runs under the normal policy, at the nice value.
        using var late = new ModelThreads(1, nice: 7, "test model", idleUntilWaited: TimeSpan.Zero);
        var (latePolicy, lateNice) = await late.RunAsync(PolicyAndNiceOfThisThread, CancellationToken.None);
        Assert.Equal(SchedOther, latePolicy);
        Assert.Equal(7, lateNice);
        Assert.Equal(1, late.Promotions);
    }

    [Fact]
    public async Task With_a_core_share_the_threads_spend_no_more_than_that_share_of_one_core_after_the_burst()
    {
        const double share = 0.2;
        const int calls = 20;
        var perCall = TimeSpan.FromMilliseconds(20);
        using var threads = new ModelThreads(1, nice: 0, "test model", coreShare: share);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var spent = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => threads.RunAsync(() => Burn(perCall), CancellationToken.None)));
        started.Stop();

        // 400 ms of CPU, of which the first 100 ms may run at once: the rest takes at least 300 ms / 0.2 = 1.5 s.
        var cpu = spent.Sum(t => t.TotalMilliseconds);
        var floor = (cpu - ModelThreads.BurstMilliseconds - perCall.TotalMilliseconds) / share;
        Assert.True(started.Elapsed.TotalMilliseconds >= floor, $"{cpu:F0} ms of CPU took {started.Elapsed.TotalMilliseconds:F0} ms; at a {share} share it needs at least {floor:F0} ms");
    }

    private const int SchedOther = 0;
    private const int SchedIdle = 5;

    /// <summary>Spins until this thread has used <paramref name="cpu"/> of CPU time; returns what it used.</summary>
    private static TimeSpan Burn(TimeSpan cpu)
    {
        var start = ThreadCpu();
        var x = 0.0;
        while (ThreadCpu() - start < cpu)
        {
            for (var i = 0; i < 10_000; i++)
            {
                x += Math.Sqrt(i);
            }
        }

        GC.KeepAlive(x);
        return ThreadCpu() - start;
    }

    /// <summary>
    /// This thread's CPU time: the first field of /proc/thread-self/schedstat (the scheduler's own account, measured
    /// independently of <see cref="ModelThreads"/>) where the kernel has it; else the thread CPU clock the model's
    /// threads pace by (kernels without schedstats); wall time off Linux. The clock ticks of /proc/thread-self/stat
    /// (10 ms each) are too coarse: 20 calls of 20 ms read as up to 200 ms more than they used, which made the floor
    /// below higher than the share requires.
    /// </summary>
    private static TimeSpan ThreadCpu()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/thread-self/schedstat"))
        {
            var schedstat = File.ReadAllText("/proc/thread-self/schedstat");
            var nanoseconds = long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromTicks(nanoseconds / 100);
        }

        return TimeSpan.FromMilliseconds(ModelThreads.ThreadCpuMilliseconds());
    }

    private static (int Policy, int Nice) PolicyAndNiceOfThisThread()
    {
        var fields = StatFields();
        return (int.Parse(fields[38], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The fields of /proc/thread-self/stat from the third on (after the command name in parentheses).</summary>
    private static string[] StatFields()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the command name in parentheses): the nice value.</summary>
    private static int NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
