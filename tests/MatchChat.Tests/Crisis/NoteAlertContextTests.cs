using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// <c>GetAlertContext</c> of a note alert over real WebSockets: the moderator reads the request note that raised it while
/// the person still waits with that request, and nothing once the request is gone (cancelled) or for an older request.
/// </summary>
public sealed class NoteAlertContextTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    private const string CrisisNote = "I want to kill myself tonight, I can't do this anymore";

    [Fact]
    public async Task A_moderator_reads_the_waiting_request_note_and_nothing_once_the_request_is_cancelled()
    {
        await using var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        await using var seeker = await server.NewMember();

        var ticket = await seeker.Request("t74", note: CrisisNote);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);

        var context = await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId);
        var note = Assert.Single(context);
        Assert.Equal((CrisisNote, seeker.Handle, "", 0L, ""), (note.Text, note.SenderHandle, note.Channel, note.Seq, note.ClientMessageId));

        // Cancelled, and a new request with an everyday note: the first alert's note is gone, not replaced by the new one.
        await seeker.Conn.Invoke("CancelRequest", ticket.RequestId);
        await seeker.Request("t74", note: "Mostly just want to talk about my week.");
        Assert.Empty(await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId));
    }

    [Fact]
    public async Task A_member_cannot_read_a_note_alert_and_a_deleted_members_note_is_gone()
    {
        await using var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        await using var seeker = await server.NewMember();
        await using var bystander = await server.NewMember();

        await seeker.Request("t75", note: CrisisNote);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        var refused = await Assert.ThrowsAsync<HubException>(() => bystander.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(refused));

        await seeker.Conn.Invoke("DeleteMe");
        Assert.Empty(await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId));
    }
}
