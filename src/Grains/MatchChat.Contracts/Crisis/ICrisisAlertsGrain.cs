using MatchChat.Contracts.Messaging;

namespace MatchChat.Contracts.Crisis;

/// <summary>
/// The stored alerts, for moderators (the hub checks the role before calling). A stateless worker over the alert
/// store; reading an alert's context is written to the audit trail (who, what, when; never the text).
/// </summary>
[Alias("MatchChat.ICrisisAlertsGrain")]
public interface ICrisisAlertsGrain : IGrainWithIntegerKey
{
    /// <summary>Newest first, at most <paramref name="limit"/>; <paramref name="status"/> null for all.</summary>
    [Alias("List")] Task<Alert[]> List(string? status, int limit);

    /// <summary>not_found for an unknown id, conflict when it was already acknowledged.</summary>
    [Alias("Acknowledge")] Task<Alert> Acknowledge(string moderatorId, string moderatorHandle, string alertId, string? note);

    /// <summary>The flagged message and up to 20 before it (empty for a request note), read from the message store directly.</summary>
    [Alias("Context")] Task<Message[]> Context(string moderatorId, string moderatorHandle, string alertId);
}
