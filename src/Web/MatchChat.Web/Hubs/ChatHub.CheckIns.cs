using MatchChat.Contracts;
using MatchChat.Contracts.CheckIns;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Network;

namespace MatchChat.Web.Hubs;

/// <summary>ScheduleCheckIn, ListCheckIns, CancelCheckIn (PROTOCOL.md [network]); the event is <c>CheckInDue</c>.</summary>
public sealed partial class ChatHub
{
    private ICheckInGrain MyCheckIns => grains.Ref<ICheckInGrain>(MemberId);

    public async Task<ScheduledCheckIn> ScheduleCheckIn(ScheduleCheckInArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {inMinutes, note?, forHandle?}.");
        }

        if (args.InMinutes is not (>= 1 and <= ICheckInGrain.MaxMinutes) || args.InMinutes is not { } minutes)
        {
            throw MatchChatException.Invalid($"inMinutes must be a whole number from 1 to {ICheckInGrain.MaxMinutes:N0}.");
        }

        var note = InputRules.Note(args.Note);
        if (args.ForHandle is null)
        {
            return await MyCheckIns.Schedule(minutes, note, null, null);
        }

        var forHandle = InputRules.Handle(args.ForHandle, "forHandle");
        var forId = await grains.Ref<ISupportNetworkGrain>(MemberId).ContactId(forHandle);
        return await MyCheckIns.Schedule(minutes, note, forId, forHandle);
    }

    public Task<CheckIn[]> ListCheckIns() => MyCheckIns.List();

    public Task CancelCheckIn(string checkInId) => MyCheckIns.Cancel(InputRules.Id(checkInId, "checkInId"));
}
