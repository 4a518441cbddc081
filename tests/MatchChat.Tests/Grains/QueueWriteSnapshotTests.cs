using MatchChat.Tests.Support;

namespace MatchChat.Tests.Grains;

/// <summary>
/// The topic queue is reentrant and group-commits its writes; a storage provider may read the state it was given after
/// its own awaits (the ADO.NET one does). What it was given must not change under it: before, a request arriving
/// meanwhile changed the live list, the serialiser threw, and every caller waiting on that write was told unavailable
/// (S8 on PostgreSQL, docs/benchmarks.md "Goal 8").
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueWriteSnapshotTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task Requests_arriving_while_the_queue_is_written_are_all_acknowledged_and_do_not_change_the_state_being_written()
    {
        const string topic = "relationships";
        FaultyGrainStorage.ReadLate(topic);
        var seekers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _driver.Member()));

        // Arrivals spread over a few hundred milliseconds, so that some land while a write is reading its state.
        var calls = new List<Task<MatchChat.Contracts.Matching.QueueTicket>>();
        foreach (var seeker in seekers)
        {
            calls.Add(seeker.Grain.RequestListener(topic, [], null));
            await Task.Delay(10);
        }

        var tickets = await Task.WhenAll(calls);

        Assert.Equal(40, tickets.Select(t => t.RequestId).Distinct().Count());
        Assert.True(FaultyGrainStorage.LateWrites > 0, "the queue's writes did not go through the late read");
        Assert.True(FaultyGrainStorage.ChangedWhileWriting == 0, $"{FaultyGrainStorage.ChangedWhileWriting} of {FaultyGrainStorage.LateWrites} writes saw their state change");
    }
}
