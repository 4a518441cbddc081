namespace MatchChat.Contracts.Members;

public static class AgeGroups
{
    public const string Adult = "adult";
    public const string Teen = "teen";

    public static bool IsValid(string? value) => value is Adult or Teen;

    /// <summary>Whether a member of <paramref name="ageGroup"/> may see a topic or room for <paramref name="audience"/>.</summary>
    public static bool MayEnter(string ageGroup, string audience) => audience == "all" || audience == ageGroup;
}
