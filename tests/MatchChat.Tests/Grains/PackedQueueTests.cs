using MatchChat.Contracts.Matching;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A topic queue keeps each request's bytes from the last write and stores them packed (<see cref="PackedRequests"/>,
/// in pages by default): what changed after a write must be in the next one, and a row an older build wrote must still
/// be read.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PackedQueueTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_listener_who_declined_a_request_is_not_offered_it_again_after_the_queue_restarts()
    {
        var topic = TestTopics.Slug(82);
        var (listener, seeker, request, offer) = await _driver.Offered(topic);
        var queue = _driver.Grains.GetGrain<ITopicQueueGrain>(topic);

        await listener.Grain.DeclineOffer(offer.OfferId);
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        // The restarted queue has the request, first, and knows this listener said no to it.
        var ticket = await queue.GetTicket(request.RequestId);
        Assert.Equal((TicketStatus.Waiting, 1), (ticket!.Status, ticket.Position));
        await listener.Grain.Attach("test-node", listener.Node);
        await Task.Delay(500);
        Assert.Single(_driver.Node.Events, e => e.MemberId == listener.Id && e.Event is Offer o && o.RequestId == request.RequestId);

        // Another listener is offered it: the queue matches, it just does not ask the one who declined.
        var other = await _driver.Member();
        await other.Grain.Volunteer([topic], [], 1, false);
        await other.Grain.SetAvailable(true);
        Assert.Equal(request.RequestId, (await _driver.Node.Next<Offer>(other.Id)).RequestId);
        var stored = Assert.Single(await StoredPacked(topic));
        Assert.Equal(seeker.Id, stored.Request.SeekerId);
        Assert.Contains(listener.Id, stored.Excluded);
    }

    [Fact]
    public async Task A_queue_stored_by_an_older_build_is_read_in_order_and_then_stored_packed()
    {
        var topic = TestTopics.Slug(83);
        var seekers = new List<GrainMember>();
        for (var i = 0; i < 5; i++)
        {
            seekers.Add(await _driver.Member());
        }

        // The row an older build wrote: every waiting request as a list in the queue's own row.
        var queue = _driver.Grains.GetGrain<ITopicQueueGrain>(topic);
        var old = new TopicQueueState
        {
            Requests = seekers.Select((s, i) => new QueuedRequest
            {
                Request = new SeekerRequest($"r{i}-{Guid.NewGuid():N}", s.Id, "H-" + i, "adult", [], null, DateTime.UtcNow.AddMinutes(-10 + i)),
            }).ToList(),
            ServedNormal = 3,
        };
        await Storage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(old));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i + 1, (await queue.GetTicket(old.Requests[i].Request.RequestId))!.Position);
        }

        // The next change writes the row packed, and a restart reads it back in order.
        var newcomer = await (await _driver.Member()).Grain.RequestListener(topic, [], null);
        Assert.Equal(6, newcomer.Position);
        var stored = (await fixture.Stored<TopicQueueState>("queue", queue.GetGrainId())).State!;
        Assert.Empty(stored.Requests);
        Assert.Equal(3, stored.ServedNormal);
        Assert.Equal([.. old.Requests.Select(r => r.Request.RequestId), newcomer.RequestId], (await StoredPacked(topic)).Select(r => r.Request.RequestId));

        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(2, (await queue.GetTicket(old.Requests[1].Request.RequestId))!.Position);
        Assert.Equal(6, (await queue.GetTicket(newcomer.RequestId))!.Position);
    }

    private Serializer<QueuedRequest> Serializer => fixture.SiloServices.GetRequiredService<Serializer<QueuedRequest>>();

    /// <summary>
    /// The queue's stored requests, in its row or (<c>QueuePages</c> on) in its pages, each of which must be packed:
    /// nothing stored as the list.
    /// </summary>
    private async Task<List<QueuedRequest>> StoredPacked(string topic)
    {
        var row = (await fixture.Stored<TopicQueueState>("queue", fixture.Grains.GetGrain<ITopicQueueGrain>(topic).GetGrainId())).State!;
        Assert.Empty(row.Requests);
        if (row.Pages is not { } pages)
        {
            return row.Packed!.Unpack(Serializer);
        }

        Assert.Null(row.Packed);
        var requests = new List<QueuedRequest>();
        foreach (var page in pages)
        {
            var stored = (await fixture.Stored<QueuePage>("queuepage", GrainId.Create("mcqueuepage", $"{topic}/{page}"))).State!;
            Assert.Empty(stored.Requests);
            requests.AddRange(stored.Packed!.Unpack(Serializer));
        }

        return requests;
    }

    private IGrainStorage Storage => fixture.GrainStorage;
}

