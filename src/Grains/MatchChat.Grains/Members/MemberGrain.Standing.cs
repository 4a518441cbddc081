using MatchChat.Contracts.Appeals;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Grains.Members;

/// <summary>
/// The member grain's standing calls (suspension, deletion, teen-listener approval): one-line entries into
/// <see cref="StandingRole"/> and <see cref="TeenApprovalRole"/>, which hold the behaviour.
/// </summary>
public sealed partial class MemberGrain
{
    private StandingRole? _standing;
    private TeenApprovalRole? _teens;

    private StandingRole Standing => _standing ??= new StandingRole(this, _listener,
        ServiceProvider.GetRequiredService<IMessageStore>(), ServiceProvider.GetServices<IMemberErasure>());

    private TeenApprovalRole Teens => _teens ??= new TeenApprovalRole(this, _listener);

    public Task<MemberStanding> GetStanding() => Task.FromResult(S.Exists
        // A teen never acts as a moderator (every moderator check reads this), even one granted the role before the
        // operator's API refused it.
        ? new MemberStanding(true, S.Moderator && S.AgeGroup != AgeGroups.Teen, S.Handle!, S.AgeGroup, Standing.Suspended, S.Banned ? null : S.SuspendedUntil)
        : MemberStanding.Missing);

    public Task<SuspensionNotice?> GetSuspension()
    {
        RequireMember();
        return Task.FromResult(Standing.Notice());
    }

    /// <summary>The listener's profile; the moderators' list of listeners waiting for teen approval follows it.</summary>
    public Task<ListenerProfile> Volunteer(string[] topicSlugs, string[] experiences, int maxConcurrentChats, bool? acceptsTeens, string? bio = null) =>
        Run(async () =>
        {
            var wasListed = Teens.Listed;
            var wasApproved = TeenApprovalRole.Approved(S);
            var profile = await Told(_listener.Volunteer(topicSlugs, experiences, maxConcurrentChats, acceptsTeens, bio));
            if (wasApproved && !TeenApprovalRole.Approved(S))
            {
                // Unticking acceptsTeens ends the approval: the teen offers on screen go, as when a moderator revokes it.
                await Teens.WithdrawTeenOffers();
            }

            await Teens.TellList(wasListed);
            return profile;
        });

    public async Task Suspend(DateTime? until, string reason)
    {
        RequireMember();
        if (Standing.Outlasts(until))
        {
            // A suspension never shortens the one in force (an outside probe: a report resolved with a minute's
            // suspension turned a ban into a minute, and its reason into "a short break"). A repeated ban is a retry:
            // it finishes the withdrawal a failed first try left; a shorter one is refused, saying what to do.
            await Standing.WithdrawAgain();
            if (until is not null)
            {
                throw MatchChatException.Conflict(S.Banned
                    ? "That member is banned. Lift the ban first to give a shorter suspension."
                    : "That member is suspended until later already. Lift it first to give a shorter suspension.");
            }

            return;
        }

        var wasListed = Teens.Listed;
        if (!SameSuspensionAgain(until, reason))
        {
            // A new suspension starts without an appeal. The same one given again (a retry) keeps the member's open
            // appeal for a moderator to decide (an outside probe: a retried Suspend dropped it from the moderators' list).
            await ClearAppealOnSuspend();
        }

        await Standing.Suspend(until, reason);
        await Teens.TellList(wasListed);
    }

    /// <summary>A retry of the timed suspension in force, with its appeal open: the same reason, ending within ten minutes of
    /// it. A ban, another reason or a much longer term is a new suspension.</summary>
    private bool SameSuspensionAgain(DateTime? until, string reason) =>
        S.Appeal is { Status: AppealStatuses.Open } && !S.Banned && S.SuspendedUntil is { } current && current > Now
        && until is { } next && (next - current).Duration() <= TimeSpan.FromMinutes(10) && S.SuspensionReason == reason;

    public async Task Unsuspend()
    {
        RequireMember();
        await CloseAppealOnLift();
        await Standing.Unsuspend();
        await Teens.TellList(wasListed: false);
    }

    /// <summary>
    /// An adult who offers to hear teens tells the moderators' list where they stand once per activation: listeners who
    /// asked before the list existed appear, a timed suspension that ended on the clock is listed again, and an update
    /// that failed is made good. One-shot, a moment after activation, so activation itself never waits for the list.
    /// </summary>
    private void TellTeenListAfterActivation()
    {
        if (S.AgeGroup != AgeGroups.Adult || S.Listener is not { AcceptsTeens: true })
        {
            return;
        }

        this.RegisterGrainTimer(
            _ => S.Exists ? Teens.TellList(wasListed: true) : Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    /// <summary>Harmless when already deleted.</summary>
    public Task Delete() => S.DeletedAt is not null ? Task.CompletedTask : Run(Standing.Delete, inGoodStanding: false);

    public Task<ListenerProfile> ApproveTeenListener() => Run(Teens.Approve, inGoodStanding: false);

    public Task<ListenerProfile> RevokeTeenListener() => Run(Teens.Revoke, inGoodStanding: false);

    /// <summary>Exists and (unless <paramref name="inGoodStanding"/> is false) is not suspended.</summary>
    private Task<T> Run<T>(Func<Task<T>> action, bool inGoodStanding)
    {
        RequireMember();
        if (inGoodStanding)
        {
            Standing.RequireInGoodStanding();
        }

        return action();
    }

    private Task Run(Func<Task> action, bool inGoodStanding) => Run(async () =>
    {
        await action();
        return true;
    }, inGoodStanding);

    /// <summary>Every call a member makes for themself: they exist and are not suspended (forbidden).</summary>
    private void RequireActive()
    {
        RequireMember();
        Standing.RequireInGoodStanding();
    }

    private async Task OnStartedInStanding(Conversation conversation, string requestId)
    {
        if (!await Standing.EndIfOutOfStanding(conversation))
        {
            await _chats.OnStarted(conversation, requestId);
        }
    }
}
