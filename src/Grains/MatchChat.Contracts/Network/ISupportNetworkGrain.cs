namespace MatchChat.Contracts.Network;

/// <summary>
/// Key: member id. The member's trusted contacts (PROTOCOL.md [network]), at most <see cref="MaxContacts"/>, kept in a grain
/// of its own (off the matching hot path). It calls conversation and member grains (awaited) and nothing calls it back
/// awaited except deletion's <see cref="Clear"/>, which calls nobody; so no call cycle can form.
/// A contact who blocked the member, or whom the member blocked, or who deleted their data, is dropped when next read.
/// </summary>
[Alias("MatchChat.ISupportNetworkGrain")]
public interface ISupportNetworkGrain : IGrainWithStringKey
{
    /// <summary>The most contacts one member can keep.</summary>
    public const int MaxContacts = 200;

    /// <summary>The peer of a conversation the member took part in becomes a contact; adding again refreshes it.</summary>
    [Alias("Add")] Task Add(string conversationId);

    /// <summary>not_found when the handle is not in the network.</summary>
    [Alias("Remove")] Task Remove(string handle);

    /// <summary>Most recently talked to first.</summary>
    [Alias("List")] Task<NetworkContact[]> List();

    /// <summary>The member id behind a contact's handle (for preferHandle and forHandle); not_found when not a contact (or dropped now).</summary>
    [Alias("ContactId")] Task<string> ContactId(string handle);

    /// <summary>Erases the network (the member's deletion). Calls no other grain.</summary>
    [Alias("Clear")] Task Clear();
}
