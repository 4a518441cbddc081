namespace MatchChat.Browser.Tests;

/// <summary>
/// Keyboard focus after actions that hide or remove the control that was pressed: it lands on a shown element (the new
/// view's heading, the next item, the control that replaced it), never on &lt;body&gt;.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class KeyboardFocusTests(SafetyFixture server)
{
    [Fact]
    public async Task Focus_stays_on_a_shown_element_after_find_stop_waiting_block_unblock_and_leave()
    {
        await using var seeker = await Member.JoinAsync(server);

        // "Find a listener": the waiting card's heading (the status line under it cannot take focus).
        await seeker.AskForListenerAsync("stress", note: "Focus walk: the deadline pile keeps growing.");
        await Expect(seeker.Page.GetByTestId("talk-waiting")).ToBeVisibleAsync();
        await ExpectFocusedAsync(seeker.Page, "#talk-waiting-title");

        // "Stop waiting": the Talk view's heading.
        await seeker.Page.GetByTestId("talk-cancel").ClickAsync();
        await Expect(seeker.Page.Locator("#talk-form")).ToBeVisibleAsync();
        await ExpectFocusedAsync(seeker.Page, "#talk-title");

        // Confirming "Block" hides it: the notice that says it is done (on a phone it is above the chat, out of view).
        await using var listener = await Member.JoinAsync(server);
        await listener.VolunteerAsync("stress", "focus walk, deadlines");
        await seeker.TalkWithAsync(listener, "stress", "Focus walk: deadlines again, sorry.");
        await seeker.Page.GetByTestId("chat-block").ClickAsync();
        await seeker.Page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat-block")).ToBeHiddenAsync();
        await Expect(seeker.Page.GetByTestId("chat-ended")).ToBeVisibleAsync();
        await ExpectFocusedAsync(seeker.Page, "#notice-text");

        // "Unblock" removes the row: with nobody left, the list's heading.
        await seeker.GoToAsync("safety");
        await seeker.Page.Locator($"[data-testid=blocked-person][data-handle='{listener.Handle}']").GetByTestId("unblock").ClickAsync();
        await Expect(seeker.Page.GetByTestId("blocked-empty")).ToBeVisibleAsync();
        await ExpectFocusedAsync(seeker.Page, "#blocked-title");

        // "Leave room" in the open room: the list of chats' heading.
        await seeker.JoinRoomAsync("stress");
        await seeker.Page.GetByTestId("chat-leave").ClickAsync();
        await Expect(seeker.Page.GetByTestId("chat")).ToBeHiddenAsync();
        await ExpectFocusedAsync(seeker.Page, "#chats-title");

        // "Leave" in the rooms list: the room's "Join" that replaced it.
        await seeker.JoinRoomAsync("stress");
        await seeker.GoToAsync("rooms");
        var room = seeker.Page.Locator("[data-testid=room][data-slug=stress]");
        await room.GetByTestId("room-leave").ClickAsync();
        await Expect(room.GetByTestId("room-join")).ToBeVisibleAsync();
        await Expect(room.GetByTestId("room-join")).ToBeFocusedAsync();
        Assert.Empty(seeker.ConsoleErrors);

        await listener.GoToAsync("listen");
        await listener.Page.GetByTestId("available-switch").ClickAsync();
        await Expect(listener.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    /// <summary>"Agree and volunteer" closes the guide: focus goes to the availability switch that now shows (it fell to
    /// &lt;body&gt;, and the next Tab landed in the footer).</summary>
    [Fact]
    public async Task After_agreeing_to_the_listener_guide_focus_is_on_the_availability_switch()
    {
        await using var member = await Member.JoinAsync(server);
        await member.GoToAsync("listen");
        await member.Page.GetByTestId("listen-topic-school").Or(member.Page.GetByTestId("listen-topic-parenting")).First.CheckAsync();
        await member.Page.GetByTestId("listen-submit").ClickAsync();
        await member.AgreeToGuideAsync();
        await Expect(member.Page.GetByTestId("available-switch")).ToBeVisibleAsync();
        await ExpectFocusedAsync(member.Page, "#available-switch");
        await Expect(member.Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
        Assert.Empty(member.ConsoleErrors);
    }

    /// <summary>Focus is on <paramref name="selector"/>, a shown element, and not on &lt;body&gt;.</summary>
    internal static async Task ExpectFocusedAsync(IPage page, string selector)
    {
        await Expect(page.Locator(selector)).ToBeFocusedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement !== document.body && document.activeElement.getClientRects().length > 0"));
    }
}
