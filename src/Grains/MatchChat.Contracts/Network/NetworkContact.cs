namespace MatchChat.Contracts.Network;

/// <summary>
/// PROTOCOL.md <c>ListNetwork()</c>: a trusted contact, by handle only. <see cref="Topics"/>: the contact's listener topics
/// (empty when they do not listen); <see cref="Available"/>: they could take a chat with the caller now;
/// <see cref="LastTalkedAt"/>: when the last conversation between the two started.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchChat.NetworkContact")]
public sealed record NetworkContact(
    [property: Id(0)] string Handle,
    [property: Id(1)] string[] Topics,
    [property: Id(2)] bool Available,
    [property: Id(3)] DateTime LastTalkedAt);
