using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Reports;

/// <summary>
/// One per report id (derived from reporter and message, so a repeat reaches the same grain and finds the first
/// report). No grain state: the report store holds the report. Calls out (channel history as the reporter, member
/// standing, the handle registry, suspension) are awaited; nothing calls back into this grain, so no cycle can form.
/// Logs carry the category and exception types only, never the reason, evidence or who.
/// </summary>
public sealed class ReportGrain(IReportStore store, TimeProvider time, ILogger<ReportGrain> logger) : Grain, IReportGrain
{
    /// <summary>The reported message and up to 20 before it.</summary>
    public const int EvidenceMessages = 21;

    public const string StandardWarning =
        "A moderator reviewed a report about your messages. Please keep to the community guidelines: be kind, and never harass, threaten or exploit anyone.";

    private string ReportId => this.GetPrimaryKeyString();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<string> File(ReportFiling filing)
    {
        if (ReportIds.For(filing.ReporterId, filing.Channel, filing.Seq) != ReportId)
        {
            throw MatchChatException.Invalid("That report does not match its id.");
        }

        if (filing.Seq is null && !ChannelGrains.IsConversation(filing.Channel))
        {
            throw MatchChatException.Invalid("In a room, report a message: send its seq.");
        }

        if (await Stored(store.GetAsync(ReportId)) is not null)
        {
            return ReportId;
        }

        var reporter = await GrainFactory.Ref<IMemberGrain>(filing.ReporterId).GetStanding();
        if (!reporter.Exists)
        {
            throw MatchChatException.NotFound("This member does not exist. Create a new member to continue.");
        }

        // Read as the reporter: the channel grain refuses (forbidden / not_found) what they cannot read, and the copy
        // holds only what they could see.
        var channel = ChannelGrains.Of(GrainFactory, filing.Channel);
        var evidence = await channel.History(filing.ReporterId, null, filing.Seq + 1, EvidenceMessages);
        var reportedHandle = filing.Seq is { } seq
            ? ReportedSender(evidence, seq, reporter.Handle)
            : await ConversationPeer(filing, evidence, reporter.Handle);
        var reportedId = reportedHandle is null ? null : await GrainFactory.Ref<IHandleGrain>(reportedHandle).Owner();

        var report = new StoredReport(ReportId, filing.ReporterId, reporter.Handle, reportedId, reportedHandle, filing.Channel, filing.Seq,
            filing.Category, filing.Reason, Now, evidence);
        var stored = await Stored(store.AddAsync(report));
        logger.LogInformation("Report filed ({Category})", filing.Category);
        _ = GrainFactory.Ref<IModeratorsGrain>(SingletonKeys.Moderators).ReportFiled(stored.ToReport(withEvidence: false));
        return ReportId;
    }

    public async Task Resolve(ReportDecision decision)
    {
        var report = await Stored(store.GetAsync(ReportId)) ?? throw MatchChatException.NotFound("There is no report with that id.");
        if (report.Status != ReportStatuses.Open)
        {
            throw MatchChatException.Conflict("This report was already resolved.");
        }

        if (report.ReportedId == decision.ModeratorId)
        {
            // A moderator reported by a member (as a listener, say) neither reads nor closes that report: another does.
            throw MatchChatException.Forbidden("This report is about you, so another moderator resolves it.");
        }

        if (decision.Action != ReportActions.None && report.ReportedId is null)
        {
            throw MatchChatException.Invalid("This report names no member to act on; resolve it with action none.");
        }

        var member = report.ReportedId is null ? null : GrainFactory.Ref<IMemberGrain>(report.ReportedId);
        var reason = decision.Note ?? $"A moderator acted on a report ({report.Category}).";
        try
        {
            if (decision.Action == ReportActions.Suspend)
            {
                await member!.Suspend(Now.AddMinutes(decision.Minutes!.Value), reason);
            }
            else if (decision.Action == ReportActions.Ban)
            {
                await member!.Suspend(null, reason);
            }
        }
        catch (MatchChatException e) when (e.Code == ErrorCodes.NotFound)
        {
            // The member grain's own sentence ("create a new member") is for the member, not for the moderator.
            throw MatchChatException.NotFound("The reported member has deleted their data, so there is nobody to suspend. Resolve the report with action none.");
        }

        var resolution = new ReportResolution(decision.Action, decision.Note, decision.ModeratorHandle, Now, decision.Minutes);
        if (!await Stored(store.ResolveAsync(ReportId, decision.ModeratorId, resolution)))
        {
            throw MatchChatException.Conflict("This report was already resolved.");
        }

        if (decision.Action == ReportActions.Warn)
        {
            // After the resolution is stored, so a failed resolve warns nobody. The reporter is never named.
            _ = member!.OnWarned(new Warned(decision.Note ?? StandardWarning));
        }

        logger.LogInformation("Report resolved ({Action})", decision.Action);
    }

    private static string ReportedSender(Message[] evidence, long seq, string reporterHandle)
    {
        if (evidence.Length == 0 || evidence[^1].Seq != seq)
        {
            throw MatchChatException.NotFound("There is no message with that seq in this channel.");
        }

        var sender = evidence[^1].SenderHandle;
        return sender == reporterHandle ? throw MatchChatException.Invalid("You cannot report your own message.") : sender;
    }

    /// <summary>A conversation reported as a whole: the other participant.</summary>
    private async Task<string?> ConversationPeer(ReportFiling filing, Message[] evidence, string reporterHandle)
    {
        var conversations = await GrainFactory.Ref<IMemberGrain>(filing.ReporterId).ListConversations();
        return conversations.FirstOrDefault(c => c.Channel == filing.Channel)?.PeerHandle
            ?? evidence.Select(m => m.SenderHandle).FirstOrDefault(h => h != reporterHandle);
    }

    private async Task<T> Stored<T>(Task<T> work)
    {
        try
        {
            return await work;
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            logger.LogWarning("Report store failed ({ExceptionType})", e.GetType().Name);
            throw MatchChatException.Unavailable("Reports cannot be reached just now. Please try again in a moment.");
        }
    }
}
