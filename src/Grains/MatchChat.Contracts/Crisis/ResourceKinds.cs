namespace MatchChat.Contracts.Crisis;

/// <summary>Resource kinds in the order they are shown: crisis lines first.</summary>
public static class ResourceKinds
{
    public const string Crisis = "crisis";
    public const string Helpline = "helpline";
    public const string Professional = "professional";
    public const string Community = "community";

    public static readonly IReadOnlyList<string> InOrder = [Crisis, Helpline, Professional, Community];

    public static int Rank(string kind)
    {
        for (var i = 0; i < InOrder.Count; i++)
        {
            if (string.Equals(InOrder[i], kind, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return InOrder.Count;
    }
}
