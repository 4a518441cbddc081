using MatchChat.Contracts.Listening;

namespace MatchChat.Web.Hubs;

/// <summary><c>Volunteer({topics, experiences, maxConcurrentChats, acceptsTeens?})</c>; [network] <c>agreedToGuide?</c>, <c>schedule?</c> (ChatHub.Listening.cs).</summary>
public sealed record VolunteerArgs(string[]? Topics, string[]? Experiences, int? MaxConcurrentChats, bool? AcceptsTeens, string? Bio = null)
{
    public bool? AgreedToGuide { get; init; }
    public WeeklySchedule? Schedule { get; init; }
}
