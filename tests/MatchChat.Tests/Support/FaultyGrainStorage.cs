using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Storage;

namespace MatchChat.Tests.Support;

/// <summary>
/// The real memory grain storage, with the faults a database can cause: writes of one grain type fail a given number
/// of times, or every read and write fails for a while (PostgreSQL down). Armed per test; otherwise it passes through.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static string? _failingType;
    private static int _failuresLeft;

    /// <summary>The next <paramref name="count"/> state writes of grains whose type contains <paramref name="grainType"/> fail.</summary>
    public static void FailWrites(string grainType, int count)
    {
        _failingType = grainType;
        Volatile.Write(ref _failuresLeft, count);
    }

    public static int FailuresLeft => Math.Max(0, Volatile.Read(ref _failuresLeft));

    private static string? _losingType;
    private static int _lostRepliesLeft;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> WriteCounts = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> state writes of grains whose type contains <paramref name="grainType"/>
    /// are stored, and then reported as failed (the database committed; its answer was lost).</summary>
    public static void LoseReplies(string grainType, int count)
    {
        _losingType = grainType;
        Volatile.Write(ref _lostRepliesLeft, count);
    }

    public static int LostRepliesLeft => Math.Max(0, Volatile.Read(ref _lostRepliesLeft));

    /// <summary>State writes that reached storage for this grain (type/key as <see cref="GrainId.ToString"/>).</summary>
    public static int WritesOf(GrainId grainId) => WriteCounts.GetValueOrDefault(grainId.ToString());

    private static readonly ConcurrentDictionary<GrainId, int> FailingGrains = new();

    /// <summary>The next <paramref name="count"/> state writes of this one grain fail; other grains (and other tests) are not touched.</summary>
    public static void FailWritesOf(GrainId grainId, int count) => FailingGrains[grainId] = count;

    /// <summary>Takes one of the failures left for this grain in <paramref name="failures"/>; false when none is left.</summary>
    private static bool TakeOne(ConcurrentDictionary<GrainId, int> failures, GrainId grainId)
    {
        while (failures.TryGetValue(grainId, out var left) && left > 0)
        {
            if (failures.TryUpdate(grainId, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private static long _outageUntilTicks;

    /// <summary>Every read and write fails until this time.</summary>
    public static void Outage(DateTime until) => Volatile.Write(ref _outageUntilTicks, until.Ticks);

    private static bool InOutage => DateTime.UtcNow.Ticks < Volatile.Read(ref _outageUntilTicks);

    private static readonly ConcurrentDictionary<string, byte> LateReaders = new(StringComparer.Ordinal);
    private static int _changedWhileWriting;

    /// <summary>
    /// Writes of the grain with this key read the state they were given the way a database provider may: again after
    /// an await that leaves the grain's scheduler. <see cref="ChangedWhileWriting"/> counts writes whose state changed
    /// (or could not be read) between the call and that late read.
    /// </summary>
    public static void ReadLate(string grainKey) => LateReaders[grainKey] = 0;

    public static int ChangedWhileWriting => Volatile.Read(ref _changedWhileWriting);

    private static int _lateWrites;

    /// <summary>Writes that went through the late read of <see cref="ReadLate"/>.</summary>
    public static int LateWrites => Volatile.Read(ref _lateWrites);

    private async Task WriteReadingLate<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _lateWrites);
        var atCall = System.Text.Json.JsonSerializer.Serialize(grainState.State);
        await Task.Delay(50).ConfigureAwait(false);
        try
        {
            if (System.Text.Json.JsonSerializer.Serialize(grainState.State) != atCall)
            {
                Interlocked.Increment(ref _changedWhileWriting);
            }
        }
        catch (InvalidOperationException)
        {
            Interlocked.Increment(ref _changedWhileWriting);
            throw;
        }

        await Write(stateName, grainId, grainState);
    }

    private static readonly ConcurrentDictionary<string, TimeSpan> SlowWriters = new(StringComparer.Ordinal);

    /// <summary>Writes of the grain with this key take <paramref name="delay"/> longer (a slow database); zero ends it.</summary>
    public static void DelayWrites(string grainKey, TimeSpan delay) => SlowWriters[grainKey] = delay;

    private static readonly ConcurrentDictionary<GrainId, int> ReadCounts = new();
    private static readonly ConcurrentDictionary<GrainId, int> FailingReads = new();

    /// <summary>The next <paramref name="count"/> state reads of this one grain fail at once (as a refused connection does).</summary>
    public static void FailReadsOf(GrainId grainId, int count) => FailingReads[grainId] = count;

    /// <summary>Injected read failures of this grain not yet taken.</summary>
    public static int ReadFailuresLeft(GrainId grainId) => FailingReads.GetValueOrDefault(grainId);

    /// <summary>Reads of this grain's state that reached storage.</summary>
    public static int ReadsOf(GrainId grainId) => ReadCounts.GetValueOrDefault(grainId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (InOutage)
        {
            throw new TimeoutException("storage is down (injected)");
        }

        if (TakeOne(FailingReads, grainId))
        {
            throw new TimeoutException("storage refused the read (injected)");
        }

        ReadCounts.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (InOutage)
        {
            throw new TimeoutException("storage is down (injected)");
        }

        if (_failingType is { } type && grainId.Type.ToString().Contains(type, StringComparison.Ordinal)
            && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new TimeoutException("storage did not answer (injected)");
        }

        if (TakeOne(FailingGrains, grainId))
        {
            throw new TimeoutException("storage did not answer (injected)");
        }

        if (SlowWriters.TryGetValue(grainId.Key.ToString()!, out var delay) && delay > TimeSpan.Zero)
        {
            return WriteSlowly(delay, stateName, grainId, grainState);
        }

        return LateReaders.ContainsKey(grainId.Key.ToString()!) ? WriteReadingLate(stateName, grainId, grainState) : Write(stateName, grainId, grainState);
    }

    private async Task WriteSlowly<T>(TimeSpan delay, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        await Write(stateName, grainId, grainState);
    }

    private async Task Write<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        WriteCounts.AddOrUpdate(grainId.ToString(), 1, (_, n) => n + 1);
        if (_losingType is { } type && grainId.Type.ToString().Contains(type, StringComparison.Ordinal)
            && Interlocked.Decrement(ref _lostRepliesLeft) >= 0)
        {
            throw new TimeoutException("storage committed but did not answer (injected)");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
