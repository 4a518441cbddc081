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
