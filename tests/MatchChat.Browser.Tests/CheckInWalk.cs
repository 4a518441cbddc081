namespace MatchChat.Browser.Tests;

/// <summary>Check-in steps shared by the check-in tests: a chat, a contact added, check-ins scheduled for them.</summary>
internal static class CheckInWalk
{
    /// <summary>A listener on <paramref name="topic"/> and a seeker in a chat with them, both at the given size.</summary>
    public static async Task<(Member Listener, Member Seeker)> ChatAsync(MatchChatFixture server, string topic, string walk, int width, int height)
    {
        var listener = await Member.JoinAsync(server, width: width, height: height);
        await listener.VolunteerAsync(topic, $"{walk}, been there", maxChats: 2);
        var seeker = await Member.JoinAsync(server, width: width, height: height);
        await seeker.TalkWithAsync(listener, topic, $"{walk}: it has been a long month.");
        return (listener, seeker);
    }

    /// <summary><paramref name="me"/> keeps <paramref name="peer"/> among their people (from "People you talked with").</summary>
    public static async Task AddAsync(Member me, Member peer)
    {
        await me.GoToAsync("network");
        await me.Page.Locator($"[data-testid=network-candidate][data-handle='{peer.Handle}']").GetByTestId("network-add").ClickAsync();
        await Expect(me.Page.Locator($"[data-testid=network-contact][data-handle='{peer.Handle}']")).ToBeVisibleAsync();
    }

    /// <summary>Schedules a check-in for <paramref name="peer"/> (null: for me) in <paramref name="minutes"/>.</summary>
    public static async Task ScheduleAsync(Member me, Member? peer, string minutes, string? note)
    {
        var before = await me.Page.GetByTestId("checkin-scheduled").CountAsync();
        await me.Page.GetByTestId("checkin-when").SelectOptionAsync(minutes);
        await me.Page.GetByTestId("checkin-for").SelectOptionAsync(peer?.Handle ?? "");
        await me.Page.GetByTestId("checkin-note").FillAsync(note ?? "");
        await me.Page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(me.Page.GetByTestId("checkin-scheduled")).ToHaveCountAsync(before + 1);
    }

    /// <summary>No sideways scrolling on <paramref name="page"/>.</summary>
    public static async Task ExpectNoSidewaysScrollAsync(IPage page, string where) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"), $"no sideways scrolling: {where}");
}
