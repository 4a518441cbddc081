using MatchChat.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace MatchChat.Storage.Tests.Orleans;

/// <summary>
/// Grain state writes on PostgreSQL group-committed (<c>MatchChat:Storage:BatchedGrainWrites</c>, on by default): the rows
/// are Orleans' own, so a cluster can turn it on and off silo by silo; a burst of writes shares transactions; a stale
/// writer is refused as Orleans refuses it; a write PostgreSQL rejects fails alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchedGrainStateTests(PostgresFixture postgres)
{
    [Fact]
    public async Task State_written_with_and_without_batching_is_one_row_that_either_silo_reads_and_continues()
    {
        var connectionString = await postgres.CreateDatabaseAsync("batchmix");
        var guidKey = Guid.NewGuid();

        // Orleans' own writes, then batched ones, then Orleans' own again: each silo reads what the other wrote and
        // updates the same row (same keys, same hashes, versions in one sequence).
        foreach (var (batched, expected) in new[] { (false, 1), (true, 2), (false, 3), (true, 4) })
        {
            var silo = await TestSilo.StartAsync(connectionString, batched);
            try
            {
                var grains = silo.Services.GetRequiredService<IGrainFactory>();
                Assert.Equal(expected, await grains.GetGrain<IProbeGrain>("mixed").IncrementAsync());
                Assert.Equal(expected, await grains.GetGrain<IGuidProbeGrain>(guidKey).IncrementAsync());
            }
            finally
            {
                await TestSilo.StopAsync(silo);
            }
        }

        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 's' AND grainidextensionstring = 'mixed' AND version = 4"));
        Assert.Equal(1, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'g' AND version = 4"));
        Assert.Equal(2, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage"));
    }

    [Fact]
    public async Task A_burst_of_writes_from_many_grains_is_stored_in_far_fewer_transactions()
    {
        const int grainCount = 300;
        var connectionString = await postgres.CreateDatabaseAsync("batchburst");
        var silo = await TestSilo.StartAsync(connectionString);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var probes = Enumerable.Range(0, grainCount).Select(i => grains.GetGrain<IProbeGrain>($"burst-{i}")).ToArray();
            await Task.WhenAll(probes.Select(p => p.IncrementAsync()));

            // Every grain is active and has read its state: the next round is writes only, all at once.
            var before = await MigrationTests.ScalarAsync(connectionString, "SELECT txid_current()");
            var counts = await Task.WhenAll(probes.Select(p => p.IncrementAsync()));
            var after = await MigrationTests.ScalarAsync(connectionString, "SELECT txid_current()");

            Assert.All(counts, count => Assert.Equal(2, count));
            Assert.Equal(grainCount, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 's' AND version = 2"));

            // One transaction id per writing transaction (and one for the second txid_current itself); one write per
            // transaction would take at least 300.
            var transactions = after - before;
            Assert.True(transactions < grainCount / 3, $"{grainCount} writes took {transactions} transactions");
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("batchstale");
        var silo = await TestSilo.StartAsync(connectionString);
        try
        {
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(PostgresSiloBuilderExtensions.GrainStorageName);
            var id = GrainId.Create("probe", "stale");
            var first = new ProbeState { Count = 1 };
            var current = new GrainState<ProbeState>(first);
            await storage.WriteStateAsync("s", id, current);
            Assert.Equal("1", current.ETag);
            Assert.True(current.RecordExists);

            // Another activation that read version 1 too, and this one writes again first.
            var stale = new GrainState<ProbeState>(new ProbeState { Count = 10 }, "1");
            first.Count = 2;
            await storage.WriteStateAsync("s", id, current);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, stale));

            // And a first write of a state that already exists (an activation that never read it).
            var blind = new GrainState<ProbeState>(new ProbeState { Count = 99 });
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, blind));

            var read = new GrainState<ProbeState>(new ProbeState());
            await storage.ReadStateAsync("s", id, read);
            Assert.Equal(2, read.State!.Count);
            Assert.Equal("2", read.ETag);
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    [Fact]
    public async Task A_write_that_postgres_rejects_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        var connectionString = await postgres.CreateDatabaseAsync("batchbad");
        var silo = await TestSilo.StartAsync(connectionString);
        try
        {
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(PostgresSiloBuilderExtensions.GrainStorageName);

            // A key longer than the table's 512 characters, sent together with good writes.
            var tooLong = GrainId.Create("probe", new string('k', 600));
            var writes = Enumerable.Range(0, 40)
                .Select(i => storage.WriteStateAsync("s", GrainId.Create("probe", $"good-{i}"), new GrainState<ProbeState>(new ProbeState { Count = i })))
                .Append(storage.WriteStateAsync("s", tooLong, new GrainState<ProbeState>(new ProbeState { Count = 1 })))
                .Concat(Enumerable.Range(40, 40)
                    .Select(i => storage.WriteStateAsync("s", GrainId.Create("probe", $"good-{i}"), new GrainState<ProbeState>(new ProbeState { Count = i }))))
                .ToArray();

            var failed = await Assert.ThrowsAnyAsync<Exception>(() => writes[40]);
            Assert.IsNotType<InconsistentStateException>(failed);
            await Task.WhenAll(writes.Where((_, i) => i != 40));
            Assert.Equal(80, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring LIKE 'good-%' AND version = 1"));
            Assert.Equal(0, await MigrationTests.ScalarAsync(connectionString, "SELECT count(*) FROM orleansstorage WHERE length(grainidextensionstring) > 512"));
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }
}
