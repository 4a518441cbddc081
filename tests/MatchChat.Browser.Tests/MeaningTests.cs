namespace MatchChat.Browser.Tests;

/// <summary>[network] Matching by meaning on the page: a listener's bio, suggested tags while a seeker writes, why an offer came, and the seeker's view of their listener.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeaningTests(MatchChatFixture server)
{
    private const string Bio = "I moved to a new country for work and knew nobody. Weekends were silent and I missed my friends back home.";

    [Fact]
    public async Task A_listener_writes_a_bio_the_seeker_accepts_a_suggested_tag_the_offer_says_why_and_the_seeker_sees_the_bio()
    {
        await using var listener = await Member.OpenAsync(server);
        await listener.ChooseAgeGroupAsync("adult");
        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("listen-topic-loneliness").CheckAsync();
        await listener.Page.GetByTestId("listen-experiences").FillAsync("moving abroad");
        await listener.Page.GetByTestId("listen-bio").FillAsync(Bio);
        await listener.Page.GetByTestId("listen-max").FillAsync("1");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        await listener.AgreeToGuideAsync();
        var availability = listener.Page.GetByTestId("available-switch");
        await Expect(availability).ToBeVisibleAsync();
        await availability.ClickAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "true");

        await using var seeker = await Member.JoinAsync(server);
        // While the seeker writes, the page suggests the tag listeners use for it; they accept it with one tap.
        await seeker.GoToAsync("talk");
        await seeker.Page.GetByTestId("talk-topic").SelectOptionAsync("loneliness");
        await seeker.Page.GetByTestId("talk-note").FillAsync("I relocated abroad for a job last year and I still have nobody here, Saturdays are so quiet.");
        var chip = seeker.Page.Locator("[data-testid=suggested-tag][data-tag=moving-abroad]");
        await Expect(chip).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(seeker.Page, "67-suggested-experiences");
        await chip.ClickAsync();
        await Expect(seeker.Page.GetByTestId("talk-experiences")).ToHaveValueAsync("moving abroad");
        await seeker.Page.GetByTestId("talk-submit").ClickAsync();

        var offer = listener.Page.GetByTestId("offer");
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.GetByTestId("offer-match-reason")).ToHaveTextAsync("Matched because you both chose: moving abroad");
        await Screenshots.SaveAsync(listener.Page, "68-offer-match-reason");
        await listener.AcceptOfferAsync();

        await Expect(seeker.Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToHaveTextAsync("Matched because you both chose: moving abroad");
        await Expect(seeker.Page.GetByTestId("chat-peer-bio-text")).ToContainTextAsync(Bio);
        // The listener's own header shows no bio (it is the seeker's view of their listener) but the seeker's note from
        // the offer (stop 53).
        await Expect(listener.Page.GetByTestId("chat-peer-bio-text")).ToHaveTextAsync("Their note: “I relocated abroad for a job last year and I still have nobody here, Saturdays are so quiet.”");
        await Expect(listener.Page.GetByTestId("chat-match-reason")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(seeker.Page, "69-conversation-peer-bio");

        // Reloading the profile shows the bio again in the form.
        await listener.Page.ReloadAsync();
        await listener.GoToAsync("listen");
        await Expect(listener.Page.GetByTestId("listen-bio")).ToHaveValueAsync(Bio);

        // The listener takes their words back: the seeker's open chat no longer shows them, without a reload (an outside
        // probe saw a removed bio stay, and a deleted listener's stay in their past peers' lists).
        await listener.Page.GetByTestId("listen-bio").FillAsync("");
        await listener.Page.GetByTestId("listen-submit").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-peer-bio-text")).Not.ToContainTextAsync(Bio, new() { Timeout = 10_000 });
        await Expect(seeker.Page.GetByTestId("chat-match-reason")).ToHaveTextAsync("Matched because you both chose: moving abroad");
        await listener.StopListeningAsync();
    }
}
