using Orleans.Core;
using Orleans.Storage;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// A grain's persistent state that is not read when the grain activates (as <c>[PersistentState]</c> is), for a grain
/// whose first call usually creates it: that call can store it blind (<see cref="TryCreate"/>) and skip the read, which
/// finds nothing. Any other first call reads it (<see cref="EnsureRead"/>). Same storage, state name and rows as
/// <c>[PersistentState(name, storage)]</c>, so either can read what the other wrote.
/// </summary>
public sealed class LazyState<T> : StateStorageBridge<T>, IPersistentState<T>
    where T : new()
{
    private Task? _read;

    /// <summary>Created in a turn of <paramref name="grain"/>; until read or created, memory holds a fresh state.</summary>
    public LazyState(string name, IGrainContext grain, IGrainStorage storage)
        : base(name, grain, storage)
    {
        State = new T();
    }

    /// <summary>Whether memory holds what storage holds (read, or created here).</summary>
    public bool IsKnown { get; private set; }

    /// <summary>Reads once; callers interleaving with the read share it. True when this call did the read.</summary>
    public async Task<bool> EnsureRead()
    {
        if (IsKnown)
        {
            return false;
        }

        var first = _read is null;
        var read = _read ??= ReadOnce();
        try
        {
            await read;
        }
        finally
        {
            // Cleared once done, so a read that failed is tried again by the next call. Compared, not just cleared: a
            // read that completed at once would be done before it is stored here (Orleans 10's state bridge always
            // yields before calling storage, but that is its detail, not a promise).
            if (ReferenceEquals(_read, read))
            {
                _read = null;
            }
        }

        return first;
    }

    private async Task ReadOnce()
    {
        await ReadStateAsync();
        IsKnown = true;
    }

    /// <summary>
    /// Before any read: applies <paramref name="create"/> to a fresh state and writes it as new. False, with memory fresh
    /// again, when storage refused (the state exists already) or did not answer: then read, and decide on what it holds.
    /// </summary>
    public async Task<bool> TryCreate(Action<T> create)
    {
        if (IsKnown || _read is not null)
        {
            return false;
        }

        var fresh = new T();
        create(fresh);
        State = fresh;
        Etag = null;
        try
        {
            await WriteStateAsync();
            IsKnown = true;
            return true;
        }
        catch (Exception)
        {
            State = new T();
            Etag = null;
            return false;
        }
    }
}
