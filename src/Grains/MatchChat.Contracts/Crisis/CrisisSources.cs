namespace MatchChat.Contracts.Crisis;

/// <summary>Where a flagged text came from: a request <c>note</c> or a <c>message</c> (contract <c>Alert.source</c>).</summary>
public static class CrisisSources
{
    public const string Note = "note";
    public const string Message = "message";
}
