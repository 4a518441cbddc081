using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>Prototype vectors of one kind: crisis groups carry the reason they stand for; the safe group carries <see cref="CrisisReason.None"/>.</summary>
internal sealed record PrototypeGroup(CrisisReason Reason, bool Safe, float[][] Vectors);
