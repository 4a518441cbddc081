namespace MatchChat.Web.Hubs;

/// <summary><c>Volunteer({topics, experiences, maxConcurrentChats, acceptsTeens?, bio?})</c>; <c>bio</c> [network].</summary>
public sealed record VolunteerArgs(string[]? Topics, string[]? Experiences, int? MaxConcurrentChats, bool? AcceptsTeens, string? Bio = null);
