namespace MatchChat.Contracts.CheckIns;

/// <summary>What a member grain did with a due check-in.</summary>
[GenerateSerializer]
public enum CheckInDelivery
{
    /// <summary>Handed to at least one web node holding the member's connections.</summary>
    Delivered = 0,

    /// <summary>No connection now: keep it for the next one.</summary>
    Offline = 1,

    /// <summary>Never to be delivered: the member no longer exists, or blocked the sender.</summary>
    Refused = 2,
}
