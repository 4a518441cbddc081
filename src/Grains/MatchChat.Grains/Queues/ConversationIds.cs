using System.Security.Cryptography;
using System.Text;

namespace MatchChat.Grains.Queues;

/// <summary>
/// The conversation id of a request's n-th start: derived, so that a repeated start reaches the same grain, and
/// hashed, so that it reveals nothing of the request id (which only the seeker holds).
/// </summary>
public static class ConversationIds
{
    public static string For(string requestId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"conversation:{requestId}:{attempt}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
