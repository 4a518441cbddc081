using MatchChat.Contracts.Crisis;

namespace MatchChat.Grains.Crisis;

/// <summary>An alert as stored: the contract's <see cref="Alert"/>, whose member it concerns, and the acknowledgement's note and time.</summary>
public sealed record StoredAlert(Alert Alert, string MemberId, string? AcknowledgedNote = null, DateTime? AcknowledgedAt = null);
