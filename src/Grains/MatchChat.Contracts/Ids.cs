namespace MatchChat.Contracts;

/// <summary>Opaque random ids for members, requests, offers and conversations.</summary>
public static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool LooksValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');
}
