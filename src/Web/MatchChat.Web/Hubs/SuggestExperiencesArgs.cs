namespace MatchChat.Web.Hubs;

/// <summary>[network] <c>SuggestExperiences({text, experiences?})</c>: the note so far and the tags already chosen.</summary>
public sealed record SuggestExperiencesArgs(string? Text, string[]? Experiences);
