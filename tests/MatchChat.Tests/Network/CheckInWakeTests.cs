using MatchChat.Contracts.CheckIns;
using MatchChat.Tests.Support;
using Orleans.Core.Internal;

namespace MatchChat.Tests.Network;

/// <summary>
/// A check-in that fell due while its member was offline waits for them to connect. The member grain asks the inbox for
/// it when a web node attaches; when that ask fails, the node's next renewal asks again, so a member whose page stays
/// connected still gets it (CI once saw a connected member wait for a check-in only a new connection would have brought).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckInWakeTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_due_check_in_whose_first_ask_failed_arrives_at_the_next_renewal_of_a_connected_page()
    {
        var member = await _driver.Member();
        await member.Grain.Detach("test-node");
        var inbox = fixture.Grains.GetGrain<ICheckInInboxGrain>(member.Id);

        // Due while nobody is connected: it waits for the next connection.
        var checkIn = new PendingCheckIn(Guid.NewGuid().ToString("N"), null, null, "Still here?", DateTime.UtcNow.AddSeconds(-1));
        await inbox.Add(checkIn);
        await Task.Delay(300);
        Assert.DoesNotContain(_driver.Node.Events, e => e.MemberId == member.Id && e.Event is CheckInDue);

        // The page connects, but the inbox cannot be read just then (storage refused it): the ask at the connection fails.
        await inbox.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        FaultyGrainStorage.FailReadsOf(inbox.GetGrainId(), 1);
        await member.Grain.Attach("test-node", member.Node);
        await GrainDriver.WaitFor(() => FaultyGrainStorage.ReadFailuresLeft(inbox.GetGrainId()) == 0);
        await Task.Delay(300);
        Assert.DoesNotContain(_driver.Node.Events, e => e.MemberId == member.Id && e.Event is CheckInDue);

        // The node renews the page's connection every few seconds (no new connection): the check-in arrives, once.
        var due = await Renewing(member, () => _driver.Node.Events.Any(e => e.MemberId == member.Id && e.Event is CheckInDue));
        Assert.True(due, "the check-in did not arrive while the node kept renewing");
        Assert.Equal("Still here?", Assert.IsType<CheckInDue>(Assert.Single(_driver.Node.Events, e => e.MemberId == member.Id && e.Event is CheckInDue).Event).Note);
        await member.Grain.Attach("test-node", member.Node);
        await Task.Delay(300);
        Assert.Single(_driver.Node.Events, e => e.MemberId == member.Id && e.Event is CheckInDue);
    }

    /// <summary>Renews as a web node does (here every 200 ms, for at most 15 s) until <paramref name="arrived"/>.</summary>
    private static async Task<bool> Renewing(GrainMember member, Func<bool> arrived)
    {
        for (var until = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < until; await Task.Delay(200))
        {
            await member.Grain.Attach("test-node", member.Node);
            if (arrived())
            {
                return true;
            }
        }

        return arrived();
    }
}
