using System.Net;

namespace MatchChat.Browser.Tests;

/// <summary>"Delete my data": a confirmation that says what is erased, then the session ends and the page forgets the member.</summary>
[Collection(SafetyCollection.Name)]
public sealed class DeleteMyDataTests(SafetyFixture server)
{
    [Fact]
    public async Task Deleting_my_data_asks_first_then_ends_the_session_forgets_the_token_and_erases_my_messages()
    {
        await using var leaver = await Member.JoinAsync(server);
        await using var reader = await Member.JoinAsync(server);
        await leaver.JoinRoomAsync("grief");
        await reader.JoinRoomAsync("grief");
        await leaver.SendAsync("I told my sister something I regret.");
        await Expect(reader.Message("I told my sister something I regret.")).ToHaveCountAsync(1);
        await reader.SendAsync("That sounds heavy. I'm glad you said it here.");
        await Expect(leaver.Message("That sounds heavy. I'm glad you said it here.")).ToHaveCountAsync(1);

        // The confirmation says exactly what is erased; "Keep my data" changes nothing.
        await leaver.GoToAsync("safety");
        await leaver.Page.GetByTestId("delete-start").ClickAsync();
        var dialog = leaver.Page.GetByTestId("delete-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(leaver.Page.GetByTestId("delete-cancel")).ToBeFocusedAsync();
        foreach (var promise in new[]
        {
            "open request for a listener is cancelled", "offers to you are withdrawn", "conversations end", "leave every room",
            "blocked list and your support network are removed", "every message you ever sent is erased from storage",
            "never given to anyone else", "This cannot be undone.",
        })
        {
            await Expect(dialog).ToContainTextAsync(promise);
        }

        await Contrast.AssertAaAsync(leaver.Page, "the delete confirmation");
        await Screenshots.SaveAsync(leaver.Page, "24-delete-my-data");
        await leaver.Page.GetByTestId("delete-cancel").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(leaver.Page.GetByTestId("my-handle")).ToHaveTextAsync(leaver.Handle);
        var token = await leaver.StoredTokenAsync();
        Assert.False(string.IsNullOrEmpty(token));

        await leaver.Page.GetByTestId("delete-start").ClickAsync();
        await leaver.Page.GetByTestId("delete-confirm").ClickAsync();

        // Goodbye: no identity, no navigation, nothing kept in this browser.
        await Expect(leaver.Page.GetByTestId("goodbye")).ToBeVisibleAsync();
        await Expect(leaver.Page.Locator("#main-nav")).ToBeHiddenAsync();
        await Expect(leaver.Page.Locator("#identity")).ToBeHiddenAsync();
        Assert.Null(await leaver.StoredTokenAsync());
        var kept = await leaver.Page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('matchchat.'))");
        Assert.Empty(kept);
        await Contrast.AssertAaAsync(leaver.Page, "the goodbye page");
        await Screenshots.SaveAsync(leaver.Page, "25-goodbye");

        // The server refuses the old token from now on.
        using (var http = server.Http(token))
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            HttpStatusCode status;
            do
            {
                using var response = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
                status = response.StatusCode;
            }
            while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline && await Delay());
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        // The reader's open page shows it removed at once (MessagesRedacted), without a reload.
        var removedLive = reader.Messages.Filter(new() { Has = reader.Page.GetByTestId("message-removed") });
        await Expect(removedLive).ToHaveCountAsync(1);
        Assert.DoesNotContain("I told my sister something I regret.", await reader.ShownTextsAsync());

        // Someone who reads the room afterwards sees "Message removed" in its place; the other messages stay.
        await reader.Page.ReloadAsync();
        await reader.ExpectConnectedAsync();
        await Expect(reader.Page.GetByTestId("chat-title")).ToContainTextAsync("Grief", new() { IgnoreCase = true });
        await Expect(reader.Message("That sounds heavy. I'm glad you said it here.")).ToHaveCountAsync(1);
        var removed = reader.Messages.Filter(new() { Has = reader.Page.GetByTestId("message-removed") });
        await Expect(removed).ToHaveCountAsync(1);
        await Expect(removed).ToContainTextAsync("Message removed");
        await Expect(removed.GetByTestId("message-report")).ToHaveCountAsync(0);
        Assert.DoesNotContain("I told my sister something I regret.", await reader.ShownTextsAsync());
        Assert.Equal(new long[] { 1, 2 }, await reader.ShownSeqsAsync());

