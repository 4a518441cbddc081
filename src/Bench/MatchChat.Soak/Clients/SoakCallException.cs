using System.Text.RegularExpressions;

namespace MatchChat.Soak.Clients;

/// <summary>
/// A failed hub call, classified as the page's errors.js does: the contract's <c>code: sentence</c>, <c>server</c>
/// for SignalR's "unexpected error" (the hub's 500), <c>network</c> for a lost or missing connection.
/// </summary>
public sealed partial class SoakCallException(string method, string code) : Exception($"{method} failed: {code}")
{
    public string Method { get; } = method;

    public string Code { get; } = code;

    /// <summary>Worth trying again with the same arguments.</summary>
    public bool Transient => Code is "unavailable" or "rate_limited" or "network" or "server";

    public static string CodeOf(string message)
    {
        var match = CodePattern().Match(message);
        if (match.Success)
        {
            return match.Groups[1].Value;
        }

        return message.Contains("unexpected error occurred invoking", StringComparison.OrdinalIgnoreCase) ? "server" : "other";
    }

    [GeneratedRegex(@"\b(invalid|not_found|forbidden|conflict|rate_limited|unavailable):")]
    private static partial Regex CodePattern();
}
