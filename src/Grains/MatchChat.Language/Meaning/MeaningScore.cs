using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>
/// Highest cosine similarity to a crisis prototype (and which kind), and to a safe prototype; and the exemplar bank's
/// nearest-neighbour score (mean top-k to crisis exemplars minus mean top-k to safe ones) with the nearest crisis kind.
/// </summary>
public readonly record struct MeaningScore(float Crisis, CrisisReason Nearest, float Safe, float Neighbours = 0, CrisisReason NeighbourReason = CrisisReason.None)
{
    public float Margin => Crisis - Safe;
}
