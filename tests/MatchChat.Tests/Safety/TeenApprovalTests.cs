using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Safety;

/// <summary>PROTOCOL.md "Trust and safety", Teens: an adult listener's acceptsTeens takes effect only once a moderator approves.</summary>
public sealed class TeenApprovalTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_teen_is_offered_to_an_adult_only_after_approval_and_revoking_withdraws_the_offer_at_once()
    {
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await using var teen = await server.NewMember("teen");
        var updates = StandingProbe.RecordMemberUpdated(adult.Conn);

        var profile = await adult.Volunteer("t67", acceptsTeens: true);
        Assert.Equal(TeenApprovals.Pending, profile.TeenApproval);
        await adult.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await teen.Request("t67");
        await adult.Conn.AssertNone<Offer>("OfferReceived", wait: TimeSpan.FromSeconds(1));

        var approved = await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);
        Assert.Equal(new ApprovalAnswer(adult.Handle, TeenApprovals.Approved), approved);
        await updates.Next(m => m.Listener?.TeenApproval == TeenApprovals.Approved);
        var offer = await adult.Conn.Next<Offer>("OfferReceived", o => o.SeekerAgeGroup == AgeGroups.Teen);
        Assert.Equal(TeenApprovals.Approved, (await adult.Conn.Invoke<Member>("GetMe")).Listener!.TeenApproval);

        var revoked = await moderator.Conn.Invoke<ApprovalAnswer>("RevokeTeenListener", adult.Handle);
        Assert.Equal(TeenApprovals.Pending, revoked.TeenApproval);
        var withdrawn = await adult.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, within: TimeSpan.FromSeconds(3));
        Assert.Equal(OfferReasons.Withdrawn, withdrawn.Reason);
        await updates.Next(m => m.Listener?.TeenApproval == TeenApprovals.Pending);
        var conflict = await Assert.ThrowsAsync<HubException>(() => adult.Conn.Invoke("AcceptOffer", offer.OfferId));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(conflict));
        // The teen keeps waiting, and is not offered to the same adult again.
        Assert.Equal(TicketStatus.Waiting, (await teen.Conn.Invoke<Member>("GetMe")).OpenRequest!.Status);
        await adult.Conn.AssertNone<Offer>("OfferReceived", o => o.OfferId != offer.OfferId, TimeSpan.FromSeconds(1));

        // Ticking acceptsTeens off clears the approval: a new wish needs a new approval.
        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);
        Assert.Equal(TeenApprovals.None, (await adult.Volunteer("t67", acceptsTeens: false)).TeenApproval);
        Assert.Equal(TeenApprovals.Pending, (await adult.Volunteer("t67", acceptsTeens: true)).TeenApproval);
    }

    [Fact]
    public async Task Unticking_acceptsTeens_withdraws_a_teen_offer_on_screen_and_it_cannot_be_accepted()
    {
        // An outside probe: the offer stayed, and AcceptOffer a second later matched the teen with an adult no longer approved.
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await using var teen = await server.NewMember("teen");
        await adult.Volunteer("t70", acceptsTeens: true);
        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);
        await adult.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        var ticket = await teen.Request("t70");
        var offer = await adult.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);

        Assert.Equal(TeenApprovals.None, (await adult.Volunteer("t70", acceptsTeens: false)).TeenApproval);
        var withdrawn = await adult.Conn.Next<OfferWithdrawn>("OfferWithdrawn", w => w.OfferId == offer.OfferId, within: TimeSpan.FromSeconds(3));
        Assert.Equal(OfferReasons.Withdrawn, withdrawn.Reason);
        var refused = await Assert.ThrowsAsync<HubException>(() => adult.Conn.Invoke("AcceptOffer", offer.OfferId));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(refused));
        Assert.Equal(TicketStatus.Waiting, (await teen.Conn.Invoke<Member>("GetMe")).OpenRequest!.Status);
        await teen.Conn.AssertNone<MatchChat.Contracts.Conversations.Conversation>("Matched", wait: TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_suspended_or_banned_adult_cannot_be_approved_to_hear_teens()
    {
        // An outside probe approved a listener banned for messages to a teen; the approval held after the lift.
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await adult.Volunteer("t71", acceptsTeens: true);
        await moderator.Conn.Invoke("Suspend", new { handle = adult.Handle, reason = "Inappropriate messages to a teen." });
        var refused = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle));
        Assert.StartsWith("conflict: That listener is suspended or banned", HubErrors.CodeAndSentence(refused));

        await moderator.Conn.Invoke("Unsuspend", adult.Handle);
        var back = await adult.ConnectAnother();
        Assert.Equal(TeenApprovals.Pending, (await back.Invoke<Member>("GetMe")).Listener!.TeenApproval);
    }

    [Fact]
    public async Task Revoking_ends_the_adults_chats_with_teens_and_no_note_reaches_a_teen_from_an_adult_not_approved()
    {
        // An outside probe: after a revocation the chat went on, and a thanks note with a phone number reached the teen.
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await using var teen = await server.NewMember("teen");
        await adult.Volunteer("t72", acceptsTeens: true);
        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);
        await adult.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        var ticket = await teen.Request("t72");
        var offer = await adult.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        var chat = await adult.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        await teen.Conn.Next<Conversation>("Matched");

        await moderator.Conn.Invoke<ApprovalAnswer>("RevokeTeenListener", adult.Handle);
        var ended = await teen.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == chat.ConversationId, within: TimeSpan.FromSeconds(5));
        Assert.Equal(("ended", "system"), (ended.Reason, ended.EndedBy));
        await adult.Conn.Next<ConversationEnded>("ConversationEnded", e => e.ConversationId == chat.ConversationId, within: TimeSpan.FromSeconds(5));
        var late = await Assert.ThrowsAsync<HubException>(() => adult.Send(chat.Channel, "still there?"));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(late));

        var note = await Assert.ThrowsAsync<HubException>(() => adult.Conn.Invoke("Thank", new { conversationId = chat.ConversationId, rating = 5, note = "message me on my other app" }));
        Assert.StartsWith("forbidden: A note to a teen", HubErrors.CodeAndSentence(note));
        await teen.Conn.AssertNone<Thanked>("Thanked", wait: TimeSpan.FromMilliseconds(300));
        await adult.Conn.Invoke("Thank", new { conversationId = chat.ConversationId, rating = 5 });
        Assert.Null((await teen.Conn.Next<Thanked>("Thanked")).Note);
    }

    [Fact]
    public async Task A_waiting_teen_hears_that_nobody_is_available_while_only_unapproved_adults_are_and_hears_it_change_at_approval()
    {
        const string topic = "t37";
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await using var teen = await server.NewMember("teen");
        await adult.Volunteer(topic, acceptsTeens: true);
        await adult.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await teen.Request(topic);

        // An adult is there, but may not hear teens yet: the teen's count is 0 (once the queue's roster is known, ~12 s
        // after its activation), while an adult seeker would be told of one listener.
        var none = await teen.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.TeenListenersAvailable == 0, within: TimeSpan.FromSeconds(30));
        Assert.Equal(1, none.ListenersAvailable);

        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);
        await teen.Conn.Next<QueueProgress>("QueueProgress", p => p.Topic == topic && p.TeenListenersAvailable == 1, within: TimeSpan.FromSeconds(5));
        await adult.Conn.Next<Offer>("OfferReceived", o => o.SeekerAgeGroup == AgeGroups.Teen);
        await adult.Conn.Invoke<ListenerProfile>("SetAvailable", false);
    }

    [Fact]
    public async Task An_edit_that_leaves_out_bio_and_acceptsTeens_keeps_them_and_the_approval_and_a_repeat_approval_sends_nothing()
    {
        await using var moderator = await server.NewModerator();
        await using var adult = await server.NewMember();
        await adult.Conn.Invoke<ListenerProfile>("Volunteer", new
        {
            topics = new[] { "t72" },
            experiences = new[] { "losing-a-parent" },
            maxConcurrentChats = 2,
            acceptsTeens = true,
            bio = "I lost my dad when I was fifteen.",
            agreedToGuide = true,
        });
        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle);

        // A version 1 client's edit: it knows neither bio nor acceptsTeens.
        var edited = await adult.Conn.Invoke<ListenerProfile>("Volunteer", new
        {
            topics = new[] { "t72", "t73" },
            experiences = new[] { "losing-a-parent" },
            maxConcurrentChats = 1,
        });
        Assert.Equal(("I lost my dad when I was fifteen.", true, TeenApprovals.Approved), (edited.Bio, edited.AcceptsTeens, edited.TeenApproval));
        Assert.Equal(["t72", "t73"], edited.Topics);

        // The edit itself is told to the member's pages (stop 59); only after it is heard does the inbox start.
        await adult.Conn.Next<Member>("MemberUpdated", m => m.Listener is { Topics: ["t72", "t73"] });
        var updates = new EventInbox<Member>(adult.Conn.Hub, "MemberUpdated");
        Assert.Equal(TeenApprovals.Approved, (await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adult.Handle)).TeenApproval);
        await Task.Delay(500);
        Assert.Empty(updates.All);

        // An empty bio removes it; the approval stays while acceptsTeens does.
        var cleared = await adult.Conn.Invoke<ListenerProfile>("Volunteer", new
        {
            topics = new[] { "t72" },
            experiences = new[] { "losing-a-parent" },
            maxConcurrentChats = 1,
            bio = "  ",
        });
        Assert.Equal((null, TeenApprovals.Approved), (cleared.Bio, cleared.TeenApproval));
        Assert.Null((await adult.Conn.Invoke<Member>("GetMe")).Listener!.Bio);
    }

    [Fact]
    public async Task A_teen_listener_hears_teens_without_approval()
    {
        await using var teenListener = await server.NewMember("teen");
        await using var teen = await server.NewMember("teen");

        var profile = await teenListener.Volunteer("t68");
        Assert.Equal(TeenApprovals.None, profile.TeenApproval);
        await teenListener.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await teen.Request("t68");

        Assert.Equal(AgeGroups.Teen, (await teenListener.Conn.Next<Offer>("OfferReceived")).SeekerAgeGroup);
    }

    [Fact]
    public async Task Approving_a_non_listener_a_teen_or_an_adult_who_does_not_accept_teens_answers_conflict_and_only_moderators_may()
    {
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await using var teenListener = await server.NewMember("teen");
        await using var adultNoTeens = await server.NewMember();
        await teenListener.Volunteer("t69", acceptsTeens: true);
        await adultNoTeens.Volunteer("t69");

        foreach (var handle in new[] { member.Handle, teenListener.Handle, adultNoTeens.Handle })
        {
            var e = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", handle));
            Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(e));
        }

        var forbidden = await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", adultNoTeens.Handle));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(forbidden));

        // Nor may a moderator who listens approve themself: approval is another person's check.
        await moderator.Volunteer("t69", acceptsTeens: true);
        var self = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", moderator.Handle));
        Assert.Equal("forbidden: Another moderator must approve you to listen to teens.", HubErrors.CodeAndSentence(self));
        Assert.Equal(TeenApprovals.Pending, (await moderator.Conn.Invoke<Member>("GetMe")).Listener!.TeenApproval);
        var invalid = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", "no spaces allowed"));
        Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(invalid));
        var unknown = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<ApprovalAnswer>("RevokeTeenListener", "NobodyHere-2"));
        Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(unknown));
        Assert.Equal(TeenApprovals.None, (await adultNoTeens.Conn.Invoke<Member>("GetMe")).Listener!.TeenApproval);
    }

    [Fact]
    public async Task Moderators_see_who_waits_for_teen_approval_until_it_is_settled_and_only_moderators_may()
    {
        await using var moderator = await server.NewModerator();
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await using var noTeens = await server.NewMember();
        await first.Volunteer("t70", acceptsTeens: true);
        await second.Volunteer("t70", acceptsTeens: true);
        await noTeens.Volunteer("t70");
        await first.Volunteer("t71", acceptsTeens: true); // an edit while waiting keeps their place

        var waiting = await Waiting(moderator);
        Assert.Equal([first.Handle, second.Handle], waiting.Where(h => h == first.Handle || h == second.Handle));
        Assert.DoesNotContain(noTeens.Handle, waiting);

        await moderator.Conn.Invoke<ApprovalAnswer>("ApproveTeenListener", first.Handle);
        Assert.DoesNotContain(first.Handle, await Waiting(moderator));

        // Revoked while they still offer: waiting again. Unticked: not waiting.
        await moderator.Conn.Invoke<ApprovalAnswer>("RevokeTeenListener", first.Handle);
        Assert.Contains(first.Handle, await Waiting(moderator));
        await first.Volunteer("t71", acceptsTeens: false);
        Assert.DoesNotContain(first.Handle, await Waiting(moderator));

        // Suspended: not shown (approving them now would make no sense); lifted: back, still waiting.
        await moderator.Conn.Invoke("Suspend", new { handle = second.Handle, minutes = 60, reason = "Rude to a seeker." });
        Assert.DoesNotContain(second.Handle, await Waiting(moderator));
        await moderator.Conn.Invoke("Unsuspend", second.Handle);
        Assert.Contains(second.Handle, await Waiting(moderator));

        // Deleting their data takes them off the list.
        var again = await second.ConnectAnother();
        await again.Invoke("DeleteMe");
        Assert.DoesNotContain(second.Handle, await Waiting(moderator));

        var forbidden = await Assert.ThrowsAsync<HubException>(() => noTeens.Conn.Invoke<PendingTeenListener[]>("ListTeenApprovals"));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(forbidden));
    }

    private static async Task<string[]> Waiting(TestMember moderator) =>
        (await moderator.Conn.Invoke<PendingTeenListener[]>("ListTeenApprovals")).Select(p => p.Handle).ToArray();

    private sealed record ApprovalAnswer(string Handle, string TeenApproval);
}
