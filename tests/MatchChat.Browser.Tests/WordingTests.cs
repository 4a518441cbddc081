namespace MatchChat.Browser.Tests;

/// <summary>
/// Words that said the wrong thing (an outside browser probe): the crisis mark in "Your chats" read "note"; "People you
/// talked with" offered "Add" for someone who had deleted their data after the chat had ended; the delete-my-data
/// confirmation did not say what stays behind.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class WordingTests(SafetyFixture server)
{
    [Fact]
    public async Task A_crisis_chat_in_your_chats_is_marked_needs_care_with_a_label_that_names_the_person()
    {
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "mark walk, alone at night", maxChats: 2);
        await using var seeker = await Member.JoinAsync(server);
        await seeker.TalkWithAsync(listener, "loneliness", "Mark walk: the nights are the worst.");
        await seeker.SendAsync("I want to kill myself");
        await Expect(listener.Message("I want to kill myself")).ToHaveCountAsync(1);

        var item = listener.Page.GetByTestId("chat-item").Filter(new() { HasText = seeker.Handle });
        var mark = item.GetByTestId("chat-care-mark");
        await Expect(mark).ToHaveTextAsync("needs care", new() { Timeout = 10_000 });
        await Expect(mark).ToHaveAttributeAsync("aria-label", $"needs care: {seeker.Handle} may be going through a very hard time");
        await Expect(item).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("needs care"));
        await Contrast.AssertAaAsync(listener.Page, "the needs-care mark");

        await listener.Page.GetByTestId("peer-care-close").ClickAsync();
        await Expect(mark).ToHaveCountAsync(0);
        await seeker.Page.GetByTestId("care-close").ClickAsync();
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task After_a_peer_deletes_their_data_an_ended_chat_offers_no_add_for_them_even_after_a_reload()
    {
        await using var seeker = await Member.JoinAsync(server);
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("loneliness", "add walk, new city");
        await seeker.TalkWithAsync(listener, "loneliness", "Add walk: a new city and no one to call.");
        await listener.SendAsync("I'm here. What's the city like?");
        await Expect(seeker.Message("I'm here. What's the city like?")).ToHaveCountAsync(1);

        // The chat ends the usual way first: no "deleted" end reason can reach the seeker later.
        await seeker.Page.GetByTestId("chat-end").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToContainTextAsync("You ended this conversation.");
        await seeker.GoToAsync("network");
        var candidate = seeker.Page.Locator($"[data-testid=network-candidate][data-handle='{listener.Handle}']");
        await Expect(candidate.GetByTestId("network-add")).ToBeVisibleAsync();

        await listener.DeleteMyDataAsync();

        // MessagesRedacted says they are gone: no "Add" on the open page, nor after a reload.
        await Expect(candidate).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("network");
        await Expect(seeker.Page.GetByTestId("network-candidates-empty")).ToBeVisibleAsync();
        await Expect(candidate).ToHaveCountAsync(0);
        Assert.Empty(seeker.ConsoleErrors);
    }

    [Fact]
    public async Task The_delete_my_data_confirmation_says_what_stays_behind()
    {
        await using var member = await Member.JoinAsync(server);
        await member.GoToAsync("safety");
        await member.Page.GetByTestId("delete-start").ClickAsync();
        var stays = member.Page.GetByTestId("delete-dialog").GetByTestId("delete-what-stays");
        await Expect(stays).ToBeVisibleAsync();
        foreach (var truth in new[]
        {
            "the people you talked with keep their own messages", "yours show to them as removed",
            "copies of messages attached to a safety report", "90 days",
        })
        {
            await Expect(stays).ToContainTextAsync(truth);
        }

        await Contrast.AssertAaAsync(member.Page, "the delete confirmation");
        await member.Page.GetByTestId("delete-cancel").ClickAsync();
        await Expect(member.Page.GetByTestId("delete-dialog")).ToBeHiddenAsync();
    }
}
