using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>The queue's hand-over from an accepted offer to a started conversation, and the queue's own bookkeeping.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HandOverTests(ClusterFixture fixture)
{
    private readonly GrainDriver _driver = new(fixture);

    [Fact]
    public async Task A_start_stored_but_reported_failed_is_found_by_reading_and_both_are_matched_once()
    {
        var topic = TestTopics.Slug(60);
        var (listener, seeker, request, offer) = await _driver.Offered(topic);

        FaultyGrainStorage.LoseReplies("conversation", 1);
        var conversation = await listener.Grain.AcceptOffer(offer.OfferId);

        Assert.Equal(0, FaultyGrainStorage.LostRepliesLeft);
        var matched = await _driver.Node.Next<Conversation>(seeker.Id);
        Assert.Equal(conversation.ConversationId, matched.ConversationId);
        await Task.Delay(300);
        Assert.Single(_driver.Node.Events, e => e.MemberId == seeker.Id && e.Event is Conversation);
        Assert.Single(_driver.Node.Events, e => e.MemberId == listener.Id && e.Event is Conversation);
        Assert.Single(await seeker.Grain.ListConversations());
        Assert.Equal(1, (await listener.Grain.GetMe()).Listener!.ActiveChats);
        Assert.Null(await _driver.Grains.GetGrain<ITopicQueueGrain>(topic).GetTicket(request.RequestId));
    }

    [Fact]
    public async Task A_conversation_whose_first_read_failed_is_read_again_by_the_next_call()
    {
        var (listener, _, _, conversation, grain) = await Matched(TestTopics.Slug(80));
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        // The new activation's read fails at once (storage refused it): that call fails, and the activation does not
        // keep the failure, so the member's next look at the conversation reads it and finds it.
        FaultyGrainStorage.FailReadsOf(grain.GetGrainId(), 1);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.PeerOf(listener.Id));
        Assert.Equal(conversation.PeerHandle, (await grain.PeerOf(listener.Id)).PeerHandle);
        Assert.Equal(1, FaultyGrainStorage.ReadsOf(grain.GetGrainId()));
    }

    [Fact]
    public async Task A_match_stores_its_new_conversation_without_reading_it_and_a_new_activation_still_knows_it()
    {
        var topic = TestTopics.Slug(17);

        // The accept's start writes the new conversation blind: nothing was there to read.
        var (listener, seeker, request, conversation, grain) = await Matched(topic);
        Assert.Equal(0, FaultyGrainStorage.ReadsOf(grain.GetGrainId()));
        Assert.Equal(1, FaultyGrainStorage.WritesOf(grain.GetGrainId()));

        // A new activation reads it before anything else: a repeated start is recognised, another pair's is refused.
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var start = new ConversationStart(topic, seeker.Id, "H-seeker", listener.Id, "H-listener", [], request.RequestId);
        Assert.Equal(StartOutcome.Started, await grain.Start(start));
        Assert.Equal(StartOutcome.Taken, await grain.Start(start with { ListenerId = seeker.Id }));
        Assert.Equal(1, FaultyGrainStorage.ReadsOf(grain.GetGrainId()));
        Assert.Equal(1, FaultyGrainStorage.WritesOf(grain.GetGrainId()));
        Assert.Equal(conversation.PeerHandle, (await grain.PeerOf(listener.Id)).PeerHandle);
        Assert.Single(await seeker.Grain.ListConversations());
    }

    [Fact]
    public async Task A_request_cancelled_while_its_start_fails_is_cancelled_once_the_start_is_settled()
    {
        var topic = TestTopics.Slug(61);
        var (listener, seeker, request, offer) = await _driver.Offered(topic);

        // Both tries of the start fail: the listener hears unavailable, and the seeker, waiting again, cancels.
        FaultyGrainStorage.FailWrites("conversation", 2);
        var e = await Assert.ThrowsAsync<MatchChatException>(() => listener.Grain.AcceptOffer(offer.OfferId));
        Assert.Equal(ErrorCodes.Unavailable, e.Code);
        await seeker.Grain.CancelRequest(request.RequestId).ContinueWith(_ => { }, TaskScheduler.Default);

        // The queue settles the start on its timer (it never began) and then applies the cancel: nobody is matched.
        await _driver.Node.Next<QueueTicket>(seeker.Id, t => t.RequestId == request.RequestId && t.Status == TicketStatus.Cancelled);
        Assert.Null(await _driver.Grains.GetGrain<ITopicQueueGrain>(topic).GetTicket(request.RequestId));
        Assert.Empty(await seeker.Grain.ListConversations());
        Assert.Empty(await listener.Grain.ListConversations());
        Assert.DoesNotContain(_driver.Node.Events, x => x.MemberId == seeker.Id && x.Event is Conversation);
    }

    [Fact]
    public async Task A_start_nobody_reports_is_settled_by_the_queue_timer_and_the_seeker_is_offered_again_in_place()
    {
        var topic = TestTopics.Slug(72);
        var (listener, seeker, request, offer) = await _driver.Offered(topic);
        var queue = _driver.Grains.GetGrain<ITopicQueueGrain>(topic);

        // The queue records the accept, but the member grain that took it is lost before it starts or reports.
        var handOver = await queue.Accept(offer.OfferId, listener.Id, "H-listener");
        Assert.Equal(ConversationIds.For(request.RequestId, 0), handOver.ConversationId);
        Assert.Equal(TicketStatus.Offered, (await queue.GetTicket(request.RequestId))!.Status);

        // After the report timeout (5 s here) the queue asks the conversation: never started, so the seeker waits again, first.
        await _driver.Node.Next<QueueTicket>(seeker.Id, t => t.RequestId == request.RequestId && t.Status == TicketStatus.Waiting && t.Position == 1, seconds: 20);
        Assert.Equal(StartOutcome.Abandoned, await _driver.Grains.GetGrain<IConversationGrain>(handOver.ConversationId).Start(handOver.Start));

        // The listener's next renewal puts them back in the roster; the request is offered again and this start goes through.
        await listener.Grain.Attach("test-node", listener.Node);
        var again = await _driver.Node.Next<Offer>(listener.Id, o => o.OfferId != offer.OfferId);
        Assert.Equal(request.RequestId, again.RequestId);
        var conversation = await listener.Grain.AcceptOffer(again.OfferId);
        Assert.Equal(ConversationIds.For(request.RequestId, 1), conversation.ConversationId);
        Assert.Equal(conversation.ConversationId, (await _driver.Node.Next<Conversation>(seeker.Id)).ConversationId);
        await Task.Delay(300);
        Assert.Single(_driver.Node.Events, e => e.MemberId == seeker.Id && e.Event is Conversation);
        Assert.Single(await seeker.Grain.ListConversations());
        Assert.Null(await queue.GetTicket(request.RequestId));
    }

    [Fact]
    public async Task An_idle_queue_is_not_written_again_when_its_listeners_renew()
    {
        var topic = TestTopics.Slug(62);
        var listener = await _driver.Member();
        await listener.Grain.Volunteer([topic], [], 1, false);
        await listener.Grain.SetAvailable(true);
        await Task.Delay(300);
        var queue = _driver.Grains.GetGrain<ITopicQueueGrain>(topic).GetGrainId();
        var before = FaultyGrainStorage.WritesOf(queue);

        for (var i = 0; i < 5; i++)
        {
            // A web node renewing its attach re-sends the listener's roster entry to the queue.
            await listener.Grain.Attach("test-node", listener.Node);
            await Task.Delay(150);
        }

        Assert.Equal(before, FaultyGrainStorage.WritesOf(queue));
    }

    [Fact]
    public async Task Interleaved_requests_and_cancels_leave_a_wake_reminder_exactly_while_someone_waits()
    {
        var topic = TestTopics.Slug(63);
        var seekers = new List<GrainMember>();
        for (var i = 0; i < 8; i++)
        {
            seekers.Add(await _driver.Member());
        }

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(seekers.Select(async s =>
            {
                var ticket = await s.Grain.RequestListener(topic, [], null);
                await s.Grain.CancelRequest(ticket.RequestId);
            }));
        }

        Assert.False(await HasWakeReminder(topic));

        await Task.WhenAll(seekers.Skip(1).Select(async s =>
        {
            var ticket = await s.Grain.RequestListener(topic, [], null);
            await s.Grain.CancelRequest(ticket.RequestId);
        }).Append(seekers[0].Grain.RequestListener(topic, [], null)));

        Assert.True(await HasWakeReminder(topic));
    }

    private async Task<bool> HasWakeReminder(string topic)
    {
        var silo = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary);
        var table = silo.SiloHost.Services.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(_driver.Grains.GetGrain<ITopicQueueGrain>(topic).GetGrainId());
        return rows.Reminders.Any(r => r.ReminderName == "wake");
    }

    /// <summary>A seeker matched to a listener on <paramref name="topic"/>: the accepted conversation, once the seeker has it.</summary>
    private async Task<(GrainMember Listener, GrainMember Seeker, QueueTicket Request, Conversation Conversation, IConversationGrain Grain)> Matched(string topic)
    {
        var (listener, seeker, request, offer) = await _driver.Offered(topic);
        var conversation = await listener.Grain.AcceptOffer(offer.OfferId);
        Assert.Equal(conversation.ConversationId, (await _driver.Node.Next<Conversation>(seeker.Id)).ConversationId);
        return (listener, seeker, request, conversation, _driver.Grains.GetGrain<IConversationGrain>(conversation.ConversationId));
    }
}
