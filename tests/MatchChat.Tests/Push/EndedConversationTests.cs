using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using MatchChat.Web.Push;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Tests.Push;

/// <summary>
/// After a conversation ends, the web node lets go of it: its members' connections leave the conversation's group and
/// the node stops renewing its subscription to the conversation's grain. Before, a member who stayed connected kept
/// every conversation they had ever had on this node (its group, and its grain kept active by the renewals).
/// </summary>
public sealed class EndedConversationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_last_message_before_the_end_arrives_live_and_then_the_node_no_longer_holds_the_conversation()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(88));
        var local = server.Services.GetRequiredService<LocalConnections>();
        Assert.Contains(conversation.Channel, local.Channels());

        var last = await listener.Send(conversation.Channel, "Take care of yourself tonight.");
        await listener.Conn.Invoke("EndConversation", conversation.ConversationId);
        var received = await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == last.Seq);
        Assert.Equal(last.Text, received.Text);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        await listener.Conn.Next<ConversationEnded>("ConversationEnded");

        // Both members are still connected; the node forgets the channel once the end's queued work has run.
        await AssertForgotten(local, conversation.Channel);
        // The ended conversation can still be read by its members.
        Assert.Equal([last.Seq], (await seeker.History(conversation.Channel)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_join_that_arrives_after_the_end_does_not_bring_the_conversation_back()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(90));
        await seeker.Conn.Invoke("EndConversation", conversation.ConversationId);
        await seeker.Conn.Next<ConversationEnded>("ConversationEnded");
        await listener.Conn.Next<ConversationEnded>("ConversationEnded");

        // As a listener's accept or a reconnect would, with a channel list read just before the end.
        var bridge = server.Services.GetRequiredService<PushBridge>();
        await bridge.JoinChannelAsync(listener.Created.MemberId, conversation.Channel);
        await bridge.JoinChannelAsync(seeker.Created.MemberId, conversation.Channel);

        await AssertForgotten(server.Services.GetRequiredService<LocalConnections>(), conversation.Channel);
    }

    /// <summary>The node no longer holds the channel, within 10 s (a leave runs on the channel's send lane).</summary>
    private static async Task AssertForgotten(LocalConnections local, string channel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (local.Channels().Contains(channel) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.DoesNotContain(channel, local.Channels());
    }
}
