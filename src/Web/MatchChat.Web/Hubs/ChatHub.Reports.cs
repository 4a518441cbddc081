using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;

namespace MatchChat.Web.Hubs;

/// <summary>Reports (PROTOCOL.md, Trust and safety): members file, moderators list and resolve.</summary>
public sealed partial class ChatHub
{
    /// <summary>The most reports ListReports returns (newest first).</summary>
    public const int MaxReportsListed = 200;

    /// <summary>A suspension through ResolveReport lasts 1 minute to a year; ban has no end.</summary>
    public const int MaxSuspensionMinutes = 525_600;

    public async Task<ReportReceipt> Report(ReportArgs? report)
    {
        if (report is null)
        {
            throw MatchChatException.Invalid("Send {channel, seq?, category, reason}.");
        }

        var channel = InputRules.Channel(report.Channel, topics);
        if (report.Seq is < 1)
        {
            throw MatchChatException.Invalid("seq must be the seq of a message (1 or more).");
        }

        if (report.Seq is null && channel.StartsWith(Channels.RoomPrefix, StringComparison.Ordinal))
        {
            throw MatchChatException.Invalid("In a room, report a message: send its seq.");
        }

        if (!ReportCategories.IsValid(report.Category))
        {
            throw MatchChatException.Invalid($"category must be one of {string.Join(", ", ReportCategories.All)}.");
        }

        // The reason may be empty: the category and the evidence speak for themselves.
        var reason = InputRules.Note(report.Reason, "reason") ?? "";
        if (!reports.Limiter.TryAcquire(MemberId))
        {
            throw new MatchChatException(ErrorCodes.RateLimited, "You have sent many reports in a short time. Wait a few minutes, then report again.");
        }

        var id = ReportIds.For(MemberId, channel, report.Seq);
        var filed = await grains.Ref<IReportGrain>(id).File(new ReportFiling(MemberId, channel, report.Seq, report.Category!, reason));
        return new ReportReceipt(filed);
    }

    public async Task<Report[]> ListReports(ListReportsArgs? query)
    {
        var moderator = await RequireModerator();
        var status = query?.Status;
        if (status is not null && !ReportStatuses.IsValid(status))
        {
            throw MatchChatException.Invalid("status must be open or resolved, or left out for all.");
        }

        await reports.Moderators.TrackAsync(MemberId, Context.ConnectionId);
        return await grains.Ref<IReportListGrain>(0).List(MemberId, moderator.Handle, status, MaxReportsListed);
    }

    public async Task ResolveReport(ResolveReportArgs? decision)
    {
        var moderator = await RequireModerator();
        if (decision is null)
        {
            throw MatchChatException.Invalid("Send {reportId, action, minutes?, note?}.");
        }

        var reportId = InputRules.Id(decision.ReportId, "reportId");
        if (!ReportActions.IsValid(decision.Action))
        {
            throw MatchChatException.Invalid($"action must be one of {string.Join(", ", ReportActions.All)}.");
        }

        if (decision.Action == ReportActions.Suspend && decision.Minutes is not (>= 1 and <= MaxSuspensionMinutes))
        {
            throw MatchChatException.Invalid($"suspend needs minutes, from 1 to {MaxSuspensionMinutes}; use ban for a suspension without end.");
        }

        if (decision.Action != ReportActions.Suspend && decision.Minutes is not null)
        {
            throw MatchChatException.Invalid("minutes is only for action suspend.");
        }

        var note = InputRules.Note(decision.Note);
        await reports.Moderators.TrackAsync(MemberId, Context.ConnectionId);
        await grains.Ref<IReportGrain>(reportId).Resolve(new ReportDecision(MemberId, moderator.Handle, decision.Action!, decision.Minutes, note));
    }
}
