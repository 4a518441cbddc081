namespace MatchChat.Contracts.Matching;

/// <summary>
/// The SignalR group of a topic's waiting seekers, <c>queue:&lt;topic&gt;</c>: a member's connections are in it while
/// they have a request open in that topic, and receive its <see cref="QueueProgress"/>. Not a message channel.
/// </summary>
public static class QueueGroups
{
    public const string Prefix = "queue:";

    public static string For(string topic) => Prefix + topic;

    public static bool IsQueueGroup(string channel) => channel.StartsWith(Prefix, StringComparison.Ordinal);

    public static string TopicOf(string group) => group[Prefix.Length..];
}
