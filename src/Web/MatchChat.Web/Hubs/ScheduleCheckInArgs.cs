namespace MatchChat.Web.Hubs;

/// <summary><c>ScheduleCheckIn({inMinutes, note?, forHandle?})</c>.</summary>
public sealed record ScheduleCheckInArgs(int? InMinutes, string? Note, string? ForHandle);
