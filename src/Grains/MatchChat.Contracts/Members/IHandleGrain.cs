namespace MatchChat.Contracts.Members;

/// <summary>Key: a handle such as QuietHarbor-417. Makes handles unique without a global coordinator.</summary>
[Alias("MatchChat.IHandleGrain")]
public interface IHandleGrain : IGrainWithStringKey
{
    /// <summary>True when the handle is now (or already was) owned by <paramref name="memberId"/>.</summary>
    [Alias("Claim")] Task<bool> Claim(string memberId);
}
