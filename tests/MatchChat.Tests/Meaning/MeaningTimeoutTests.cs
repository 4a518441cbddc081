using System.Diagnostics;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] A model that never answers costs a request and a profile change the timeout, no more: matching goes on by tags.</summary>
public sealed class MeaningTimeoutTests(HangingEmbedderServerFixture server) : IClassFixture<HangingEmbedderServerFixture>
{
    [Fact]
    public async Task A_hanging_model_falls_back_to_tag_matching_and_stalls_nothing()
    {
        await using var tagged = await server.NewMember();
        await using var roomy = await server.NewMember();
        await using var seeker = await server.NewMember();
        var profile = await tagged.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "stress" }, experiences = new[] { "night-shifts" }, maxConcurrentChats = 1, agreedToGuide = true, bio = "I worked nights for ten years." });
        Assert.Equal("I worked nights for ten years.", profile.Bio);
        await tagged.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await roomy.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "stress" }, experiences = Array.Empty<string>(), maxConcurrentChats = 5, agreedToGuide = true, bio = "I care for my dad." });
        await roomy.Conn.Invoke<ListenerProfile>("SetAvailable", true);

        var clock = Stopwatch.StartNew();
        var ticket = await seeker.Request("stress", ["night-shifts"], "I can't sleep after my shifts");
        // The timeout is 0.5 s; the bound is generous for a loaded machine, and far below a model that never answers.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"RequestListener took {clock.Elapsed}");
        Assert.Equal(TicketStatus.Offered, ticket.Status);

        var offer = await tagged.Conn.Next<Offer>("OfferReceived");
        Assert.Equal("shared: night-shifts", offer.MatchReason);
        await tagged.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var forSeeker = await seeker.Conn.Next<Conversation>("Matched");
        Assert.Equal("I worked nights for ten years.", forSeeker.PeerBio);
        Assert.Equal(0, roomy.Conn.Count("OfferReceived"));
    }
}
