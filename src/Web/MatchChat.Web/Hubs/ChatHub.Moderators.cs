using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Hubs;

/// <summary>What moderator-only hub methods share.</summary>
public sealed partial class ChatHub
{
    /// <summary>
    /// Throws forbidden unless the caller holds the moderator role now: read from the member grain on every call, so a
    /// grant or a revocation by the operator takes effect on open connections without a reconnect.
    /// </summary>
    private async Task<MemberStanding> RequireModerator()
    {
        var standing = await Me.GetStanding();
        return standing.Moderator
            ? standing
            : throw MatchChatException.Forbidden("Only moderators can do this.");
    }
}
