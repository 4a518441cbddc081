namespace MatchChat.Browser.Tests;

/// <summary>
/// A member a moderator removes from a room is told, the room closes on their page, and a reload does not join it again
/// (an outside browser probe: the room stayed open with its composer, and a reload silently joined it again).
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class RoomRemovalTests(SafetyFixture server)
{
    [Fact]
    public async Task A_member_removed_from_a_room_is_told_and_a_reload_does_not_put_them_back()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        await member.JoinRoomAsync("relationships");
        await member.SendAsync("We argued again and I feel so alone.");
        await Expect(member.Message("We argued again and I feel so alone.")).ToHaveAttributeAsync("data-state", "sent");

        await moderator.Page.GetByTestId("room-mod-room").FillAsync("relationships");
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("remove");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).Not.ToBeEmptyAsync();

        await Expect(member.Page.GetByTestId("notice")).ToContainTextAsync("removed you from the", new() { Timeout = 10_000 });
        await Expect(member.Composer).ToBeHiddenAsync();
        await member.GoToAsync("rooms");
        var room = member.Page.Locator("[data-testid=room][data-slug=relationships]");
        await Expect(room.GetByTestId("room-join")).ToBeVisibleAsync();

        await member.Page.ReloadAsync();
        await member.ExpectConnectedAsync();
        await member.GoToAsync("rooms");
        await Expect(room.GetByTestId("room-join")).ToBeVisibleAsync();
        await Expect(room.GetByTestId("room-leave")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_member_banned_from_a_room_is_told_they_cannot_join_it_again()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var member = await Member.JoinAsync(server);
        await member.JoinRoomAsync("stress");

        await moderator.Page.GetByTestId("room-mod-room").FillAsync("stress");
        await moderator.Page.GetByTestId("room-mod-handle").FillAsync(member.Handle);
        await moderator.Page.GetByTestId("room-mod-action").SelectOptionAsync("ban");
        await moderator.Page.GetByTestId("room-mod-submit").ClickAsync();
        await Expect(moderator.Page.GetByTestId("room-mod-result")).Not.ToBeEmptyAsync();

        // Not a plain removal (an outside probe): the member would try to join again and meet a refusal.
        await Expect(member.Page.GetByTestId("notice")).ToContainTextAsync("you can't join it again", new() { Timeout = 10_000 });
        await Expect(member.Composer).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_moderator_removes_one_room_message_and_every_open_page_shows_it_removed_while_the_rest_stays()
    {
        await using var moderator = await server.ModeratorAsync();
        await using var writer = await Member.JoinAsync(server);
        await using var reader = await Member.JoinAsync(server);
        await writer.JoinRoomAsync("anxiety");
        await reader.JoinRoomAsync("anxiety");
        await moderator.JoinRoomAsync("anxiety");
        await writer.SendAsync("Breathing exercises help me a little.");
        await writer.SendAsync("Her phone number is 555 0100, everyone call her.");
        await Expect(reader.Message("Her phone number is 555 0100, everyone call her.")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // Only a moderator has the button; the reader has Report and Block.
        await Expect(reader.Message("Her phone number is 555 0100, everyone call her.").GetByTestId("message-mod-remove")).ToHaveCountAsync(0);
        var harmful = moderator.Message("Her phone number is 555 0100, everyone call her.");
        await harmful.GetByTestId("message-mod-remove").ClickAsync();
        await moderator.Page.GetByTestId("confirm-ok").ClickAsync();

        foreach (var page in new[] { reader, writer, moderator })
        {
            await Expect(page.Page.GetByTestId("message-removed")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            await Expect(page.Page.GetByText("Her phone number is 555 0100")).ToHaveCountAsync(0);
            await Expect(page.Page.GetByTestId("message-removed")).ToHaveCountAsync(1);
            await Expect(page.Message("Breathing exercises help me a little.")).ToBeVisibleAsync();
        }

        // A reload reads the room's history from the server: still removed.
        await reader.Page.ReloadAsync();
        await reader.ExpectConnectedAsync();
        await reader.OpenChatAsync("Anxiety");
        await Expect(reader.Message("Breathing exercises help me a little.")).ToBeVisibleAsync();
        await Expect(reader.Page.GetByText("Her phone number is 555 0100")).ToHaveCountAsync(0);
        await Expect(reader.Page.GetByTestId("message-removed")).ToHaveCountAsync(1);
    }
}
