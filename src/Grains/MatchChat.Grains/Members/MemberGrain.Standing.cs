using MatchChat.Contracts.Conversations;
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
        ? new MemberStanding(true, S.Moderator, S.Handle!, S.AgeGroup, Standing.Suspended, S.Banned ? null : S.SuspendedUntil)
        : MemberStanding.Missing);

    public Task<SuspensionNotice?> GetSuspension()
    {
        RequireMember();
        return Task.FromResult(Standing.Notice());
    }

    public Task Suspend(DateTime? until, string reason)
    {
        RequireMember();
        return Standing.Suspend(until, reason);
    }

    public Task Unsuspend()
    {
        RequireMember();
        return Standing.Unsuspend();
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
