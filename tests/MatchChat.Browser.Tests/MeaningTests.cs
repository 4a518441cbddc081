namespace MatchChat.Browser.Tests;

/// <summary>[network] Matching by meaning on the page: a listener's bio, why an offer came, and the seeker's view of their listener.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeaningTests(MatchChatFixture server)
{
    private const string Bio = "I moved to a new country for work and knew nobody. Weekends were silent and I missed my friends back home.";

    [Fact]
    public async Task A_listener_writes_a_bio_the_offer_says_why_and_the_seeker_sees_the_bio_in_the_conversation_header()
    {
        await using var listener = await Member.OpenAsync(server);
        await listener.ChooseAgeGroupAsync("adult");
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("listen-topic-loneliness").CheckAsync();
        await listener.Page.GetByTestId("listen-experiences").FillAsync("new city");
        await listener.Page.GetByTestId("listen-bio").FillAsync(Bio);
        await listener.Page.GetByTestId("listen-max").FillAsync("1");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        var availability = listener.Page.GetByTestId("available-switch");
        await Expect(availability).ToBeVisibleAsync();
        await availability.ClickAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "true");

        await using var seeker = await Member.JoinAsync(server);
        await seeker.AskForListenerAsync("loneliness", note: "I relocated abroad for a job last year and I still have nobody here, Saturdays are so quiet.");

        var offer = listener.Page.GetByTestId("offer");
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.GetByTestId("offer-match-reason")).ToHaveTextAsync("Matched because what they wrote sounds like what you've been through");
        await Screenshots.SaveAsync(listener.Page, "31-offer-similar-experience");
        await listener.AcceptOfferAsync();

        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToContainTextAsync("sounds like what you've been through");
        await Expect(seeker.Page.GetByTestId("chat-peer-bio-text")).ToContainTextAsync(Bio);
        // The listener's own header shows no bio: it is the seeker's view of their listener.
        await Expect(listener.Page.GetByTestId("chat-peer-bio")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(seeker.Page, "32-conversation-peer-bio");

        // Reloading the profile shows the bio again in the form.
        await listener.Page.ReloadAsync();
        await listener.GoToAsync("listen");
        await Expect(listener.Page.GetByTestId("listen-bio")).ToHaveValueAsync(Bio);
    }
}
