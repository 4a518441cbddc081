using System.Diagnostics;
using System.Net.WebSockets;
using Xunit.Abstractions;

namespace MatchChat.Tests.Edge;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Three rounds of 2,000 connections that never send the handshake, as the probe did. Alone in the process (no other
/// test runs meanwhile), it measures the managed heap after a forced, compacting full collection before and after: a
/// leak keeps what the connections held reachable, so the heap would grow with every round; memory the collector only
/// kept committed for reuse is gone from the heap after the collection. Figures go to the test output.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class MemoryAfterAbuseTests(EdgeServerFixture server, ITestOutputHelper output) : IClassFixture<EdgeServerFixture>
{
    private const int Rounds = 3;
    private const int PerRound = 2000;

    [Fact]
    public async Task Thousands_of_handshakeless_connections_leave_nothing_reachable_once_closed()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        // Warm up: the first connections load code and fill pools that stay.
        await Round(member.Token, 200);
        var before = Measure("before");
        for (var round = 1; round <= Rounds; round++)
        {
            await Round(member.Token, PerRound);
            Measure($"after round {round}");
        }

        var after = Measure("after");
        var grown = after.Heap - before.Heap;
        output.WriteLine($"managed heap grew by {grown / 1024.0 / 1024.0:0.0} MB after {Rounds * PerRound} connections");
        // 6,000 connections: a leak of even 5 KB each would be 30 MB.
        Assert.True(grown < 20L * 1024 * 1024, $"managed heap grew by {grown / 1024 / 1024} MB");
    }

    private async Task Round(string token, int count)
    {
        var sockets = new List<ClientWebSocket>(count);
        foreach (var batch in Enumerable.Range(0, count).Chunk(100))
        {
            sockets.AddRange(await Task.WhenAll(batch.Select(_ => EdgeClient.RawSocket(server.BaseUrl, token))));
        }

        // The server closes each after the handshake timeout (3 s here); read until it has.
        var closed = await Task.WhenAll(sockets.Select(s => EdgeClient.ClosedWithin(s, TimeSpan.FromSeconds(60))));
        Assert.All(closed, Assert.True);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        // Let the server finish its side of the closes.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private (long Heap, long Rss) Measure(string when)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        output.WriteLine($"{when}: managed heap {heap / 1024.0 / 1024.0:0.0} MB, GC committed {info.TotalCommittedBytes / 1024.0 / 1024.0:0.0} MB, " +
            $"RSS {process.WorkingSet64 / 1024.0 / 1024.0:0.0} MB (server GC: {System.Runtime.GCSettings.IsServerGC})");
        return (heap, process.WorkingSet64);
    }
}
