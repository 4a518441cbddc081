using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MatchChat.Language.Meaning;

/// <summary>
/// Dedicated threads for the model, at a lower scheduling priority than the rest of the process (Linux; elsewhere
/// normal priority). A model call takes milliseconds of a core; on the thread pool it competed on equal terms with the
/// relay's work items, so on a busy machine every message waited behind it. Here the model gets the CPU the relay
/// leaves, and its callers (who never wait longer than their own time limits) see it slow down first.
/// <para>
/// Two levels. With <c>idleUntilWaited</c> set the threads run under <c>SCHED_IDLE</c>: the kernel runs them only on
/// a core nothing else wants, and a waking relay thread preempts them at once (a nice value alone still gave the model
/// about a third of a core on a saturated 2-core machine, and a woken relay thread waited for the model's time slice).
/// So that a saturated machine cannot starve the model for ever, a call that has waited longer than
/// <c>idleUntilWaited</c> runs under the normal policy at <c>nice</c>; the next call that has not waited that long runs
/// idle again. On a machine that stays saturated the model so reads about one call per <c>idleUntilWaited</c> (plus
/// what idle moments allow), and no call waits much longer than that for a core.
/// Without it the threads run at <c>nice</c> throughout.
/// </para>
/// <para>
/// With <c>coreShare</c> below 1 each thread also keeps to that share of one core over time (a token bucket on the
/// thread's own CPU time, up to <see cref="BurstMilliseconds"/> at once): the model's working set (tens of MB of
/// weights) evicts the relay's from the caches, so a model that reads in every idle moment slows the relay's work on the
/// same cores even when it never takes a core from it (S3 at 100 connections: 123 µs of server CPU per message with the
/// model off, 276 with it reading in the gaps). Work beyond the share waits in the queue, and its callers' own limits
/// (the message backlog, the embedding time limit) decide what is skipped.
/// </para>
/// Callers' continuations run on the thread pool, never on these threads.
/// </summary>
internal sealed partial class ModelThreads : IDisposable
{
    private const int PrioProcess = 0;
    private const int SchedOther = 0;
    private const int SchedIdle = 5;
    private const int ClockThreadCpuTime = 3;

    /// <summary>CPU time a thread may spend at once before the core share applies.</summary>
    public const double BurstMilliseconds = 100;

    private readonly BlockingCollection<(Action Work, long Queued, Func<long?>? Oldest)> _work = new(new ConcurrentQueue<(Action, long, Func<long?>?)>());
    private readonly Thread[] _threads;
    private readonly TimeSpan? _idleUntilWaited;
    private readonly double _coreShare;
    private long _promotions;

    public ModelThreads(int count, int nice, string name, TimeSpan? idleUntilWaited = null, double coreShare = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coreShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coreShare, 1);
        _idleUntilWaited = idleUntilWaited;
        _coreShare = coreShare;
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(() => Run(nice)) { IsBackground = true, Name = name };
            _threads[i].Start();
        }
    }

    /// <summary>Whether the last thread started could lower its priority (for the operator's record).</summary>
    public bool Lowered { get; private set; }

    /// <summary>How often a thread left <c>SCHED_IDLE</c> because work had waited too long (the machine was saturated).</summary>
    public long Promotions => Interlocked.Read(ref _promotions);

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Queues work that reports its own outcome (it must not throw), under the same priority and share. For work that
    /// reads from a queue of its own (texts read in batches), <paramref name="oldest"/> says, when the work's turn comes,
    /// since when the oldest item it would read has waited (a <see cref="Stopwatch"/> timestamp), or null when there is
    /// nothing left to read: the work is then skipped, and the idle limit is judged by that item's wait, not the work's.
    /// </summary>
    public void Post(Action work, Func<long?>? oldest = null) => _work.Add((work, Stopwatch.GetTimestamp(), oldest), CancellationToken.None);

    public void Dispose() => _work.CompleteAdding();

    private void Run(int nice)
    {
        Lowered = nice > 0 && TryLowerPriority(nice);
        var idle = _idleUntilWaited is not null && TrySetPolicy(SchedIdle);
        Lowered |= idle;
        var credit = BurstMilliseconds;
        var refilled = Stopwatch.GetTimestamp();
        foreach (var (work, posted, oldest) in _work.GetConsumingEnumerable())
        {
            var queued = posted;
            if (oldest is not null)
            {
                if (oldest() is not { } waitingSince)
                {
                    continue;
                }

                queued = waitingSince;
            }

            if (_coreShare < 1)
            {
                credit = Math.Min(BurstMilliseconds, credit + (Stopwatch.GetElapsedTime(refilled).TotalMilliseconds * _coreShare));
                refilled = Stopwatch.GetTimestamp();
                if (credit < 0)
                {
                    // Over the share: wait until the bucket is back to zero (the queue keeps the work meanwhile).
                    Thread.Sleep(TimeSpan.FromMilliseconds(-credit / _coreShare));
                    credit = 0;
                    refilled = Stopwatch.GetTimestamp();
                }
            }

            // Per call: one that waited too long runs at the nice value, the next one that has not goes back to idle.
            if (_idleUntilWaited is { } limit)
            {
                var late = Stopwatch.GetElapsedTime(queued) > limit;
                if (late == idle && TrySetPolicy(late ? SchedOther : SchedIdle))
                {
                    idle = !late;
                    if (late)
                    {
                        Interlocked.Increment(ref _promotions);
                    }
                }
            }

            var cpuBefore = ThreadCpuMilliseconds();
            work();
            if (_coreShare < 1)
            {
                credit -= ThreadCpuMilliseconds() - cpuBefore;
            }
        }
    }

    /// <summary>This thread's CPU time (Linux), or wall time elsewhere (an over-estimate: the share is then stricter).</summary>
    internal static double ThreadCpuMilliseconds()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (ClockGetTime(ClockThreadCpuTime, out var now) == 0)
                {
                    return (now.Seconds * 1000.0) + (now.Nanoseconds / 1e6);
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }

        return Environment.TickCount64;
    }

    /// <summary>This thread's scheduling policy (the nice value is kept across changes).</summary>
    private static bool TrySetPolicy(int policy)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var priority = 0;
            return SetScheduler(0, policy, ref priority) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool TryLowerPriority(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // On Linux a thread is a task with its own nice value: PRIO_PROCESS with the thread id sets this thread's.
            return SetPriority(PrioProcess, GetTid(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int prio);

    /// <summary>pid 0: the calling thread; <paramref name="priority"/> is <c>struct sched_param</c> (one int, 0 for these policies).</summary>
    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
