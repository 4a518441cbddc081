namespace MatchChat.Web.Admin;

/// <summary>
/// <c>MatchChat:Admin</c>: the operator's secret for the dashboard and <c>/api/admin/*</c>. <see cref="Key"/> is base64 of at
/// least 32 bytes; unset or blank means no admin surface at all (those paths answer 404).
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "MatchChat:Admin";

    /// <summary>The environment variable operators set, named in every configuration error.</summary>
    public const string KeySetting = "MatchChat__Admin__Key";

    public const int MinimumKeyBytes = 32;

    public string? Key { get; set; }

    public static AdminOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AdminOptions>() ?? new AdminOptions();

    /// <summary>The decoded key; null when none is set. A key that is set but not base64 of 32+ bytes stops start-up.</summary>
    public byte[]? DecodeKey()
    {
        if (string.IsNullOrWhiteSpace(Key))
        {
            return null;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(Key.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"{KeySetting} is not base64. Set it to a random key of at least {MinimumKeyBytes} bytes, for example: head -c 32 /dev/urandom | base64");
        }

        if (decoded.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{KeySetting} decodes to {decoded.Length} bytes; it must be at least {MinimumKeyBytes}, for example: head -c 32 /dev/urandom | base64");
        }

        return decoded;
    }
}
