namespace MatchChat.Grains.Crisis;

/// <summary>The audited reads of crisis care (<c>audit.action</c>).</summary>
public static class CrisisAuditActions
{
    /// <summary>A moderator read an alert's context (GetAlertContext): the flagged message and up to 20 before it.</summary>
    public const string AlertContextRead = "alert.context.read";
}
