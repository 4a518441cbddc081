using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Gratitude;

/// <summary>[network] <c>Thank</c> over real WebSockets: the peer hears it, once per rater, and only the listener sees their stats.</summary>
public sealed class ThankTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static Task Thank(TestMember member, string conversationId, int? rating, string? note = null) =>
        member.Conn.Invoke("Thank", new { conversationId, rating, note });

    private static async Task<string> Refused(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HubException>(call);
        return HubErrors.CodeAndSentence(e);
    }

    [Fact]
    public async Task A_seekers_thanks_reach_the_listener_live_and_count_in_the_listeners_own_stats_only()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(73));

        var before = (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats!;
        Assert.Equal(new ListenerStats(1, 0, null), before);

        await Thank(seeker, forSeeker.ConversationId, 4, "  You stayed with me when it was hard.  ");
        var thanked = await listener.Conn.Next<Thanked>("Thanked");
        Assert.Equal(new Thanked(forSeeker.ConversationId, 4, "You stayed with me when it was hard."), thanked);

        var stats = (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats;
        Assert.Equal(new ListenerStats(1, 1, 4.0), stats);
        // The seeker is no listener: no profile, no stats; they learn nothing of the listener's.
        Assert.Null((await seeker.Conn.Invoke<Member>("GetMe")).Listener);
        await seeker.Conn.AssertNone<Thanked>("Thanked");
    }

    [Fact]
    public async Task Thanks_from_a_page_still_open_after_its_member_deleted_their_data_never_reach_the_peer()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(72));
        var secondTab = await seeker.ConnectAnother();

        await seeker.Conn.Invoke("DeleteMe");
        // The second tab is closed within moments; a call it makes before that is refused, not delivered.
        try
        {
            await secondTab.Invoke("Thank", new { conversationId = forSeeker.ConversationId, rating = 1, note = "a note from nobody" });
            Assert.Fail("Thanks from a deleted member were accepted.");
        }
        catch (HubException e)
        {
            Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(e));
        }
        catch (Exception e) when (e is not HubException and not Xunit.Sdk.FailException)
        {
            // The tab was closed first: nothing was sent.
        }

        await listener.Conn.AssertNone<Thanked>("Thanked", wait: TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats!.Thanked);
    }

    [Fact]
    public async Task Each_participant_thanks_once_the_second_time_is_a_conflict_and_changes_nothing()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, forListener) = await Journeys.Match(seeker, listener, TestTopics.Slug(74));
        await Thank(seeker, forSeeker.ConversationId, 5);
        await listener.Conn.Next<Thanked>("Thanked");

        var again = await Refused(() => Thank(seeker, forSeeker.ConversationId, 1, "changed my mind"));
        Assert.StartsWith("conflict: ", again);

        // The listener thanks the seeker too: delivered, but a listener's thanks do not count in anyone's stats.
        await Thank(listener, forListener.ConversationId, 5, "Thank you for trusting me.");
        var toSeeker = await seeker.Conn.Next<Thanked>("Thanked");
        Assert.Equal("Thank you for trusting me.", toSeeker.Note);
        Assert.StartsWith("conflict: ", await Refused(() => Thank(listener, forListener.ConversationId, 5)));

        await listener.Conn.AssertNone<Thanked>("Thanked", t => t.Rating == 1);
        Assert.Single(listener.Conn.All<Thanked>("Thanked"));
        Assert.Equal(new ListenerStats(1, 1, 5.0), (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats);
    }

    [Fact]
    public async Task Thanks_work_after_the_conversation_ended()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(75));
        await seeker.Conn.Invoke("EndConversation", forSeeker.ConversationId);
        await listener.Conn.Next<ConversationEnded>("ConversationEnded");

        await Thank(seeker, forSeeker.ConversationId, 3);
        Assert.Equal(3, (await listener.Conn.Next<Thanked>("Thanked")).Rating);
    }

    [Fact]
    public async Task Thanks_from_someone_the_member_blocked_never_reach_them()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, forListener) = await Journeys.Match(seeker, listener, TestTopics.Slug(76));
        await seeker.Conn.Invoke("Block", listener.Handle);
        await listener.Conn.Next<ConversationEnded>("ConversationEnded");

        // The blocked listener's call succeeds (a block is not announced) and its note goes nowhere.
        await Thank(listener, forListener.ConversationId, 1, "you will hear from me");
        // The blocker's own thanks still go out: the delivery path is alive while the note above is not delivered.
        await Thank(seeker, forSeeker.ConversationId, 2);
        Assert.Equal(2, (await listener.Conn.Next<Thanked>("Thanked")).Rating);
        await seeker.Conn.AssertNone<Thanked>("Thanked", wait: TimeSpan.FromSeconds(2));

        await using var second = await seeker.ConnectAnother();
        await second.AssertNone<Thanked>("Thanked");
    }

    [Fact]
    public async Task Someone_outside_the_conversation_is_refused_and_an_unknown_conversation_is_not_found()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await using var stranger = await server.NewMember();
        var (forSeeker, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(76));

        Assert.StartsWith("forbidden: ", await Refused(() => Thank(stranger, forSeeker.ConversationId, 5, "hi")));
        Assert.StartsWith("not_found: ", await Refused(() => Thank(stranger, "no-such-conversation", 5)));
        await listener.Conn.AssertNone<Thanked>("Thanked");
        Assert.Equal(0, (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats!.Thanked);
    }

    [Fact]
    public async Task A_bad_rating_or_note_is_invalid_and_changes_nothing()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        var (forSeeker, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(77));
        var id = forSeeker.ConversationId;

        Assert.Equal("invalid: rating must be a whole number from 1 to 5.", await Refused(() => Thank(seeker, id, 0)));
        Assert.StartsWith("invalid: ", await Refused(() => Thank(seeker, id, 6)));
        Assert.StartsWith("invalid: ", await Refused(() => Thank(seeker, id, null)));
        Assert.StartsWith("invalid: note may be at most 500", await Refused(() => Thank(seeker, id, 5, new string('x', 501))));
        Assert.StartsWith("invalid: ", await Refused(() => seeker.Conn.Invoke("Thank", new object?[] { null })));

        // Nothing was recorded: the real thanks still go through, and are the only ones the listener hears.
        await Thank(seeker, id, 2);
        Assert.Equal(2, (await listener.Conn.Next<Thanked>("Thanked")).Rating);
        Assert.Single(listener.Conn.All<Thanked>("Thanked"));
        Assert.Equal(new ListenerStats(1, 1, 2.0), (await listener.Conn.Invoke<Member>("GetMe")).Listener!.Stats);
    }
}
