using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Safety;

/// <summary>PROTOCOL.md Trust and safety: Moderate({room, handle, action, minutes?}), over real WebSockets.</summary>
public sealed class RoomModerationTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    [Fact]
    public async Task A_muted_member_reads_but_cannot_send_until_unmuted()
    {
        var slug = TestTopics.Slug(30);
        var channel = $"room:{slug}";
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await using var other = await server.NewMember();
        await member.Conn.Invoke<Room>("JoinRoom", slug);
        await other.Conn.Invoke<Room>("JoinRoom", slug);

        await Moderate(moderator, slug, member.Handle, "mute", 30);
        // Told at once, and in what the rooms answer them; the others hear nothing of it.
        var told = await member.Conn.Next<MutedInRoom>("MutedInRoom", m => m.Room == slug);
        Assert.True(told.Muted);
        Assert.InRange(told.Until!.Value, DateTime.UtcNow.AddMinutes(29), DateTime.UtcNow.AddMinutes(31));
        var seen = (await member.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug);
        Assert.True(seen.Muted);
        Assert.Equal(told.Until, seen.MutedUntil);
        Assert.False((await other.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug).Muted);
        await other.Conn.AssertNone<MutedInRoom>("MutedInRoom", wait: TimeSpan.FromMilliseconds(300));
        var refused = await Assert.ThrowsAsync<HubException>(() => member.Send(channel, "let me talk"));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(refused));
        Assert.Contains(" UTC", HubErrors.CodeAndSentence(refused));
        var heard = await other.Send(channel, "the muted member still reads this");
        await member.Conn.Next<Message>("MessageReceived", m => m.Seq == heard.Seq);
        Assert.DoesNotContain(await other.History(channel), m => m.Text == "let me talk");

        await Moderate(moderator, slug, member.Handle, "unmute");
        Assert.False((await member.Conn.Next<MutedInRoom>("MutedInRoom", m => m.Room == slug && !m.Muted)).Muted);
        Assert.False((await member.Conn.Invoke<Room>("JoinRoom", slug)).Muted);
        var sent = await member.Send(channel, "thank you");
        await other.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq);
    }

    [Fact]
    public async Task A_removed_member_is_out_of_the_room_now_and_may_join_again()
    {
        var slug = TestTopics.Slug(31);
        var channel = $"room:{slug}";
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await using var other = await server.NewMember();
        await member.Conn.Invoke<Room>("JoinRoom", slug);
        await other.Conn.Invoke<Room>("JoinRoom", slug);

        await Moderate(moderator, slug, member.Handle, "remove");
        Assert.Equal(RoomLeaving.Removed, (await member.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && !r.Joined)).Left);
        Assert.Null((await other.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 1)).Left);
        var after = await other.Send(channel, "after the removal");
        await other.Conn.Next<Message>("MessageReceived", m => m.Seq == after.Seq);
        await member.Conn.AssertNone<Message>("MessageReceived", m => m.Seq == after.Seq);
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => member.Send(channel, "still here?"))));
        Assert.False((await member.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug).Joined);

        Assert.True((await member.Conn.Invoke<Room>("JoinRoom", slug)).Joined);
        var back = await other.Send(channel, "welcome back");
        await member.Conn.Next<Message>("MessageReceived", m => m.Seq == back.Seq);
    }

    [Fact]
    public async Task A_banned_member_is_removed_and_cannot_join_until_unbanned()
    {
        var slug = TestTopics.Slug(32);
        var channel = $"room:{slug}";
        await using var moderator = await server.NewModerator();
        await using var member = await server.NewMember();
        await using var other = await server.NewMember();
        var secondTab = await member.ConnectAnother();
        await member.Conn.Invoke<Room>("JoinRoom", slug);
        await other.Conn.Invoke<Room>("JoinRoom", slug);
        await member.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 2);
        var joinedBefore = member.Conn.All<Room>("RoomUpdated").Count(r => r.Slug == slug && r.Joined);

        await Moderate(moderator, slug, member.Handle, "ban", 60);
        // Told as a ban, so the page can say it cannot join again (an outside probe: it read as a plain removal).
        Assert.Equal(RoomLeaving.Banned, (await member.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && !r.Joined)).Left);
        Assert.Equal(RoomLeaving.Banned, (await secondTab.Next<Room>("RoomUpdated", r => r.Slug == slug && !r.Joined)).Left);
        await other.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 1);
        // The one banned never hears the new count as if still a member (an outside probe: joined true, then false).
        Assert.Equal(joinedBefore, member.Conn.All<Room>("RoomUpdated").Count(r => r.Slug == slug && r.Joined));
        var after = await other.Send(channel, "after the ban");
        await other.Conn.Next<Message>("MessageReceived", m => m.Seq == after.Seq);
        await member.Conn.AssertNone<Message>("MessageReceived", m => m.Seq == after.Seq);
        await secondTab.AssertNone<Message>("MessageReceived", m => m.Seq == after.Seq, TimeSpan.Zero);
        var refused = await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke<Room>("JoinRoom", slug));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(refused));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => member.History(channel))));

        await Moderate(moderator, slug, member.Handle, "unban");
        Assert.True((await member.Conn.Invoke<Room>("JoinRoom", slug)).Joined);
    }

    [Fact]
    public async Task A_room_left_in_one_tab_is_told_to_the_other_and_a_join_right_after_stands()
    {
        var slug = TestTopics.Slug(36);
        var channel = $"room:{slug}";
        await using var member = await server.NewMember();
        await using var other = await server.NewMember();
        var secondTab = await member.ConnectAnother();
        await member.Conn.Invoke<Room>("JoinRoom", slug);
        await other.Conn.Invoke<Room>("JoinRoom", slug);

        await member.Conn.Invoke("LeaveRoom", slug);
        // The other tab learns it (an outside probe: the room stayed open there with its composer).
        var told = await secondTab.Next<Room>("RoomUpdated", r => r.Slug == slug && !r.Joined);
        Assert.Equal(RoomLeaving.Left, told.Left);
        Assert.Equal(1, told.MemberCount);
        // Not the tab that left (it has its answer; an older page would read it as a moderator's removal).
        await member.Conn.AssertNone<Room>("RoomUpdated", r => r.Left is not null, TimeSpan.FromMilliseconds(300));
        Assert.Null((await other.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 1)).Left);

        // Joined again at once from the first tab: both tabs go on reading the room.
        Assert.True((await member.Conn.Invoke<Room>("JoinRoom", slug)).Joined);
        await other.Conn.Next<Room>("RoomUpdated", r => r.Slug == slug && r.MemberCount == 2);
        await Task.Delay(300);
        var back = await other.Send(channel, "welcome back");
        await member.Conn.Next<Message>("MessageReceived", m => m.Seq == back.Seq);
        await secondTab.Next<Message>("MessageReceived", m => m.Seq == back.Seq);
    }

    [Fact]
    public async Task Bad_moderation_gets_a_clear_error_and_changes_nothing()
    {
        var slug = TestTopics.Slug(33);
        await using var moderator = await server.NewModerator();
        await using var notModerator = await server.NewMember();
        await using var member = await server.NewMember();
        await member.Conn.Invoke<Room>("JoinRoom", slug);

        Assert.StartsWith("forbidden: ", await Error(notModerator, new { room = slug, handle = member.Handle, action = "ban" }));
        Assert.StartsWith("not_found: ", await Error(moderator, new { room = "no-such-room", handle = member.Handle, action = "mute" }));
        Assert.StartsWith("not_found: ", await Error(moderator, new { room = slug, handle = "NobodyHere-1", action = "mute" }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = slug, handle = member.Handle, action = "shout" }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = slug, handle = member.Handle, action = "mute", minutes = 0 }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = slug, handle = member.Handle, action = "mute", minutes = 525_601 }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = slug, handle = member.Handle, action = "remove", minutes = 5 }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = "Not A Slug", handle = member.Handle, action = "mute" }));
        Assert.StartsWith("invalid: ", await Error(moderator, new { room = slug, handle = moderator.Handle, action = "mute" }));

        // Nothing of that changed the member's standing in the room.
        var sent = await member.Send($"room:{slug}", "still free to talk");
        Assert.True(sent.Seq > 0);
        Assert.True((await member.Conn.Invoke<Room[]>("ListRooms")).Single(r => r.Slug == slug).Joined);
    }

    [Fact]
    public async Task A_moderator_removes_one_room_message_its_text_is_gone_for_everyone_and_the_rest_stays()
    {
        var slug = TestTopics.Slug(34);
        var channel = $"room:{slug}";
        await using var moderator = await server.NewModerator();
        await using var writer = await server.NewMember();
        await using var reader = await server.NewMember();
        await using var notModerator = await server.NewMember();
        await writer.Conn.Invoke<Room>("JoinRoom", slug);
        await reader.Conn.Invoke<Room>("JoinRoom", slug);
        await notModerator.Conn.Invoke<Room>("JoinRoom", slug);
        var kept = await writer.Send(channel, "a fine message");
        var harmful = await writer.Send(channel, "here is her home address, go and find her");
        await reader.Conn.Next<Message>("MessageReceived", m => m.Seq == harmful.Seq);

        // Bad calls change nothing: only moderators, rooms only, a real seq.
        async Task<string> Refused(TestMember caller, object? args) =>
            HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => caller.Conn.Invoke("RemoveRoomMessage", args)));
        Assert.StartsWith("forbidden: ", await Refused(notModerator, new { room = slug, seq = harmful.Seq }));
        Assert.StartsWith("forbidden: ", await Refused(writer, new { room = slug, seq = harmful.Seq }));
        Assert.StartsWith("invalid: ", await Refused(moderator, new { room = slug, seq = 0 }));
        Assert.StartsWith("invalid: ", await Refused(moderator, new { room = slug }));
        Assert.StartsWith("invalid: ", await Refused(moderator, null));
        Assert.StartsWith("invalid: ", await Refused(moderator, new { room = "Not A Slug", seq = harmful.Seq }));
        Assert.StartsWith("not_found: ", await Refused(moderator, new { room = "no-such-room", seq = harmful.Seq }));
        Assert.StartsWith("not_found: ", await Refused(moderator, new { room = slug, seq = harmful.Seq + 100 }));
        Assert.Equal("here is her home address, go and find her", (await reader.History(channel)).Single(m => m.Seq == harmful.Seq).Text);

        await moderator.Conn.Invoke("RemoveRoomMessage", new { room = slug, seq = harmful.Seq });
        var heard = await reader.Conn.Next<MessageRemoved>("MessageRemoved", r => r.Seq == harmful.Seq);
        Assert.Equal(new MessageRemoved(channel, harmful.Seq, writer.Handle), heard);
        await writer.Conn.Next<MessageRemoved>("MessageRemoved", r => r.Seq == harmful.Seq);

        // Every reader's history (the writer's too) has the row, redacted, in its place; the other message is untouched.
        foreach (var member in new[] { reader, writer })
        {
            var history = await member.History(channel);
            var gone = history.Single(m => m.Seq == harmful.Seq);
            Assert.True(gone.Redacted);
            Assert.Equal("", gone.Text);
            Assert.Equal(writer.Handle, gone.SenderHandle);
            Assert.Equal("a fine message", history.Single(m => m.Seq == kept.Seq).Text);
        }

        // The writer's page resends it (its acknowledgement was lost): the original, as it is now, not a conflict.
        var resent = await writer.Send(channel, "here is her home address, go and find her", harmful.ClientMessageId);
        Assert.Equal((harmful.Seq, true, ""), (resent.Seq, resent.Redacted, resent.Text));

        // A repeat changes nothing and is not an error; the writer may go on writing.
        await moderator.Conn.Invoke("RemoveRoomMessage", new { room = slug, seq = harmful.Seq });
        var next = await writer.Send(channel, "sorry");
        Assert.Equal(harmful.Seq + 1, next.Seq);
    }

    private static Task Moderate(TestMember moderator, string room, string handle, string action, int? minutes = null) =>
        moderator.Conn.Invoke("Moderate", new { room, handle, action, minutes });

    private static async Task<string> Error(TestMember caller, object args) =>
        HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(() => caller.Conn.Invoke("Moderate", args)));
}
