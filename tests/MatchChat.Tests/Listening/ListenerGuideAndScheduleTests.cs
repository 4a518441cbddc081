using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Listening;

/// <summary>[network] The listener's guide before a first Volunteer, and the weekly schedule, through the real hub.</summary>
public sealed class ListenerGuideAndScheduleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static async Task<string> Refused(Func<Task> call) => HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(call));

    private static Task<ListenerProfile> Volunteer(TestMember m, string topic, bool? agreedToGuide, object? schedule = null) =>
        m.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { topic }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, agreedToGuide, schedule });

    /// <summary>All day on a weekday three days from today (UTC): certainly not now.</summary>
    private static object NotNow() => new { timeZone = "Etc/UTC", slots = new[] { new { day = ((int)DateTime.UtcNow.DayOfWeek + 3) % 7, from = "00:00", to = "24:00" } } };

    [Fact]
    public async Task Agreeing_to_the_guide_records_its_time_once_and_a_contract_client_that_never_heard_of_it_can_still_volunteer()
    {
        // A client written from the contract alone sends no agreedToGuide: it volunteers, and no agreement is recorded.
        await using var plain = await server.NewMember();
        var unrecorded = await Volunteer(plain, TestTopics.Slug(73), agreedToGuide: null);
        Assert.Equal([TestTopics.Slug(73)], unrecorded.Topics);
        Assert.Null(unrecorded.GuideAgreedAt);

        await using var member = await server.NewMember();
        var before = DateTime.UtcNow;
        var profile = await Volunteer(member, TestTopics.Slug(73), agreedToGuide: true);
        Assert.InRange(profile.GuideAgreedAt!.Value, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        // Later edits need no agreement again, and keep the first agreement's time.
        var edited = await Volunteer(member, TestTopics.Slug(74), agreedToGuide: null);
        Assert.Equal([TestTopics.Slug(74)], edited.Topics);
        Assert.Equal(profile.GuideAgreedAt, edited.GuideAgreedAt);
        Assert.Equal(profile.GuideAgreedAt, (await member.Conn.Invoke<Member>("GetMe")).Listener!.GuideAgreedAt);
    }

    [Fact]
    public async Task An_off_schedule_listener_is_not_offered_requests_until_the_schedule_allows_it()
    {
        var topic = TestTopics.Slug(75);
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var profile = await Volunteer(listener, topic, agreedToGuide: true, schedule: NotNow());
        Assert.True(profile.OffSchedule);
        Assert.Equal("Etc/UTC", profile.Schedule!.TimeZone);
        profile = await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        Assert.True(profile.Available);
        Assert.True(profile.OffSchedule);

        // Available but off schedule: an available listener would have had the offer before RequestListener returned.
        var ticket = await seeker.Request(topic);
        Assert.Equal(TicketStatus.Waiting, ticket.Status);
        // And the seeker is told that nobody is available (once the queue's roster is known, ~12 s after its activation),
        // not given an estimate as if a listener were there.
        await seeker.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 0, within: TimeSpan.FromSeconds(30));

        // A schedule covering the whole week: inside it availability follows the toggle, and the waiting request is offered.
        var allWeek = new { timeZone = "Europe/Berlin", slots = Enumerable.Range(0, 7).Select(d => new { day = d, from = "00:00", to = "24:00" }).ToArray() };
        profile = await listener.Conn.Invoke<ListenerProfile>("SetSchedule", allWeek);
        Assert.False(profile.OffSchedule);
        var offer = await listener.Conn.Next<Offer>("OfferReceived");
        Assert.Equal(ticket.RequestId, offer.RequestId);
        await seeker.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.ListenersAvailable == 1, within: TimeSpan.FromSeconds(5));
        await listener.Conn.Invoke("DeclineOffer", offer.OfferId);

        // Removing the schedule leaves availability alone in charge.
        profile = await listener.Conn.Invoke<ListenerProfile>("SetSchedule", new object?[] { null });
        Assert.Null(profile.Schedule);
        Assert.False(profile.OffSchedule);
    }

    [Fact]
    public async Task An_unsound_schedule_is_invalid_and_changes_nothing()
    {
        await using var listener = await server.NewMember();
        var saved = await Volunteer(listener, TestTopics.Slug(76), agreedToGuide: true, schedule: NotNow());

        Assert.Equal("invalid: schedule.timeZone must be an IANA time zone name such as Europe/London.",
            await Refused(() => listener.Conn.Invoke<ListenerProfile>("SetSchedule", new { timeZone = "Mars/Olympus", slots = new[] { new { day = 1, from = "10:00", to = "11:00" } } })));
        Assert.StartsWith("invalid: Each slot",
            await Refused(() => Volunteer(listener, TestTopics.Slug(77), agreedToGuide: null, schedule: new { timeZone = "Etc/UTC", slots = new[] { new { day = 1, from = "23:00", to = "01:00" } } })));

        var me = (await listener.Conn.Invoke<Member>("GetMe")).Listener!;
        Assert.Equal([TestTopics.Slug(76)], me.Topics);
        Assert.Equal(saved.Schedule!.Slots.Single(), me.Schedule!.Slots.Single());
    }

    [Fact]
    public async Task SetSchedule_before_volunteering_is_forbidden()
    {
        await using var member = await server.NewMember();
        Assert.StartsWith("forbidden: ", await Refused(() => member.Conn.Invoke<ListenerProfile>("SetSchedule", NotNow())));
    }
}
