using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] Matching by meaning through the hub, over real WebSockets, with the real model.</summary>
public sealed class MeaningMatchingTests(MeaningServerFixture server) : IClassFixture<MeaningServerFixture>
{
    private const string MotherBio = "My mother died of cancer when I was 34. I nursed her at home, and the first year without her was the hardest of my life.";
    private const string JobBio = "I was made redundant at 50 and spent a year applying for jobs. Rejection after rejection made me feel worthless.";

    [Fact]
    public async Task A_seeker_whose_note_shares_no_word_with_any_tag_goes_to_the_listener_whose_bio_means_the_same_and_sees_their_bio()
    {
        await using var mother = await server.NewMember();
        await using var job = await server.NewMember();
        await using var seeker = await server.NewMember();
        // The job listener has more room and has never been assigned: tags alone would choose them.
        var profile = await mother.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "grief" }, experiences = new[] { "family" }, maxConcurrentChats = 1, agreedToGuide = true, bio = MotherBio });
        Assert.Equal(MotherBio, profile.Bio);
        await mother.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        await job.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "grief" }, experiences = new[] { "work" }, maxConcurrentChats = 5, agreedToGuide = true, bio = JobBio });
        await job.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        // Two more decoys: by chance (tags alone tie at zero) the right listener would be chosen one time in four.
        await using var debt = await server.NewMember();
        await using var dog = await server.NewMember();
        foreach (var (decoy, bio) in new[] { (debt, "I got into serious debt with credit cards and lay awake doing sums."), (dog, "My dog of fourteen years had to be put to sleep.") })
        {
            await decoy.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "grief" }, experiences = new[] { "money" }, maxConcurrentChats = 5, agreedToGuide = true, bio });
            await decoy.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        }

        Assert.Equal(MotherBio, (await mother.Conn.Invoke<Member>("GetMe")).Listener!.Bio);

        await seeker.Request("grief", note: "mum passed in march and i keep calling her number");

        var offer = await mother.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(60));
        var forListener = await mother.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal(offer.MatchReason, forListener.MatchReason);
        Assert.Null(forListener.PeerBio);

        var forSeeker = await seeker.Conn.Next<Conversation>("Matched", within: TimeSpan.FromSeconds(60));
        Assert.Equal(MotherBio, forSeeker.PeerBio);
        Assert.Equal(offer.MatchReason, forSeeker.MatchReason);
        Assert.Equal(MotherBio, Assert.Single(await seeker.Conn.Invoke<Conversation[]>("ListConversations")).PeerBio);
        Assert.Equal(0, job.Conn.Count("OfferReceived") + debt.Conn.Count("OfferReceived") + dog.Conn.Count("OfferReceived"));
    }

    [Fact]
    public async Task A_note_in_Spanish_goes_to_the_listener_whose_English_bio_means_the_same()
    {
        // Stop 51: the model reads English only; a note in Spanish, French, German or Portuguese is glossed into English
        // words first. Three decoys with more room: by chance the right listener would be offered one time in four.
        await using var mother = await server.NewMember();
        await mother.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "stress" }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, agreedToGuide = true, bio = MotherBio });
        await mother.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        var decoys = new List<TestMember>();
        foreach (var bio in new[] { JobBio, "I got into serious debt with credit cards and lay awake doing sums.", "My dog of fourteen years had to be put to sleep." })
        {
            var decoy = await server.NewMember();
            decoys.Add(decoy);
            await decoy.Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { "stress" }, experiences = Array.Empty<string>(), maxConcurrentChats = 5, agreedToGuide = true, bio });
            await decoy.Conn.Invoke<ListenerProfile>("SetAvailable", true);
        }

        await using var seeker = await server.NewMember();
        await seeker.Request("stress", note: "mi vieja falleció en marzo y todavía la extraño, sigo marcando su número");

        var offer = await mother.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(60));
        await mother.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal(MotherBio, (await seeker.Conn.Next<Conversation>("Matched", within: TimeSpan.FromSeconds(60))).PeerBio);
        Assert.Equal(0, decoys.Sum(d => d.Conn.Count("OfferReceived")));
        foreach (var decoy in decoys)
        {
            await decoy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Words_that_mean_the_same_are_named_similar_experience()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "loneliness" }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, agreedToGuide = true, bio = "When my dog died I was surprised how deep the grief went." });
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);

        await seeker.Request("loneliness", note: "our cat passed away yesterday and I can't stop crying");

        var offer = await listener.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(60));
        Assert.Equal("similar experience", offer.MatchReason);
        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        Assert.Equal("similar experience", (await seeker.Conn.Next<Conversation>("Matched", within: TimeSpan.FromSeconds(60))).MatchReason);
    }

    [Fact]
    public async Task A_shared_tag_is_named_as_the_reason()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "anxiety" }, experiences = new[] { "panic-attacks" }, maxConcurrentChats = 1, agreedToGuide = true, bio = "I had panic attacks for years." });
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", true);

        await seeker.Request("anxiety", ["panic-attacks"], "my heart races and I can't breathe");

        var offer = await listener.Conn.Next<Offer>("OfferReceived", within: TimeSpan.FromSeconds(60));
        Assert.Equal("shared: panic-attacks", offer.MatchReason);
        await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);
        var forSeeker = await seeker.Conn.Next<Conversation>("Matched", within: TimeSpan.FromSeconds(60));
        Assert.Equal("shared: panic-attacks", forSeeker.MatchReason);
        Assert.Equal("I had panic attacks for years.", forSeeker.PeerBio);
    }

    [Fact]
    public async Task A_bio_over_500_characters_or_with_control_characters_is_refused_and_changes_nothing()
    {
        await using var member = await server.NewMember();
        foreach (var bio in new[] { new string('a', 501), "tab\u0007bell" })
        {
            var e = await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke<ListenerProfile>("Volunteer",
                new { topics = new[] { "stress" }, experiences = Array.Empty<string>(), maxConcurrentChats = 1, agreedToGuide = true, bio }));
            Assert.StartsWith("invalid: bio ", HubErrors.CodeAndSentence(e));
        }

        Assert.Null((await member.Conn.Invoke<Member>("GetMe")).Listener);
    }
}
