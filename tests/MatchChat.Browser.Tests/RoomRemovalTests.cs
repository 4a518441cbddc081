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
}
