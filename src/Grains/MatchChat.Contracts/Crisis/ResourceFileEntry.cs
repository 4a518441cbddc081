namespace MatchChat.Contracts.Crisis;

/// <summary>One entry of the operator's resources JSON file (<c>MatchChat:Resources:File</c>), every field optional on read.</summary>
internal sealed record ResourceFileEntry(
    string? Name, string? Contact, string? Url, string? Region, string[]? Languages, string? Hours, string? Kind, string[]? Topics);
