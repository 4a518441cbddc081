using MatchChat.Grains.Members;

namespace MatchChat.Tests.Safety;

/// <summary>
/// What a suspended member is told: the moderator's words only when they were typed as the member's to read. A reason
/// stored before the notice existed was written for moderators only (it may name who reported) and stays theirs.
/// </summary>
public sealed class SuspensionNoticeRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_reason_stored_before_the_notice_existed_is_replaced_by_a_standard_sentence()
    {
        var old = new MemberState { Handle = "H-1", SuspendedUntil = Now.AddHours(1), SuspensionReason = "Reported by QuietHarbor-417: see the evidence." };
        var notice = StandingRole.NoticeOf(old, Now)!;
        Assert.Equal("A moderator suspended your account.", notice.Reason);
        Assert.Equal(Now.AddHours(1), notice.Until);

        var oldBan = new MemberState { Handle = "H-2", Banned = true, SuspensionReason = "Reported by QuietHarbor-417." };
        Assert.Equal("A moderator banned your account.", StandingRole.NoticeOf(oldBan, Now)!.Reason);
        Assert.Null(StandingRole.NoticeOf(oldBan, Now)!.Until);
    }

    [Fact]
    public void A_reason_typed_for_the_member_is_shown_and_an_ended_suspension_tells_nothing()
    {
        var typed = new MemberState { Handle = "H-3", SuspendedUntil = Now.AddMinutes(5), SuspensionReason = "Insults in the stress room.", SuspensionReasonForMember = true };
        Assert.Equal("Insults in the stress room.", StandingRole.NoticeOf(typed, Now)!.Reason);
        Assert.Null(StandingRole.NoticeOf(typed, Now.AddMinutes(5)));
    }
}
