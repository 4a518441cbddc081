namespace MatchChat.Contracts.Crisis;

/// <summary>How a text read (PROTOCOL.md [crisis]): <c>crisis</c> or <c>concern</c>; neither is not sent anywhere.</summary>
public static class CrisisLevels
{
    public const string Crisis = "crisis";
    public const string Concern = "concern";
}
