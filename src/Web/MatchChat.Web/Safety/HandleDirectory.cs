using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Safety;

/// <summary>
/// Turns a handle that a member or the operator names into the member behind it. The mapping stays on the server:
/// it is never sent to a client and never logged.
/// </summary>
public static class HandleDirectory
{
    /// <summary>Letters, digits and '-', 1 to 64: the shape of every handle the server hands out.</summary>
    public static bool LooksValid(string? handle) =>
        handle is { Length: > 0 and <= 64 } && handle.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The member id that owns <paramref name="handle"/>, or null when nobody does.</summary>
    public static async Task<string?> FindAsync(IGrainFactory grains, string handle)
    {
        var memberId = await grains.Ref<IHandleGrain>(handle).Owner();
        if (memberId is null)
        {
            return null;
        }

        // A claim whose member was never created (creation failed after the claim) is not a member.
        var standing = await grains.Ref<IMemberGrain>(memberId).GetStanding();
        return standing.Exists ? memberId : null;
    }

    /// <summary>As <see cref="FindAsync"/>, or not_found with a sentence for the client.</summary>
    public static async Task<string> RequireAsync(IGrainFactory grains, string handle) =>
        await FindAsync(grains, handle) ?? throw MatchChatException.NotFound("No member has that handle. Check it and try again.");
}
