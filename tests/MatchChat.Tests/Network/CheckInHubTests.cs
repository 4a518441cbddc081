using System.Diagnostics;
using System.Text.Json;
using MatchChat.Contracts.CheckIns;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace MatchChat.Tests.Network;

/// <summary>
/// PROTOCOL.md [network] check-ins over real WebSockets, on the real clock: the shortest check-in is one minute, so the
/// journeys share that minute (a connected member, a contact, and a member who is offline when it falls due).
/// </summary>
public sealed class CheckInHubTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(100);

    private static async Task<string> Refusal(Func<Task> call) =>
        HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(call));

    [Fact]
    public async Task Check_ins_arrive_once_on_their_minute_to_a_connected_member_and_a_contact_and_at_the_next_connection_when_offline()
    {
        var topic = TestTopics.Slug(74);
        await using var me = await server.NewMember();
        await using var friend = await server.NewMember();
        await using var away = await server.NewMember();
        var (conversation, _) = await Journeys.Match(me, friend, topic);
        await me.Conn.Invoke("AddToNetwork", conversation.ConversationId);

        var mine = await me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 1, note = "Did you drink some water?" });
        var forFriend = await me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 1, note = "thinking of you", forHandle = friend.Handle });
        var cancelled = await me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 2 });
        var awayOne = await away.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 1 });
        await away.Conn.DisposeAsync();

        var listed = await me.Conn.Invoke<JsonElement>("ListCheckIns");
        output.WriteLine(listed.GetRawText());
        Assert.Equal(3, listed.GetArrayLength());
        await me.Conn.Invoke("CancelCheckIn", cancelled.CheckInId);
        Assert.Equal(2, (await me.Conn.Invoke<CheckIn[]>("ListCheckIns")).Length);

        var due = await me.Conn.Next<CheckInDue>("CheckInDue", d => d.CheckInId == mine.CheckInId, Minute);
        var lateness = DateTime.UtcNow - mine.DueAt;
        var friendDue = await friend.Conn.Next<CheckInDue>("CheckInDue", d => d.CheckInId == forFriend.CheckInId, Minute);
        output.WriteLine($"CheckInDue arrived {lateness.TotalMilliseconds:F0} ms after its due time");
        Assert.True(lateness < TimeSpan.FromSeconds(5), $"arrived {lateness.TotalSeconds:F1}s late");
        Assert.Equal((null, "Did you drink some water?"), (due.FromHandle, due.Note));
        Assert.Equal((me.Handle, "thinking of you"), (friendDue.FromHandle, friendDue.Note));

        // Offline when it fell due: it arrives at the next connection, once.
        var clock = Stopwatch.StartNew();
        var back = await away.ConnectAnother();
        var awayDue = await back.Next<CheckInDue>("CheckInDue", d => d.CheckInId == awayOne.CheckInId);
        output.WriteLine($"Offline member's check-in arrived {clock.ElapsedMilliseconds} ms after reconnecting");
        var again = await away.ConnectAnother();
        await again.AssertNone<CheckInDue>("CheckInDue", wait: TimeSpan.FromSeconds(2));
        Assert.Single(back.All<CheckInDue>("CheckInDue"));
        Assert.Equal(awayDue.DueAt, awayOne.DueAt);
        Assert.Single(me.Conn.All<CheckInDue>("CheckInDue"));
        Assert.DoesNotContain(me.Conn.All<CheckInDue>("CheckInDue"), d => d.CheckInId == cancelled.CheckInId);

        // Delivered ones are listed for a page that missed the event; the friend sees who it was from.
        var friendList = Assert.Single(await friend.Conn.Invoke<CheckIn[]>("ListCheckIns"));
        Assert.Equal((forFriend.CheckInId, CheckInStatuses.Delivered, me.Handle), (friendList.CheckInId, friendList.Status, friendList.FromHandle));
    }

    [Fact]
    public async Task Bad_check_ins_are_refused_and_change_nothing()
    {
        await using var me = await server.NewMember();
        await using var other = await server.NewMember();
        Assert.StartsWith("invalid: ", await Refusal(() => me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 0 })));
        Assert.StartsWith("invalid: ", await Refusal(() => me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 43_201 })));
        Assert.StartsWith("invalid: ", await Refusal(() => me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { note = "no time" })));
        Assert.StartsWith("invalid: ", await Refusal(() => me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 5, note = new string('x', 501) })));
        Assert.StartsWith("not_found: ", await Refusal(() => me.Conn.Invoke<ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 5, forHandle = other.Handle })));
        Assert.StartsWith("not_found: ", await Refusal(() => me.Conn.Invoke("CancelCheckIn", "no-such-check-in")));
        Assert.Empty(await me.Conn.Invoke<CheckIn[]>("ListCheckIns"));
        Assert.Empty(await other.Conn.Invoke<CheckIn[]>("ListCheckIns"));
    }
}
