using System.Security.Cryptography;
using System.Text;

namespace MatchChat.Soak.Behaviours;

/// <summary>
/// The checks' oracle for "which request did this conversation answer": the same derivation as the server's
/// <c>MatchChat.Grains.Queues.ConversationIds</c> (a conversation's id is a hash of its request id and start attempt).
/// Clients outside the repository do not need it; the soak uses it to account for every request exactly.
/// </summary>
public static class ConversationIds
{
    private const int Attempts = 32;

    public static bool Answers(string conversationId, string requestId)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"conversation:{requestId}:{attempt}"));
            if (Convert.ToHexStringLower(hash.AsSpan(0, 16)) == conversationId)
            {
                return true;
            }
        }

        return false;
    }
}
