namespace MatchChat.Contracts.Gratitude;

/// <summary>A thank-you's rating: 1 to 5.</summary>
public static class Ratings
{
    public const int Min = 1;
    public const int Max = 5;

    public static bool IsValid(int rating) => rating is >= Min and <= Max;
}
