using MatchChat.Contracts.Crisis;

namespace MatchChat.Grains.Crisis;

/// <summary>What acknowledging did: <see cref="Alert"/> null when there is no such alert; <see cref="Changed"/> false when it was already acknowledged.</summary>
public sealed record AcknowledgeOutcome(Alert? Alert, bool Changed);