/// <summary>
/// Packing turned off (<c>PackedQueue=false</c>, before a rollback to a build that reads only the list): a queue that
/// finds its row packed keeps its requests and rewrites the row as the list soon, even if nothing in it changes.
/// </summary>
public sealed class PackedQueueOffTests(PackedQueueOffTests.Cluster cluster) : IClassFixture<PackedQueueOffTests.Cluster>
{
    [Fact]
    public async Task A_packed_row_is_read_and_rewritten_as_the_list_an_older_build_reads()
    {
        var topic = TestTopics.Slug(84);
        var storage = cluster.GrainStorage;
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var requests = StoredQueue.Waiting(3);
        var packed = new TopicQueueState { Packed = PackedRequests.Pack(requests, cluster.SiloServices.GetRequiredService<Serializer<QueuedRequest>>()) };
        await storage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(packed));

        Assert.Equal(2, (await queue.GetTicket(requests[1].Request.RequestId))!.Position);

        var stored = await StoredQueue.ReadUntil<TopicQueueState>(storage, "queue", queue.GetGrainId(), s => s.Packed is null);
        Assert.Null(stored.State!.Packed);
        Assert.Equal(requests.Select(r => r.Request.RequestId), stored.State.Requests.Select(r => r.Request.RequestId));
    }

    /// <summary>One silo; packing off, the queue in one row.</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:PackedQueue"] = "false",
            ["MatchChat:Matching:QueuePages"] = "false",
        };
    }
}

/// <summary>
/// Packing turned off with pages on (before a rollback past stop 45, whose builds read a page only as a list): a queue
/// that finds a page packed keeps its requests and rewrites the page as the list soon, even if nothing in it changes.
/// </summary>
public sealed class PackedPagesOffTests(PackedPagesOffTests.Cluster cluster) : IClassFixture<PackedPagesOffTests.Cluster>
{
    [Fact]
    public async Task A_packed_page_is_read_and_rewritten_as_the_list_an_older_build_reads()
    {
        var topic = TestTopics.Slug(86);
        var storage = cluster.GrainStorage;
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var pageId = GrainId.Create("mcqueuepage", $"{topic}/0");
        var requests = StoredQueue.Waiting(3);
        var page = new QueuePage { Packed = PackedRequests.Pack(requests, cluster.SiloServices.GetRequiredService<Serializer<QueuedRequest>>()) };
        await storage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(new TopicQueueState { Pages = [0], NextArrival = 3 }));
        await storage.WriteStateAsync("queuepage", pageId, new GrainState<QueuePage>(page));

        Assert.Equal(2, (await queue.GetTicket(requests[1].Request.RequestId))!.Position);

        var stored = await StoredQueue.ReadUntil<QueuePage>(storage, "queuepage", pageId, s => s.Packed is null);
        Assert.Null(stored.State!.Packed);
        Assert.Equal(requests.Select(r => r.Request.RequestId), stored.State.Requests.Select(r => r.Request.RequestId));
    }

    /// <summary>One silo; packing off, pages on.</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:PackedQueue"] = "false",
            ["MatchChat:Matching:QueuePages"] = "true",
        };
    }
}

/// <summary>
/// Pages off (the layout of stop 44, still a setting): the queue's own row holds every waiting request, packed, and a
/// list an older build wrote is read and then stored packed.
/// </summary>
public sealed class PackedRowTests(PackedRowTests.Cluster cluster) : IClassFixture<PackedRowTests.Cluster>
{
    [Fact]
    public async Task A_queue_in_one_row_is_stored_packed_and_comes_back_in_order_after_a_restart()
    {
        var topic = TestTopics.Slug(87);
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var seekers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seekers.Add(Guid.NewGuid().ToString("N"));
        }

