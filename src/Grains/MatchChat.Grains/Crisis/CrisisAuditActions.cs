namespace MatchChat.Grains.Crisis;

/// <summary>The audited moderator actions of crisis care (<c>audit.action</c>).</summary>
public static class CrisisAuditActions
{
    /// <summary>A moderator read an alert's context (GetAlertContext): the flagged message and up to 20 before it.</summary>
    public const string AlertContextRead = "alert.context.read";

    /// <summary>A moderator acknowledged an alert (AcknowledgeAlert); the note is stored with the alert, never in the audit.</summary>
    public const string AlertAcknowledged = "alert.acknowledged";
}
