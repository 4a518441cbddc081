namespace MatchChat.Contracts.Topics;

/// <summary>Slugs and experience tags: <c>^[a-z0-9-]{1,40}$</c>.</summary>
public static class SlugPattern
{
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 40)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