        // Starting again is a new anonymous member.
        await leaver.Page.GetByTestId("goodbye-restart").ClickAsync();
        await Expect(leaver.Page.GetByTestId("welcome-continue")).ToBeVisibleAsync();
        await Expect(leaver.Page.GetByTestId("notice")).ToBeHiddenAsync();
        Assert.Empty(leaver.Dialogs);
    }

    [Fact]
    public async Task A_connection_lost_while_deleting_leaves_nothing_deleted_and_the_page_connected_again()
    {
        var sockets = new SocketControl();
        await using var member = await Member.JoinAsync(server, beforeFirstVisit: sockets.AttachAsync);
        await member.JoinRoomAsync("stress");
        var token = await member.StoredTokenAsync();

        // The call never reaches the server: the socket drops as "Delete my data" is sent.
        await member.GoToAsync("safety");
        sockets.DropOnCall = "DeleteMe";
        await member.Page.GetByTestId("delete-start").ClickAsync();
        await member.Page.GetByTestId("delete-confirm").ClickAsync();
        await Expect(member.Page.GetByTestId("notice")).ToBeVisibleAsync();
        await Expect(member.Page.GetByTestId("goodbye")).ToBeHiddenAsync();

        // The page connects again by itself (it did not retry while it was leaving), as the same member.
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("my-handle")).ToHaveTextAsync(member.Handle);
        Assert.Equal(token, await member.StoredTokenAsync());
        Assert.True(sockets.Opened >= 2, $"sockets opened: {sockets.Opened}");
        await member.OpenChatAsync("Stress");
        await member.SendAsync("Still here after the deletion failed.");
        await Expect(member.Message("Still here after the deletion failed.")).ToHaveAttributeAsync("data-state", "sent");
        await member.Page.GetByTestId("chat-leave").ClickAsync();
    }

    /// <summary>
    /// With a second tab open in a chat, deleting one's data leaves nothing of the member in the browser: the other tab
    /// wrote the conversation's end reason back after the wipe (an outside browser probe), and the goodbye screen's live
    /// region still held the peer's handle, and its quick exit said chats are kept.
    /// </summary>
    [Fact]
    public async Task Deleting_my_data_with_a_second_tab_open_leaves_nothing_of_me_in_the_browser()
    {
        await using var listener = await Member.JoinAsync(server);
        await using var seeker = await Member.JoinAsync(server);
        await listener.VolunteerAsync("anxiety", "two tabs walk");
        await seeker.TalkWithAsync(listener, "anxiety", "Two tabs walk: exams.");
        var memberId = await seeker.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('matchchat.session')).memberId");
        var tabB = await seeker.Context.NewPageAsync();
        await tabB.GotoAsync("/");
        await Expect(tabB.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);

        await seeker.DeleteMyDataAsync();
        await Expect(listener.Page.GetByTestId("chat-ended")).ToContainTextAsync("deleted their account", new() { Timeout = 10_000 });
        // What the other tab hears after the wipe (the conversation's end) may land a moment later: swept too, within seconds.
        const string Left = "id => Object.keys(localStorage).filter(k => k.includes(id) || (localStorage.getItem(k) || '').includes(id))";
        var left = await seeker.Page.EvaluateAsync<string[]>(Left, memberId);
        for (var i = 0; i < 80 && left.Length > 0; i++)
        {
            await Task.Delay(100);
            left = await seeker.Page.EvaluateAsync<string[]>(Left, memberId);
        }

        Assert.Empty(left);
        Assert.Equal("", await seeker.Page.Locator("#announcer").TextContentAsync());
        await Expect(seeker.Page.Locator("#quick-exit-hint")).Not.ToContainTextAsync("kept");
        await tabB.CloseAsync();
        await listener.StopListeningAsync();
    }

    [Fact]
    public async Task After_the_peer_deletes_their_data_people_you_talked_with_offers_no_add_for_them()
    {
        await using var seeker = await Member.JoinAsync(server);
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "network walk, overtime");
        await seeker.TalkWithAsync(listener, "stress", "Network walk: overtime every night this month.");
        await seeker.GoToAsync("network");
        var candidate = seeker.Page.Locator($"[data-testid=network-candidate][data-handle='{listener.Handle}']");
        await Expect(candidate.GetByTestId("network-add")).ToBeVisibleAsync();

        await listener.DeleteMyDataAsync();

        // The conversation ended with reason "deleted": no "Add" for them, on the open page and when it is opened again.
        await Expect(candidate).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await seeker.GoToAsync("talk");
        await seeker.GoToAsync("network");
        await Expect(seeker.Page.GetByTestId("network-candidates-empty")).ToBeVisibleAsync();
        await Expect(candidate).ToHaveCountAsync(0);

        // A page that never heard why it ended (here: the reason and the deletion this browser kept are cleared, as on
        // another device) still offers it; the server refuses, and the offer goes with a sentence that says so.
        await seeker.Page.EvaluateAsync(
            "() => { const s = JSON.parse(localStorage.getItem('matchchat.session')); for (const k of ['endReasons', 'deletedPeers']) localStorage.removeItem(`matchchat.${s.memberId}.${k}`); }");
        await seeker.Page.ReloadAsync();
        await seeker.ExpectConnectedAsync();
        await seeker.GoToAsync("network");
        await candidate.GetByTestId("network-add").ClickAsync();
        await Expect(seeker.Page.GetByTestId("notice")).ToContainTextAsync($"{listener.Handle} can no longer be added to your people");
        await Expect(candidate).ToHaveCountAsync(0);
        await Expect(seeker.Page.Locator("#network-candidates-title")).ToBeFocusedAsync();
        Assert.Empty(seeker.ConsoleErrors);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}
