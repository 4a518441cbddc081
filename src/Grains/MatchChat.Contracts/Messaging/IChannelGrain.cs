using MatchChat.Contracts.Push;

namespace MatchChat.Contracts.Messaging;

/// <summary>What conversations and rooms share: ordered messages, typing, and push subscriptions of web nodes.</summary>
[Alias("MatchChat.IChannelGrain")]
public interface IChannelGrain : IGrainWithStringKey
{
    [Alias("Send")] Task<Message> Send(string memberId, string clientMessageId, string text);
    [Alias("History")] Task<Message[]> History(string memberId, long? afterSeq, long? beforeSeq, int limit);
    [Alias("Typing")] Task Typing(string memberId);
    [Alias("Subscribe")] Task Subscribe(string nodeId, IChatObserver node);
    [Alias("Unsubscribe")] Task Unsubscribe(string nodeId);

    /// <summary>The member deleted their data and their messages here were erased: the pages that show this channel hear
    /// <c>MessagesRedacted</c> (a room's members through its group, a conversation's other participant through their grain).</summary>
    [OneWay, Alias("SenderRedacted")] Task SenderRedacted(string memberId, string handle);
}
