using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MatchChat.Language.Meaning;

/// <summary>
/// Dedicated threads for the model, at a lower scheduling priority than the rest of the process (Linux: a nice value
/// per thread; elsewhere normal priority). A model call takes milliseconds of a core; on the thread pool it competed on
/// equal terms with the relay's work items, so on a busy machine every message waited behind it. Here the model gets
/// the CPU the relay leaves, and its callers (who never wait longer than their own time limits) see it slow down first.
/// Callers' continuations run on the thread pool, never on these threads.
/// </summary>
internal sealed partial class ModelThreads : IDisposable
{
    private const int PrioProcess = 0;

    private readonly BlockingCollection<Action> _work = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;

    public ModelThreads(int count, int nice, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(() => Run(nice)) { IsBackground = true, Name = name };
            _threads[i].Start();
        }
    }

    /// <summary>Whether the last thread started could lower its priority (for the operator's record).</summary>
    public bool Lowered { get; private set; }

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
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
        }, CancellationToken.None);
        return done.Task;
    }

    public void Dispose() => _work.CompleteAdding();

    private void Run(int nice)
    {
        Lowered = nice > 0 && TryLowerPriority(nice);
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
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

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
