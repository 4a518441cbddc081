using MatchChat.Contracts.Reports;
using MatchChat.Contracts.Retention;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Retention;

/// <summary>The retention job's grain on the two-silo cluster: its services resolve, it starts twice harmlessly, and
/// two callers at once share one pass.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RetentionGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Start_is_idempotent_and_a_pass_runs_on_demand()
    {
        var job = fixture.Grains.GetGrain<IRetentionGrain>(SingletonKeys.Retention);
        await job.Start();
        await job.Start();

        var results = await Task.WhenAll(job.RunNow(), job.RunNow());

        Assert.All(results, r => Assert.Equal((0L, 0L, 0L), (r.ConversationMessages, r.RoomMessages, r.ReportEvidence)));
        Assert.True((await job.RunNow()).Elapsed >= TimeSpan.Zero);
    }
}
