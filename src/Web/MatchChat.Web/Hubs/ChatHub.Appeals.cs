using MatchChat.Contracts;
using MatchChat.Contracts.Appeals;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Hubs;

/// <summary>
/// [trust] Moderators' appeal methods (docs/PROTOCOL.md "Additions: appeals"): the open appeals of suspended or banned
/// members, oldest first, and a decision on one (lift the suspension, or keep it with a note the member reads).
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>At most this many open appeals are listed at once, oldest first.</summary>
    public const int ListedAppeals = 200;

    private IAppealListGrain AppealList => grains.Ref<IAppealListGrain>(IAppealListGrain.Key);

    public async Task<Appeal[]> ListAppeals()
    {
        await RequireModerator();
        var memberIds = await AppealList.List(ListedAppeals);
        var appeals = await Task.WhenAll(memberIds.Select(id => grains.Ref<IMemberGrain>(id).GetAppeal()));
        foreach (var (id, appeal) in memberIds.Zip(appeals))
        {
            if (appeal is not { Status: AppealStatuses.Open })
            {
                // Its suspension ended on its own clock (or it was deleted): nothing left to decide, so off the list.
                _ = AppealList.Remove(id);
            }
        }

        return [.. appeals.OfType<Appeal>().Where(a => a.Status == AppealStatuses.Open)];
    }

    public async Task<Appeal> DecideAppeal(DecideAppealArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {appealId, decision, note?}.");
        }

        var appealId = InputRules.Id(args.AppealId, "appealId");
        if (!AppealStatuses.IsDecision(args.Decision))
        {
            throw MatchChatException.Invalid("decision must be \"lift\" (end the suspension) or \"uphold\" (keep it).");
        }

        var note = InputRules.Note(args.Note);
        var moderator = await RequireModerator();
        var memberId = await AppealList.Find(appealId)
            ?? throw MatchChatException.NotFound("There is no open appeal with that id. ListAppeals shows them.");
        if (memberId == MemberId)
        {
            throw MatchChatException.Forbidden("Another moderator must decide an appeal of your own.");
        }

        return await grains.Ref<IMemberGrain>(memberId).DecideAppeal(appealId, args.Decision!, moderator.Handle, note);
    }
}

/// <summary><c>DecideAppeal({appealId, decision: "lift"|"uphold", note?})</c>.</summary>
public sealed record DecideAppealArgs(string? AppealId, string? Decision, string? Note);
