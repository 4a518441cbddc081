using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Hubs;

/// <summary>What moderator-only hub methods share.</summary>
public sealed partial class ChatHub
{
    /// <summary>
    /// Throws forbidden unless the caller holds the moderator role now and is not suspended: read from the member grain
    /// on every call, so a grant, a revocation or a suspension takes effect on open connections without a reconnect (an
    /// outside probe: a moderator suspended by another suspended them back on their still-open connection in the quarter
    /// second before it closed).
    /// </summary>
    private async Task<MemberStanding> RequireModerator()
    {
        var standing = await Me.GetStanding();
        if (!standing.Moderator)
        {
            throw MatchChatException.Forbidden("Only moderators can do this.");
        }

        return standing.Suspended
            ? throw MatchChatException.Forbidden("Your account is suspended by a moderator for now, so you cannot moderate.")
            : standing;
    }
}
