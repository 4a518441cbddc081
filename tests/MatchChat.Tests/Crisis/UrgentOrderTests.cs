using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;
using MatchChat.Grains.Queues;

namespace MatchChat.Tests.Crisis;

/// <summary>[crisis] Urgent requests are offered before every normal request of the topic, first in first out among themselves.</summary>
public sealed class UrgentOrderTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ListenerSnapshot Listener(string id) => new(id, "adult", [], 5, 0, false, true, null, ["grief"]);

    private static WaitingSeeker Seeker(string id, bool urgent = false) =>
        new("r-" + id, id, "grief", "adult", [], new HashSet<string>(), false, Urgent: urgent);

    private static QueuedRequest Queued(string id, int minute, bool urgent = false) => new()
    {
        Request = new SeekerRequest("r-" + id, id, id, "adult", [], null, T0.AddMinutes(minute)),
        Urgent = urgent,
    };

    [Fact]
    public void The_policy_offers_an_urgent_seeker_before_earlier_normal_ones()
    {
        var plan = MatchingPolicy.Plan([Seeker("first"), Seeker("second"), Seeker("urgent", urgent: true)], [Listener("only")], new HashSet<string>());
        Assert.Equal("urgent", Assert.Single(plan).Seeker.SeekerId);
    }

    [Fact]
    public void Among_urgent_seekers_the_policy_keeps_first_in_first_out_and_normal_ones_follow_in_order()
    {
        var plan = MatchingPolicy.Plan(
            [Seeker("n1"), Seeker("u1", urgent: true), Seeker("n2"), Seeker("u2", urgent: true)],
            [Listener("a"), Listener("b"), Listener("c"), Listener("d")],
            new HashSet<string>());
        Assert.Equal(["u1", "u2", "n1", "n2"], plan.Select(p => p.Seeker.SeekerId));
    }

    [Fact]
    public void A_request_made_urgent_moves_ahead_of_every_normal_request_and_behind_earlier_urgent_ones()
    {
        var requests = new List<QueuedRequest> { Queued("u-early", 5, urgent: true), Queued("n1", 0), Queued("n2", 1), Queued("late", 9) };
        var late = requests[3];

        Assert.True(QueueOrder.MakeUrgent(requests, late));

        Assert.Equal(["u-early", "late", "n1", "n2"], requests.Select(r => r.Request.SeekerId));
        Assert.False(QueueOrder.MakeUrgent(requests, late));
    }

    [Fact]
    public void An_urgent_request_made_urgent_earlier_in_arrival_order_goes_before_a_later_arrival()
    {
        var requests = new List<QueuedRequest> { Queued("u-late", 9, urgent: true), Queued("n1", 0), Queued("n2", 1) };
        QueueOrder.MakeUrgent(requests, requests[2]);
        Assert.Equal(["n2", "u-late", "n1"], requests.Select(r => r.Request.SeekerId));
    }

    [Fact]
    public void A_new_normal_request_goes_behind_urgent_ones_and_a_resent_request_keeps_its_place()
    {
        var requests = new List<QueuedRequest> { Queued("u", 5, urgent: true), Queued("n1", 0), Queued("n3", 3) };
        var resent = Queued("n2", 2);
        requests.Insert(QueueOrder.InsertIndex(requests, resent), resent);
        var newest = Queued("n4", 4);
        requests.Insert(QueueOrder.InsertIndex(requests, newest), newest);
        Assert.Equal(["u", "n1", "n2", "n3", "n4"], requests.Select(r => r.Request.SeekerId));
    }
}
