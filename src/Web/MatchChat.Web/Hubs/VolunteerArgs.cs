namespace MatchChat.Web.Hubs;

/// <summary><c>Volunteer({topics, experiences, maxConcurrentChats, acceptsTeens?})</c>.</summary>
public sealed record VolunteerArgs(string[]? Topics, string[]? Experiences, int? MaxConcurrentChats, bool? AcceptsTeens);
