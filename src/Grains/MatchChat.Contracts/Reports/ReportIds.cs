using System.Security.Cryptography;
using System.Text;

namespace MatchChat.Contracts.Reports;

/// <summary>
/// A report's id is derived from who reported which message: the same reporter and message always give the same id,
/// so a repeated report (a double tap, a retry after a lost answer) finds the first one. SHA-256 of the reporter's
/// member id, the channel and the seq, cut to 32 hex digits: it reveals neither the member id nor the channel.
/// </summary>
public static class ReportIds
{
    public static string For(string reporterId, string channel, long? seq)
    {
        var input = $"report\n{reporterId}\n{channel}\n{(seq is null ? "-" : seq.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
