using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// Grain state for the memory mode (no connection string: the embedded default, one silo in the web process; nothing is
/// kept past the process): each grain's state is kept here as its serialized bytes, a snapshot, so a grain that changes
/// its state after a write does not change what is stored, and no object graph of it stays for the collector to mark.
/// Orleans' own memory storage keeps the same bytes in storage grains, so every read and write was a grain call (a
/// message, a turn on the storage grain's scheduler, a copy of the bytes, an answer; docs/benchmarks.md, stop 42). Only
/// for a single silo: a grain that moved to another silo would not find its state. Writes complete before this returns,
/// so a grain that groups writes must let waiting calls run first (<see cref="WriteBehind"/> does).
/// Versions are checked as Orleans' memory storage does: a write or clear with a stale ETag (or a write without one over
/// a row that exists: a blind create) throws <see cref="InconsistentStateException"/> and changes nothing. One
/// difference: a cleared row is forgotten (its memory freed), so a later write with any ETag is taken as a first write.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private static long _lastETag;

    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), Entry> _states = new();

    private long _writes;

    /// <summary>How many grain states are stored (for tests and diagnostics).</summary>
    public int Count => _states.Count;

    /// <summary>How many writes this storage has taken (for tests and diagnostics).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data) ?? Activator.CreateInstance<T>();
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new Entry(serializer.Serialize(grainState.State), NewETag());
        while (true)
        {
            if (_states.TryGetValue(key, out var current))
            {
                Check(current, grainState.ETag, stateName);
                if (_states.TryUpdate(key, written, current))
                {
                    break;
                }
            }
            else if (_states.TryAdd(key, written))
            {
                break;
            }
        }

        Interlocked.Increment(ref _writes);
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        while (_states.TryGetValue(key, out var current))
        {
            Check(current, grainState.ETag, stateName);
            if (_states.TryRemove(KeyValuePair.Create(key, current)))
            {
                break;
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void Check(Entry current, string? etag, string stateName)
    {
        if (etag != current.ETag && etag != "*")
        {
            throw new InconsistentStateException(
                $"ETag mismatch for grain state '{stateName}' (stored {current.ETag}, given {etag ?? "none"}).", current.ETag, etag ?? "");
        }
    }

    private static string NewETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(BinaryData Data, string ETag);
}
