using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Messaging;

namespace MatchChat.Web.Hubs;

/// <summary>[crisis] Moderators' alert methods. Detection itself runs in the silo (the crisis screen grain), not here.</summary>
public sealed partial class ChatHub
{
    private ICrisisAlertsGrain Alerts => grains.Ref<ICrisisAlertsGrain>(0);

    public async Task<Alert[]> ListAlerts(ListAlertsArgs? args)
    {
        var status = args?.Status;
        if (status is not null && !AlertStatuses.IsValid(status))
        {
            throw MatchChatException.Invalid("status must be \"open\" or \"acknowledged\", or left out for all alerts.");
        }

        await RequireModeratorHere();
        return await Alerts.List(status, int.MaxValue);
    }

    public async Task<Alert> AcknowledgeAlert(AcknowledgeAlertArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {alertId, note?}.");
        }

        var alertId = InputRules.Id(args.AlertId, "alertId");
        var note = InputRules.Note(args.Note);
        var moderator = await RequireModeratorHere();
        return await Alerts.Acknowledge(MemberId, moderator.Handle, alertId, note);
    }

    public async Task<Message[]> GetAlertContext(string alertId)
    {
        var id = InputRules.Id(alertId, "alertId");
        var moderator = await RequireModeratorHere();
        return await Alerts.Context(MemberId, moderator.Handle, id);
    }

    /// <summary>A moderator now: this connection also gets moderator events from here on (a role granted after it opened).</summary>
    private async Task<Contracts.Members.MemberStanding> RequireModeratorHere()
    {
        var standing = await RequireModerator();
        await moderators.TrackAsync(MemberId, Context.ConnectionId);
        return standing;
    }
}
