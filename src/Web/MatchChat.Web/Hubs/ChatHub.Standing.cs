using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Web.Safety;

namespace MatchChat.Web.Hubs;

/// <summary>
/// Member standing (PROTOCOL.md "Trust and safety" and "Deletion and retention"): moderators suspend, ban and lift
/// suspensions and approve adult listeners for teens; every member can delete their data. Every check happens before a
/// grain changes anything, so a refused call changes nothing.
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>
    /// Moderators only. Suspends the member for <c>minutes</c>, or bans them without. A moderator cannot suspend
    /// themself; a moderator may suspend another moderator (the role does not protect from suspension).
    /// </summary>
    public async Task Suspend(SuspendArgs? args)
    {
        await RequireModerator();
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {handle, minutes?, reason}.");
        }

        var handle = InputRules.Handle(args.Handle);
        var minutes = StandingRules.Minutes(args.Minutes);
        var reason = StandingRules.Reason(args.Reason);
        var target = await OtherMember(handle, "You cannot suspend yourself.");
        DateTime? until = minutes is { } m ? time.GetUtcNow().UtcDateTime.AddMinutes(m) : null;
        await grains.Ref<IMemberGrain>(target).Suspend(until, reason);
    }

    /// <summary>Moderators only. Lifts a suspension or ban at once; nothing happens when there is none.</summary>
    public async Task Unsuspend(string handle)
    {
        await RequireModerator();
        var target = await OtherMember(InputRules.Handle(handle), "You cannot lift a suspension of your own.");
        await grains.Ref<IMemberGrain>(target).Unsuspend();
    }

    /// <summary>Moderators only. The adult listener's <c>acceptsTeens</c> takes effect: they may be offered teen seekers.</summary>
    public async Task<TeenApprovalResult> ApproveTeenListener(string handle)
    {
        await RequireModerator();
        var valid = InputRules.Handle(handle);
        // Approval is another person's check (an outside probe: a moderator approved themself to hear teens).
        var target = await HandleDirectory.RequireAsync(grains, valid);
        if (target == MemberId)
        {
            throw MatchChatException.Forbidden("Another moderator must approve you to listen to teens.");
        }

        var profile = await grains.Ref<IMemberGrain>(target).ApproveTeenListener();
        return new TeenApprovalResult(valid, profile.TeenApproval);
    }

    /// <summary>Moderators only. The adult listeners waiting for teen approval, oldest first (at most 200).</summary>
    public async Task<PendingTeenListener[]> ListTeenApprovals()
    {
        await RequireModerator();
        return await grains.Ref<ITeenApprovalListGrain>(ITeenApprovalListGrain.Key).List(200);
    }

    /// <summary>Moderators only. Undoes an approval; the listener's open offers of teen seekers are withdrawn at once.</summary>
    public async Task<TeenApprovalResult> RevokeTeenListener(string handle)
    {
        await RequireModerator();
        var valid = InputRules.Handle(handle);
        var profile = await grains.Ref<IMemberGrain>(await HandleDirectory.RequireAsync(grains, valid)).RevokeTeenListener();
        return new TeenApprovalResult(valid, profile.TeenApproval);
    }

    /// <summary>
    /// Deletes the caller's data (as <c>DELETE /api/members/me</c>): their connections on every node close a moment
    /// after this answers (this one only once the answer is in hand), and their token is refused from then on.
    /// </summary>
    public Task DeleteMe() => closer.AnswerThenClose(Context.ConnectionId, MemberId, EndReasons.Deleted, Me.Delete);

    private async Task<string> OtherMember(string handle, string ifSelf)
    {
        var target = await HandleDirectory.RequireAsync(grains, handle);
        return target == MemberId ? throw MatchChatException.Invalid(ifSelf) : target;
    }
}
