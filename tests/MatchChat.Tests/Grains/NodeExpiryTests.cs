using System.Diagnostics;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;
using MatchChat.Tests.Support;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>
/// A web node that dies says no goodbye: it just stops renewing. The member grain's deadline timer stays armed for the
/// earliest node expiry while renewals keep moving it later (no new timer per renewal), so it must re-check and re-arm
/// each time it fires early, and still end the member's presence once the renewals stop.
/// </summary>
public sealed class NodeExpiryTests(NodeExpiryTests.Cluster cluster) : IClassFixture<NodeExpiryTests.Cluster>
{
    [Fact]
    public async Task A_seeker_whose_node_keeps_renewing_keeps_the_request_and_loses_it_after_the_node_goes_silent()
    {
        var node = cluster.Host.Client.CreateObjectReference<IChatObserver>(new RecordingObserver());
        var id = Guid.NewGuid().ToString("N");
        var seeker = cluster.Host.Client.GetGrain<IMemberGrain>(id);
        await seeker.Create("H-" + id[..8], "adult");
        await seeker.Attach("node-a", node);
        await seeker.RequestListener(TestTopics.Slug(0), [], null);

        // Renewals for more than twice the node expiry: the deadline armed at the first attach passes twice meanwhile.
        var renewing = Stopwatch.StartNew();
        while (renewing.Elapsed < TimeSpan.FromSeconds(7))
        {
            await Task.Delay(300);
            await seeker.Attach("node-a", node);
        }

        Assert.NotNull((await seeker.GetMe()).OpenRequest);

        // The node goes silent: after its expiry (3 s) and the seeker's grace (1 s) the request ends.
        var silent = Stopwatch.StartNew();
        while ((await seeker.GetMe()).OpenRequest is not null)
        {
            Assert.True(silent.Elapsed < TimeSpan.FromSeconds(30), "the request outlived a node that stopped renewing");
            await Task.Delay(200);
        }
    }

    /// <summary>One silo; a node's registration expires 3 s after its last renewal, and a seeker's grace is 1 s.</summary>
    public sealed class Cluster : OneSiloCluster
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MatchChat:Matching:ObserverExpirySeconds"] = "3",
            ["MatchChat:Matching:SeekerGraceSeconds"] = "1",
        };
    }
}
