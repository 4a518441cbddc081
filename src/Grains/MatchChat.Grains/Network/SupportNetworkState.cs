namespace MatchChat.Grains.Network;

/// <summary>A member's trusted contacts; at most <c>ISupportNetworkGrain.MaxContacts</c>.</summary>
[GenerateSerializer, Alias("MatchChat.SupportNetworkState")]
public sealed class SupportNetworkState
{
    [Id(0)] public List<ContactEntry> Contacts { get; set; } = [];
}
