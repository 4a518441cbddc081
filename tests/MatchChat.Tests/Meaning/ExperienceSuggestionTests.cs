using System.Diagnostics;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] <c>SuggestExperiences</c>: tags listeners use, suggested by the meaning of what a seeker is writing.</summary>
public sealed class ExperienceSuggestionTests(MeaningServerFixture server) : IClassFixture<MeaningServerFixture>
{
    [Fact]
    public async Task A_note_about_losing_a_mother_is_offered_the_tag_listeners_use_for_it_and_not_unrelated_ones()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "depression" }, experiences = new[] { "loss-of-parent", "panic-attacks", "debt" }, maxConcurrentChats = 1, agreedToGuide = true });

        // The catalogue embeds new tags in the background: ask until they are in, within a generous bound.
        var clock = Stopwatch.StartNew();
        string[] suggested = [];
        while (!suggested.Contains("loss-of-parent") && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            suggested = await seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = "my mum passed away in march and I keep calling her number" });
            await Task.Delay(200);
        }

        Assert.Contains("loss-of-parent", suggested);
        Assert.DoesNotContain("debt", suggested);
        Assert.True(suggested.Length <= 5);
        var without = await seeker.Conn.Invoke<string[]>("SuggestExperiences",
            new { text = "my mum passed away in march and I keep calling her number", experiences = new[] { "loss-of-parent" } });
        Assert.DoesNotContain("loss-of-parent", without);
    }

    /// <summary>An outside probe: "suicide-loss" came first for a mother who died of cancer (every death sits near it for
    /// the model).</summary>
    [Fact]
    public async Task A_death_by_illness_is_not_offered_the_suicide_loss_or_miscarriage_tags_and_a_suicide_is()
    {
        await using var listener = await server.NewMember();
        await using var seeker = await server.NewMember();
        await listener.Conn.Invoke<ListenerProfile>("Volunteer",
            new { topics = new[] { "depression" }, experiences = new[] { "suicide-loss", "loss-of-parent", "miscarriage" }, maxConcurrentChats = 1, agreedToGuide = true });

        var clock = Stopwatch.StartNew();
        string[] suggested = [];
        while (!suggested.Contains("loss-of-parent") && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            suggested = await seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = "my mum died of cancer last winter" });
            await Task.Delay(200);
        }

        Assert.Contains("loss-of-parent", suggested);
        Assert.DoesNotContain("suicide-loss", suggested);
        Assert.DoesNotContain("miscarriage", suggested);
        var suicide = await seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = "my dad killed himself last winter" });
        Assert.Equal("suicide-loss", suicide.FirstOrDefault());
    }

    [Fact]
    public async Task Empty_text_suggests_nothing_and_bad_input_is_refused()
    {
        await using var seeker = await server.NewMember();
        Assert.Empty(await seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = "   " }));
        var e = await Assert.ThrowsAsync<HubException>(() => seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = new string('a', 501) }));
        Assert.StartsWith("invalid: text ", HubErrors.CodeAndSentence(e));
        e = await Assert.ThrowsAsync<HubException>(() => seeker.Conn.Invoke<string[]>("SuggestExperiences", new { text = "hi", experiences = new[] { "Not A Tag!" } }));
        Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(e));
    }
}
