namespace MatchChat.Contracts.Members;

/// <summary>Key: a handle such as QuietHarbor-417. Makes handles unique without a global coordinator.</summary>
[Alias("MatchChat.IHandleGrain")]
public interface IHandleGrain : IGrainWithStringKey
{
    /// <summary>True when the handle is now (or already was) owned by <paramref name="memberId"/>.</summary>
    [Alias("Claim")] Task<bool> Claim(string memberId);

    /// <summary>
    /// Gives the handle up if <paramref name="memberId"/> owns it, so it can be claimed again; otherwise nothing changes.
    /// For a member whose creation failed after the claim: that member id was never handed out, so nobody can act as it.
    /// </summary>
    [Alias("Release")] Task Release(string memberId);

    /// <summary>The member id that owns the handle, or null. Never sent to a client.</summary>
    [Alias("Owner"), ReadOnly] Task<string?> Owner();
}
