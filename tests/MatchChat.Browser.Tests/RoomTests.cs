namespace MatchChat.Browser.Tests;

/// <summary>Topic rooms: join, talk, see who is here, leave.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomTests(MatchChatFixture server)
{
    [Fact]
    public async Task Two_members_in_a_room_see_each_others_messages_and_the_live_member_count()
    {
        await using var ana = await Member.JoinAsync(server);
        await using var ben = await Member.JoinAsync(server);

        await ana.GoToAsync("rooms");
        var anasRoom = ana.Page.Locator("[data-testid=room][data-slug=anxiety]");
        await Expect(anasRoom).ToBeVisibleAsync();
        await Screenshots.SaveAsync(ana.Page, "10-rooms");
        await anasRoom.GetByTestId("room-join").ClickAsync();
        await Expect(ana.Page.GetByTestId("chat-title")).ToHaveTextAsync("Anxiety room", new() { IgnoreCase = true });
        await Expect(ana.Page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Room · 1 member");

        await ben.GoToAsync("rooms");
        await Expect(ben.Page.Locator("[data-testid=room][data-slug=anxiety]").GetByTestId("room-count")).ToHaveTextAsync("1 member · 1 here");
        await ben.Page.Locator("[data-testid=room][data-slug=anxiety]").GetByTestId("room-join").ClickAsync();
        await Expect(ben.Page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Room · 2 members");
        // Ana's page learns about Ben without reloading.
        await Expect(ana.Page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Room · 2 members");

        await ana.SendAsync("Anyone else awake with a racing heart?");
        await Expect(ben.Message("Anyone else awake with a racing heart?")).ToHaveCountAsync(1);
        await Expect(ben.Messages.Filter(new() { HasText = "Anyone else awake" })).ToContainTextAsync(ana.Handle);
        await ben.SendAsync("Yes. Breathing slowly with you.");
        await Expect(ana.Message("Yes. Breathing slowly with you.")).ToHaveCountAsync(1);
        await Expect(ana.Message("Anyone else awake with a racing heart?")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(ana.Page, "11-room-conversation");

        // Ben closes his page without leaving: still a member, but not here ("2 people here" counted members: an outside
        // probe). The list is read again each time it is shown.
        await ben.Page.GotoAsync("about:blank");
        var anasCount = anasRoom.GetByTestId("room-count");
        for (var i = 0; i < 30 && await ShownCountAsync(ana, anasCount) != "2 members · 1 here"; i++)
        {
            await ana.GoToAsync("chats");
            await ana.Page.WaitForTimeoutAsync(500);
        }

        await Expect(anasCount).ToHaveTextAsync("2 members · 1 here");
        await anasRoom.GetByTestId("room-open").ClickAsync();
        await Expect(ana.Page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Room · 2 members");
        await ben.Page.GotoAsync(server.BaseUrl + "/");
        await ben.ExpectConnectedAsync();
        await ben.GoToAsync("rooms");
        await ben.Page.Locator("[data-testid=room][data-slug=anxiety]").GetByTestId("room-open").ClickAsync();
        await Expect(ben.Page.GetByTestId("chat-title")).ToHaveTextAsync("Anxiety room", new() { IgnoreCase = true });

        // Ben leaves: he no longer follows the room and Ana sees the count drop.
        await ben.Page.GetByTestId("chat-leave").ClickAsync();
        await Expect(ben.Page.GetByTestId("chat")).ToBeHiddenAsync();
        await Expect(ana.Page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Room · 1 member");
        await ben.GoToAsync("rooms");
        await Expect(ben.Page.Locator("[data-testid=room][data-slug=anxiety]").GetByTestId("room-join")).ToBeVisibleAsync();

        await ana.SendAsync("Take care, Ben.");
        await Expect(ana.Message("Take care, Ben.")).ToHaveCountAsync(1);
        await ana.Page.GetByTestId("chat-leave").ClickAsync();
    }

    private static async Task<string?> ShownCountAsync(Member member, ILocator count)
    {
        await member.GoToAsync("rooms");
        await member.Page.WaitForTimeoutAsync(300);
        return await count.CountAsync() == 1 ? (await count.TextContentAsync())?.Trim() : null;
    }

    /// <summary>
    /// At 200 % zoom (a 550 × 425 CSS-pixel window) the chat's header and composer left its message list 24 px, so not one
    /// message could be read (stop 53, an outside probe): the list keeps room for several at any size now.
    /// </summary>
    [Fact]
    public async Task At_200_percent_zoom_the_message_list_keeps_room_for_messages()
    {
        await using var member = await Member.JoinAsync(server, width: 550, height: 425);
        await member.JoinRoomAsync("stress");
        for (var i = 1; i <= 3; i++)
        {
            await member.SendAsync($"zoomed message {i}");
            await Expect(member.Message($"zoomed message {i}")).ToHaveCountAsync(1);
        }

        var list = await member.Page.GetByTestId("messages").BoundingBoxAsync();
        Assert.NotNull(list);
        Assert.True(list.Height >= 150, $"the message list is {list.Height:F0} px tall");
    }
}
