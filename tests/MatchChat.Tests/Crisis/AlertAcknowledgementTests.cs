using MatchChat.Contracts.Crisis;
using MatchChat.Grains.Audit;
using MatchChat.Grains.Crisis;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// <c>AcknowledgeAlert({alertId, note?})</c> over real WebSockets: the note is validated like any note, kept with the
/// alert, and the acknowledgement is written to the audit trail (who, which action, when), never the note.
/// </summary>
public sealed class AlertAcknowledgementTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    private async Task<(TestMember Moderator, Alert Alert)> AnAlert(string topic)
    {
        var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        var seeker = await server.NewMember();
        await seeker.Request(topic, note: "I want to kill myself tonight");
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        await seeker.DisposeAsync();
        return (moderator, alert);
    }

    [Fact]
    public async Task The_note_is_kept_with_the_alert_and_the_acknowledgement_is_audited_without_it()
    {
        var (moderator, alert) = await AnAlert("t60");
        await using var _ = moderator;
        const string note = "Called them back, they are with a friend now.";

        var acknowledged = await moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = alert.AlertId, note = $"  {note}\r\n" });

        Assert.Equal(("acknowledged", moderator.Handle), (acknowledged.Status, acknowledged.AcknowledgedBy));
        var stored = await server.Services.GetRequiredService<IAlertStore>().GetAsync(alert.AlertId);
        Assert.Equal(note, stored!.AcknowledgedNote);
        Assert.NotNull(stored.AcknowledgedAt);
        var audit = await server.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(100);
        var entry = Assert.Single(audit, e => e.Action == CrisisAuditActions.AlertAcknowledged && e.ActorHandle == moderator.Handle);
        Assert.DoesNotContain(audit, e => (e.Channel ?? string.Empty).Contains("friend", StringComparison.Ordinal));
        Assert.True(DateTime.UtcNow - entry.At < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_note_that_is_too_long_or_not_plain_text_is_invalid_and_leaves_the_alert_open()
    {
        var (moderator, alert) = await AnAlert("t61");
        await using var _ = moderator;

        foreach (var bad in new[] { new string('a', 501), "call back\u0007" })
        {
            var e = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = alert.AlertId, note = bad }));
            Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(e));
        }

        Assert.Contains(await moderator.Conn.Invoke<Alert[]>("ListAlerts", new { status = "open" }), a => a.AlertId == alert.AlertId);
        var stored = await server.Services.GetRequiredService<IAlertStore>().GetAsync(alert.AlertId);
        Assert.Null(stored!.AcknowledgedNote);
        var audit = await server.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(100);
        Assert.DoesNotContain(audit, e => e.Action == CrisisAuditActions.AlertAcknowledged && e.ActorHandle == moderator.Handle);
    }

    [Fact]
    public async Task A_moderator_cannot_acknowledge_an_alert_about_themself_and_it_stays_open_for_the_others()
    {
        await using var moderator = await server.NewModerator();
        await using var other = await server.NewModerator();
        await other.Conn.Invoke<Alert[]>("ListAlerts");
        await moderator.Request("t62", note: "I want to kill myself tonight");
        var alert = await other.Conn.Next<Alert>("CrisisAlert", a => a.Handle == moderator.Handle);

        var refused = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = alert.AlertId }));
        Assert.Equal("forbidden: Another moderator must take an alert about you.", HubErrors.CodeAndSentence(refused));
        Assert.Contains(await other.Conn.Invoke<Alert[]>("ListAlerts", new { status = "open" }), a => a.AlertId == alert.AlertId);

        var taken = await other.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = alert.AlertId });
        Assert.Equal(("acknowledged", other.Handle), (taken.Status, taken.AcknowledgedBy));
    }

    [Fact]
    public async Task Every_other_moderator_is_told_when_an_alert_is_acknowledged()
    {
        var (moderator, alert) = await AnAlert("t24");
        await using var _ = moderator;
        await using var other = await server.NewModerator();
        await other.Conn.Invoke<Alert[]>("ListAlerts");
        const string note = "Spoke with them; their sister is on the way.";

        await moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = alert.AlertId, note });

        var updated = await other.Conn.Next<Alert>("AlertUpdated", a => a.AlertId == alert.AlertId);
        Assert.Equal(("acknowledged", moderator.Handle), (updated.Status, updated.AcknowledgedBy));
    }
}
