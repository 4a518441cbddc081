namespace MatchChat.Contracts.Grains;

/// <summary>Key: conversation id. Two participants, status, next seq; messages live in the message store.</summary>
[Alias("MatchChat.IConversationGrain")]
public interface IConversationGrain : IChannelGrain
{
    [Alias("Start")] Task Start(ConversationStart start);
    [Alias("End")] Task End(string memberId, string reason);
}
