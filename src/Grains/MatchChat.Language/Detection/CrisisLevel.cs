namespace MatchChat.Language.Detection;

/// <summary>How a text reads: ordered, so the higher of two readings is <c>Math.Max</c>.</summary>
public enum CrisisLevel
{
    None = 0,
    Concern = 1,
    Crisis = 2,
}
