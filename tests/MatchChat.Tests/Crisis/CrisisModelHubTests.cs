using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Messaging;
using MatchChat.Language.Detection;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// PROTOCOL.md [crisis] over real WebSockets with the model loaded as in the embedded default: a goodbye with a plan
/// and no crisis word is recognised by the meaning layer, and the message itself is delivered unchanged and in order.
/// </summary>
public sealed class CrisisModelHubTests(CrisisModelServerFixture server) : IClassFixture<CrisisModelServerFixture>
{
    private const string Goodbye = "I've written letters to everyone and tonight is my last night";

    [Fact]
    public async Task A_goodbye_without_a_crisis_word_brings_resources_guidance_and_an_alert_and_the_message_is_untouched()
    {
        await using var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t46");

        var before = await seeker.Send(conversation.Channel, "thanks for listening earlier");
        var flagged = await seeker.Send(conversation.Channel, Goodbye);
        var after = await seeker.Send(conversation.Channel, "sorry for the long messages");

        Assert.Equal(Goodbye, flagged.Text);
        Assert.Equal((before.Seq + 1, before.Seq + 2), (flagged.Seq, after.Seq));
        var delivered = new List<Message>();
        foreach (var seq in new[] { before.Seq, flagged.Seq, after.Seq })
        {
            delivered.Add(await listener.Conn.Next<Message>("MessageReceived", m => m.Channel == conversation.Channel && m.Seq == seq));
        }

        Assert.Equal(Goodbye, delivered[1].Text);
        var resources = await seeker.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal("crisis", resources.Level);
        Assert.NotEmpty(resources.Resources);
        var care = await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare");
        Assert.Equal(conversation.ConversationId, care.ConversationId);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        Assert.Equal((conversation.Channel, flagged.Seq, "message", "crisis"), (alert.Channel, alert.Seq, alert.Source, alert.Level));

        var history = await listener.History(conversation.Channel);
        Assert.Equal([before.Text, Goodbye, after.Text], history.Where(m => m.Seq >= before.Seq).OrderBy(m => m.Seq).Select(m => m.Text));
        await listener.Conn.AssertNone<CrisisResources>("CrisisResources", wait: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_line_only_the_meaning_layer_recognises_reaches_the_writer_the_peer_and_the_moderators()
    {
        const string line = "I'm sitting on the roof and I'm ready to let go";
        // The phrase screen alone does not read it as crisis: what follows is the model's doing.
        Assert.NotEqual(CrisisLevel.Crisis, new CrisisDetector().Screen(line, CrisisRole.Seeker, "en").Level);
        await using var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t48");

        var sent = await seeker.Send(conversation.Channel, line);

        Assert.Equal(line, (await listener.Conn.Next<Message>("MessageReceived", m => m.Channel == conversation.Channel && m.Seq == sent.Seq)).Text);
        Assert.Equal("crisis", (await seeker.Conn.Next<CrisisResources>("CrisisResources", within: TimeSpan.FromSeconds(30))).Level);
        await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare", p => p.ConversationId == conversation.ConversationId, within: TimeSpan.FromSeconds(30));
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle, within: TimeSpan.FromSeconds(30));
        Assert.Equal((conversation.Channel, sent.Seq), (alert.Channel, alert.Seq));
    }

    [Fact]
    public async Task An_everyday_last_night_is_not_a_crisis()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t47");

        var sent = await seeker.Send(conversation.Channel, "my last night in Lisbon was amazing, I wrote postcards to everyone");
        await listener.Conn.Next<Message>("MessageReceived", m => m.Channel == conversation.Channel && m.Seq == sent.Seq);

        await seeker.Conn.AssertNone<CrisisResources>("CrisisResources", wait: TimeSpan.FromSeconds(3));
        await listener.Conn.AssertNone<PeerNeedsCare>("PeerNeedsCare", wait: TimeSpan.FromMilliseconds(100));
    }
}
