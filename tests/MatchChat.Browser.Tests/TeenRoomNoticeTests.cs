namespace MatchChat.Browser.Tests;

/// <summary>
/// What a teen is told about who they talk with is true (an outside probe: the age screen said under-18s only talk with
/// volunteers who agreed to support teens, while rooms for everyone hold teens and adults together). The first screen
/// says one-to-one chats are with teen listeners or adults approved for teens and that rooms for everyone are shared with
/// adults; in such a room a teen sees a short notice, which adults and teen-only rooms do not show.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeenRoomNoticeTests(MatchChatFixture server)
{
    private const string Notice = "Adults are in this room too. Keep personal details like your school, address or other accounts to yourself.";

    [Fact]
    public async Task The_age_screen_says_rooms_for_everyone_are_shared_with_adults()
    {
        await using var visitor = await Member.OpenAsync(server);
        var hint = visitor.Page.GetByTestId("age-hint");
        await Expect(hint).ToBeVisibleAsync();
        await Expect(hint).ToContainTextAsync("one-to-one chats are only with teen listeners or adults a moderator has approved to support teens");
        await Expect(hint).ToContainTextAsync("Rooms for everyone are shared with adults.");
        await Expect(hint).Not.ToContainTextAsync("only talk with volunteers");
        await Expect(visitor.Page.GetByTestId("age-teen")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("shared with adults"));
    }

    [Fact]
    public async Task A_teen_in_a_room_for_everyone_is_told_adults_are_there_and_adults_and_teen_rooms_show_nothing()
    {
        await using var adult = await Member.JoinAsync(server);
        await using var teen = await Member.JoinAsync(server, ageGroup: "teen", width: 390, height: 844);

        // A room for everyone: the teen sees the notice, under the room's header and on screen; the adult does not.
        await teen.JoinRoomAsync("depression");
        var notice = teen.Page.GetByTestId("room-teen-notice");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToHaveTextAsync(Notice);
        await Expect(notice).ToBeInViewportAsync();
        await Expect(teen.Composer).ToBeInViewportAsync();
        await Contrast.AssertAaAsync(teen.Page, "the teen's notice in a room for everyone");
        await Screenshots.SaveAsync(teen.Page, "84-teen-room-notice");
        await adult.JoinRoomAsync("depression");
        await Expect(adult.Page.GetByTestId("chat-title")).ToContainTextAsync("Depression");
        await Expect(adult.Page.GetByTestId("room-teen-notice")).ToBeHiddenAsync();

        // A teen-only room: no notice; back in the room for everyone, it is there again, and after a reload too.
        await teen.JoinRoomAsync("school");
        await Expect(teen.Page.GetByTestId("chat-title")).ToContainTextAsync("School");
        await Expect(notice).ToBeHiddenAsync();
        await OpenRoomAsync(teen, "Depression");
        await Expect(notice).ToBeVisibleAsync();
        await teen.Page.ReloadAsync();
        await teen.ExpectConnectedAsync();
        await Expect(teen.Page.GetByTestId("chat-title")).ToContainTextAsync("Depression");
        await Expect(notice).ToBeVisibleAsync();

        // Out of both rooms again (room member counts are shared by the collection's tests).
        foreach (var member in new[] { teen, adult })
        {
            await OpenRoomAsync(member, "Depression");
            await member.Page.GetByTestId("chat-leave").ClickAsync();
            await Expect(member.Page.GetByTestId("chat")).ToBeHiddenAsync();
        }

        await OpenRoomAsync(teen, "School");
        await teen.Page.GetByTestId("chat-leave").ClickAsync();
        await Expect(teen.Page.GetByTestId("chat")).ToBeHiddenAsync();
        Assert.Empty(teen.ConsoleErrors);
        Assert.Empty(adult.ConsoleErrors);
    }

    /// <summary>On a phone the list of chats is behind the open chat: back to it first, then the room.</summary>
    private static async Task OpenRoomAsync(Member member, string title)
    {
        if (await member.Page.GetByTestId("chat-back").IsVisibleAsync())
        {
            await member.Page.GetByTestId("chat-back").ClickAsync();
        }

        await member.OpenChatAsync(title);
    }
}
