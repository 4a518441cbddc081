using MatchChat.Grains.Messages;

namespace MatchChat.Storage.Tests;

internal static class TestMessages
{
    private static readonly DateTime BaseTime = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static StoredMessage Message(string channel, long seq, string sender = "member-a", string? clientMessageId = null, string? text = null) =>
        new(channel, seq, sender, sender + "-handle", clientMessageId ?? $"{channel}-{sender}-{seq}", text ?? $"text {seq} in {channel}", BaseTime.AddSeconds(seq));
}
