using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>Highest cosine similarity to a crisis prototype (and which kind), and to a safe prototype.</summary>
public readonly record struct MeaningScore(float Crisis, CrisisReason Nearest, float Safe)
{
    public float Margin => Crisis - Safe;
}
