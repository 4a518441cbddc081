using MatchChat.Contracts.Appeals;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members/me/standing</c>'s answer: <c>{status: "active", until: null, reason: null, appeal: null}</c> (or
/// with the lifted appeal that ended the member's last suspension), or
/// <c>{status: "suspended", until, reason, appeal}</c> (<c>until</c> null for a ban; <c>appeal</c> the member's appeal of
/// this suspension, or null).
/// </summary>
public sealed record MemberStandingResponse(string Status, DateTime? Until, string? Reason, MemberAppealView? Appeal = null)
{
    public static MemberStandingResponse Active { get; } = new("active", null, null);

    /// <summary>
    /// Active again with a lifted appeal: that appeal, so the member reads the moderator's note (an outside probe: a
    /// lift's note could never be seen, the member being back in good standing at once).
    /// </summary>
    public static MemberStandingResponse From(SuspensionNotice? notice, Appeal? appeal = null) => notice is not null
        ? new MemberStandingResponse("suspended", notice.Until, notice.Reason, MemberAppealView.From(appeal))
        : appeal is { Status: AppealStatuses.Lifted } ? Active with { Appeal = MemberAppealView.From(appeal) } : Active;
}

/// <summary>
/// A member's own view of their appeal: <c>{appealId, status: "open"|"lifted"|"upheld", createdAt, decidedAt, note}</c>;
/// <c>note</c> is what the deciding moderator wrote to them. It never names the moderator.
/// </summary>
public sealed record MemberAppealView(string AppealId, string Status, DateTime CreatedAt, DateTime? DecidedAt, string? Note)
{
    public static MemberAppealView? From(Appeal? appeal) =>
        appeal is null ? null : new MemberAppealView(appeal.AppealId, appeal.Status, appeal.CreatedAt, appeal.DecidedAt, appeal.Note);
}
