using MatchChat.Contracts.Members;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members/me/standing</c>'s answer: <c>{status: "active", until: null, reason: null}</c>, or
/// <c>{status: "suspended", until, reason}</c> (<c>until</c> null for a ban).
/// </summary>
public sealed record MemberStandingResponse(string Status, DateTime? Until, string? Reason)
{
    public static MemberStandingResponse Active { get; } = new("active", null, null);

    public static MemberStandingResponse From(SuspensionNotice? notice) =>
        notice is null ? Active : new MemberStandingResponse("suspended", notice.Until, notice.Reason);
}
