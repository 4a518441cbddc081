using MatchChat.Contracts;
using MatchChat.Contracts.Appeals;
using MatchChat.Contracts.Errors;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>
/// [trust] Appeals: a suspended or banned member asks once per suspension for a moderator's review; a moderator lifts the
/// suspension or keeps it, with an optional note the member reads. The appeal lives in the member's state (a new
/// suspension clears it); the open ones are also on <see cref="IAppealListGrain"/>, so moderators can list them.
/// </summary>
public sealed partial class MemberGrain
{
    private IAppealListGrain AppealList => GrainFactory.GetGrain<IAppealListGrain>(IAppealListGrain.Key);

    public async Task<Appeal> FileAppeal(string text)
    {
        RequireMember();
        if (Standing.Notice() is not { } notice)
        {
            throw MatchChatException.Conflict("Your account is not suspended: there is nothing to appeal.");
        }

        if (S.Appeal is { } filed)
        {
            throw MatchChatException.Conflict(filed.Status == AppealStatuses.Open
                ? "You have already asked for a review of this suspension. A moderator will read it."
                : "A moderator has already reviewed this suspension.");
        }

        var appeal = new Appeal(Ids.New(), S.Handle!, text, AppealStatuses.Open, Now, notice.Until, notice.Reason, null, null, null);
        // Listed first: an appeal in the member's state that moderators cannot see would leave the member waiting for nobody.
        if (!await AppealList.Add(appeal.AppealId, MemberId, Now))
        {
            throw MatchChatException.Unavailable("Appeals cannot be taken just now. Please try again later.");
        }

        try
        {
            await _writes.Change(s => s.Appeal = appeal);
        }
        catch
        {
            await AppealList.Remove(MemberId);
            throw;
        }

        logger.LogInformation("Member appealed a suspension");
        return appeal;
    }

    /// <summary>Null when there is none, or when it was never decided and its suspension is over (nothing left to decide).</summary>
    public Task<Appeal?> GetAppeal() => Task.FromResult(
        S.Exists && S.Appeal is { } appeal && (appeal.Status != AppealStatuses.Open || Standing.Suspended) ? appeal : null);

    public async Task<Appeal> DecideAppeal(string appealId, string decision, string moderatorHandle, string? note)
    {
        if (!S.Exists || S.Appeal is not { } appeal || appeal.AppealId != appealId)
        {
            throw MatchChatException.NotFound("There is no appeal with that id. ListAppeals shows the open ones.");
        }

        if (appeal.Status != AppealStatuses.Open)
        {
            throw MatchChatException.Conflict($"That appeal was already decided ({appeal.Status}).");
        }

        if (!Standing.Suspended)
        {
            await AppealList.Remove(MemberId);
            throw MatchChatException.Conflict("That suspension has already ended: there is nothing left to decide.");
        }

        var lift = decision == AppealStatuses.Lift;
        var decided = appeal with
        {
            Status = lift ? AppealStatuses.Lifted : AppealStatuses.Upheld,
            DecidedBy = moderatorHandle,
            DecidedAt = Now,
            Note = note,
        };
        if (lift)
        {
            // The suspension ends first: a failure after it leaves an open appeal of a member no longer suspended (off
            // the list, nothing to decide), never a "lifted" appeal of a member still suspended.
            await Standing.Unsuspend();
            await Teens.TellList(wasListed: false);
        }

        await _writes.Change(s => s.Appeal = decided);

        await AppealList.Remove(MemberId);
        logger.LogInformation("A moderator decided an appeal ({Decision})", decided.Status);
        return decided;
    }

    /// <summary>A suspension lifted outside an appeal (<c>Unsuspend</c>) closes the open appeal as lifted.</summary>
    private async Task CloseAppealOnLift()
    {
        if (S.Appeal is { Status: AppealStatuses.Open } open)
        {
            await _writes.Change(s => s.Appeal = open with { Status = AppealStatuses.Lifted, DecidedAt = Now });
            await AppealList.Remove(MemberId);
        }
    }

    /// <summary>A new suspension starts without an appeal (the old one, open or decided, was about another rule).</summary>
    private async Task ClearAppealOnSuspend()
    {
        if (S.Appeal is { } old)
        {
            await _writes.Change(s => s.Appeal = null);
            if (old.Status == AppealStatuses.Open)
            {
                await AppealList.Remove(MemberId);
            }
        }
    }
}