        var old = new TopicQueueState
        {
            Requests = seekers.Select((s, i) => new QueuedRequest
            {
                Request = new SeekerRequest($"r{i}-{Guid.NewGuid():N}", s, "H-" + i, "adult", [], null, DateTime.UtcNow.AddMinutes(-10 + i)),
            }).ToList(),
        };
        await cluster.GrainStorage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(old));
        Assert.Equal(2, (await queue.GetTicket(old.Requests[1].Request.RequestId))!.Position);

        // A cancel from the middle is a change: the row is written, packed, without it.
        Assert.True(await queue.Cancel(old.Requests[1].Request.RequestId, TicketStatus.Cancelled));
        var stored = new GrainState<TopicQueueState>();
        await cluster.GrainStorage.ReadStateAsync("queue", queue.GetGrainId(), stored);
        Assert.Null(stored.State!.Pages);
        Assert.Empty(stored.State.Requests);
        var serializer = cluster.SiloServices.GetRequiredService<Serializer<QueuedRequest>>();
        Assert.Equal(new[] { old.Requests[0], old.Requests[2], old.Requests[3] }.Select(r => r.Request.RequestId),
            stored.State.Packed!.Unpack(serializer).Select(r => r.Request.RequestId));

        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(2, (await queue.GetTicket(old.Requests[2].Request.RequestId))!.Position);
        Assert.Null(await queue.GetTicket(old.Requests[1].Request.RequestId));
    }

    [Fact]
    public async Task A_queue_stored_in_pages_is_read_and_rewritten_in_one_row_without_any_change()
    {
        // Pages turned off after a build that stored this queue in pages: nothing happens to the queue, yet its row
        // soon holds every request, in order, where a build with pages off looks for them.
        var topic = TestTopics.Slug(89);
        var storage = cluster.GrainStorage;
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var serializer = cluster.SiloServices.GetRequiredService<Serializer<QueuedRequest>>();
        var requests = StoredQueue.Waiting(3);
        await storage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(new TopicQueueState { Pages = [0], NextArrival = 3 }));
        await storage.WriteStateAsync("queuepage", GrainId.Create("mcqueuepage", $"{topic}/0"),
            new GrainState<QueuePage>(new QueuePage { Packed = PackedRequests.Pack(requests, serializer) }));

        Assert.Equal(2, (await queue.GetTicket(requests[1].Request.RequestId))!.Position);

        var stored = await StoredQueue.ReadUntil<TopicQueueState>(storage, "queue", queue.GetGrainId(), s => s.Pages is null);
        Assert.Null(stored.State!.Pages);
        Assert.Equal(requests.Select(r => r.Request.RequestId), stored.State.Packed!.Unpack(serializer).Select(r => r.Request.RequestId));
    }

    /// <summary>One silo; pages off, packing on (the default).</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:QueuePages"] = "false",
        };
    }
}

/// <summary>A queue's rows as a test writes and reads them in storage.</summary>
internal static class StoredQueue
{
    /// <summary>Waiting requests of unknown seekers, oldest first, numbered by arrival.</summary>
    public static List<QueuedRequest> Waiting(int count) => Enumerable.Range(0, count).Select(i => new QueuedRequest
    {
        Request = new SeekerRequest($"r{i}-{Guid.NewGuid():N}", $"s{i}-{Guid.NewGuid():N}", "H-" + i, "adult", [], null, DateTime.UtcNow.AddMinutes(-10 + i)),
        Arrival = i,
    }).ToList();

    /// <summary>The stored row, read every 100 ms until <paramref name="done"/> holds or 10 s have passed.</summary>
    public static async Task<GrainState<T>> ReadUntil<T>(IGrainStorage storage, string stateName, GrainId id, Func<T, bool> done)
        where T : class
    {
        var stored = new GrainState<T>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(100);
            await storage.ReadStateAsync(stateName, id, stored);
        }
        while ((stored.State is null || !done(stored.State)) && DateTime.UtcNow < deadline);

        return stored;
    }
}
