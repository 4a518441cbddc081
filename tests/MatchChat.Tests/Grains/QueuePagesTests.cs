using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A topic queue stores its waiting requests in pages by arrival (here 4 to a page), each a row of its own, and a write
/// stores only the pages that changed (TopicQueueGrain.Pages.cs): the queue must come back whole and in order, take
/// new requests after the ones it had, and read a queue stored whole by an older build.
/// </summary>
public sealed class QueuePagesTests(QueuePagesTests.Cluster cluster) : IClassFixture<QueuePagesTests.Cluster>
{
    [Fact]
    public async Task A_queue_of_several_pages_comes_back_whole_and_in_order_after_its_grain_restarts()
    {
        var topic = TestTopics.Slug(18);
        var seekers = new List<IMemberGrain>();
        var requests = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            var seeker = await Member();
            seekers.Add(seeker);
            requests.Add((await seeker.RequestListener(topic, [], null)).RequestId);
        }

        // One leaves from the middle of the second page.
        await seekers[5].CancelRequest(requests[5]);
        requests.RemoveAt(5);
        seekers.RemoveAt(5);

        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        for (var i = 0; i < requests.Count; i++)
        {
            var ticket = await queue.GetTicket(requests[i]);
            Assert.NotNull(ticket);
            Assert.Equal(i + 1, ticket.Position);
        }

        // A request after the restart goes to the end, and does not overwrite a page of the ones before it.
        var late = await (await Member()).RequestListener(topic, [], null);
        Assert.Equal(requests.Count + 1, late.Position);
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(requests.Count + 1, (await queue.GetTicket(late.RequestId))!.Position);
        Assert.Equal(1, (await queue.GetTicket(requests[0]))!.Position);
    }

    [Fact]
    public async Task A_change_at_the_front_of_the_queue_rewrites_its_page_and_not_the_others()
    {
        var topic = TestTopics.Slug(19);
        var first = await Member();
        var firstRequest = await first.RequestListener(topic, [], null);
        for (var i = 1; i < 12; i++)
        {
            await (await Member()).RequestListener(topic, [], null);
        }

        var before = await PageVersions(topic, 3);
        Assert.All(before, Assert.NotNull);

        await first.CancelRequest(firstRequest.RequestId);

        var after = await PageVersions(topic, 3);
        Assert.NotEqual(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.Equal(before[2], after[2]);
    }

    [Fact]
    public async Task A_queue_stored_whole_by_an_older_build_is_read_in_order_and_then_stored_in_pages()
    {
        var topic = TestTopics.Slug(22);
        var seekers = new List<(IMemberGrain Grain, string Id)>();
        for (var i = 0; i < 6; i++)
        {
            var grain = await Member();
            seekers.Add((grain, grain.GetPrimaryKeyString()));
        }

        // The row an older build wrote: every waiting request in the queue's own row, no pages.
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var whole = new TopicQueueState
        {
            Requests = seekers.Select((s, i) => new QueuedRequest
            {
                Request = new SeekerRequest($"r{i}-{Guid.NewGuid():N}", s.Id, "H-" + i, "adult", [], null, DateTime.UtcNow.AddMinutes(-10 + i)),
            }).ToList(),
            ServedNormal = 7,
        };
        var row = new GrainState<TopicQueueState>(whole);
        await Storage.WriteStateAsync("queue", queue.GetGrainId(), row);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(i + 1, (await queue.GetTicket(whole.Requests[i].Request.RequestId))!.Position);
        }

        // The next change writes pages, and a restart reads them back.
        var newcomer = await (await Member()).RequestListener(topic, [], null);
        Assert.Equal(7, newcomer.Position);
        var stored = new GrainState<TopicQueueState>();
        await Storage.ReadStateAsync("queue", queue.GetGrainId(), stored);
        Assert.NotNull(stored.State);
        Assert.Empty(stored.State.Requests);
        Assert.Equal([0L, 1L], stored.State.Pages!);
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(3, (await queue.GetTicket(whole.Requests[2].Request.RequestId))!.Position);
        Assert.Equal(7, (await queue.GetTicket(newcomer.RequestId))!.Position);
    }

    [Fact]
    public async Task Pages_stored_as_lists_by_an_older_build_are_read_in_order_and_a_changed_page_is_then_stored_packed()
    {
        var topic = TestTopics.Slug(85);
        var seekers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            seekers.Add((await Member()).GetPrimaryKeyString());
        }

        // What a build before stop 45 wrote with pages on: the queue's row lists pages 0 and 1, each a list of requests.
        var queue = cluster.Host.Client.GetGrain<ITopicQueueGrain>(topic);
        var requests = seekers.Select((s, i) => new QueuedRequest
        {
            Request = new SeekerRequest($"r{i}-{Guid.NewGuid():N}", s, "H-" + i, "adult", [], null, DateTime.UtcNow.AddMinutes(-10 + i)),
            Arrival = i,
        }).ToList();
        await Storage.WriteStateAsync("queue", queue.GetGrainId(), new GrainState<TopicQueueState>(new TopicQueueState { Pages = [0, 1], NextArrival = 6 }));
        await Storage.WriteStateAsync("queuepage", PageId(topic, 0), new GrainState<QueuePage>(new QueuePage { Requests = requests[..4] }));
        await Storage.WriteStateAsync("queuepage", PageId(topic, 1), new GrainState<QueuePage>(new QueuePage { Requests = requests[4..] }));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(i + 1, (await queue.GetTicket(requests[i].Request.RequestId))!.Position);
        }

        // A newcomer changes page 1 only: it is stored packed, with the newcomer after the two before it.
        var newcomer = await (await Member()).RequestListener(topic, [], null);
        Assert.Equal(7, newcomer.Position);
        var page1 = new GrainState<QueuePage>();
        await Storage.ReadStateAsync("queuepage", PageId(topic, 1), page1);
        Assert.Empty(page1.State!.Requests);
        Assert.Equal([requests[4].Request.RequestId, requests[5].Request.RequestId, newcomer.RequestId],
            page1.State.Packed!.Unpack(cluster.SiloServices.GetRequiredService<Orleans.Serialization.Serializer<QueuedRequest>>()).Select(r => r.Request.RequestId));
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(2, (await queue.GetTicket(requests[1].Request.RequestId))!.Position);
        Assert.Equal(7, (await queue.GetTicket(newcomer.RequestId))!.Position);
    }

    private static GrainId PageId(string topic, long page) => GrainId.Create("mcqueuepage", $"{topic}/{page}");

    private IGrainStorage Storage => cluster.GrainStorage;

    /// <summary>The stored version of each of the queue's first pages (null: no row).</summary>
    private async Task<string?[]> PageVersions(string topic, int pages)
    {
        var versions = new string?[pages];
        for (var p = 0; p < pages; p++)
        {
            var row = new GrainState<QueuePage>();
            await Storage.ReadStateAsync("queuepage", PageId(topic, p), row);
            versions[p] = row.RecordExists ? row.ETag : null;
        }

        return versions;
    }

    private async Task<IMemberGrain> Member()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = cluster.Host.Client.GetGrain<IMemberGrain>(id);
        await grain.Create("H-" + id[..8], "adult");
        await grain.Attach("test-node", cluster.Host.Client.CreateObjectReference<IChatObserver>(new RecordingObserver()));
        return grain;
    }

    /// <summary>One silo; pages on, four requests to a page.</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:QueuePages"] = "true",
            ["MatchChat:Matching:QueuePageSize"] = "4",
        };
    }
}
