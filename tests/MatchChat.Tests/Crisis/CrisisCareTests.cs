using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Crisis;

/// <summary>
/// PROTOCOL.md "Crisis care [crisis]" over real WebSockets: resources to the writer within a second, urgent requests
/// served first, guidance to the peer, alerts to moderators, and the message itself untouched. The server runs the
/// phrase screen without the large model (the crisis lines here all carry crisis words).
/// </summary>
public sealed class CrisisCareTests(SafetyServerFixture server) : IClassFixture<SafetyServerFixture>
{
    private const string CrisisNote = "I want to kill myself tonight, I can't do this anymore";
    private const string CrisisMessage = "honestly I just want to die, I have the pills here";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A moderator whose connection gets moderator events: the role was granted after the connection opened, so the
    /// connection joins when it first uses a moderator method (the console lists alerts when it opens).
    /// </summary>
    private async Task<TestMember> WatchingModerator()
    {
        var moderator = await server.NewModerator();
        await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        return moderator;
    }

    /// <summary>
    /// A member who wrote a crisis line and closed the page at once (an outside probe: the resources went out a few
    /// milliseconds after the answer, to a page already gone) gets them when they come back, once.
    /// </summary>
    [Fact]
    public async Task Resources_sent_as_the_page_closed_come_again_when_the_member_returns_and_only_once()
    {
        await using var seeker = await server.NewMember();
        await seeker.Request("t25", note: CrisisNote);
        await seeker.Conn.DisposeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var back = await seeker.ConnectAnother();
        var resources = await back.Next<CrisisResources>("CrisisResources");
        Assert.Equal(CrisisLevels.Crisis, resources.Level);
        Assert.NotEmpty(resources.Resources);

        await back.DisposeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var again = await seeker.ConnectAnother();
        await again.AssertNone<CrisisResources>("CrisisResources", wait: Quiet);
        await again.Invoke("CancelRequest", (await again.Invoke<Member>("GetMe")).OpenRequest!.RequestId);
    }

    /// <summary>
    /// A goodbye said in the note given with thanks (an outside probe: it reached the listener and nobody else) is read
    /// like a message: the writer gets resources, and the moderators an alert whose context is the conversation's end.
    /// </summary>
    [Fact]
    public async Task A_crisis_line_in_a_note_given_with_thanks_shows_the_writer_resources_and_alerts_the_moderators()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (chat, _) = await Journeys.Match(seeker, listener, "t26");
        await seeker.Send(chat.Channel, "thanks for being here tonight");
        await seeker.Conn.Invoke("EndConversation", chat.ConversationId);

        await seeker.Conn.Invoke("Thank", new { conversationId = chat.ConversationId, rating = 5, note = "thank you. i am going to kill myself tonight anyway" });

        var resources = await seeker.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal(CrisisLevels.Crisis, resources.Level);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        Assert.Equal((CrisisSources.Note, chat.Channel, (long?)null), (alert.Source, alert.Channel, alert.Seq));
        var context = await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId);
        Assert.Contains(context, m => m.Text == "thanks for being here tonight");
        // The conversation had ended: no guidance to a listener who cannot answer in it.
        await listener.Conn.AssertNone<PeerNeedsCare>("PeerNeedsCare", wait: Quiet);
    }

    /// <summary>
    /// A check-in note that says what a crisis message would (an outside probe: it was only repeated back when due) shows the
    /// writer resources at once, and the moderators an alert whose context is that note while the check-in waits.
    /// </summary>
    [Fact]
    public async Task A_crisis_line_in_a_check_in_note_shows_the_writer_resources_and_the_moderators_the_note()
    {
        await using var moderator = await WatchingModerator();
        await using var member = await server.NewMember();
        const string note = "if I'm still here tomorrow I will kill myself";

        await member.Conn.Invoke<Contracts.CheckIns.ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 60, note });

        var resources = await member.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal(CrisisLevels.Crisis, resources.Level);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == member.Handle);
        Assert.Equal((CrisisSources.Note, (string?)null, (long?)null), (alert.Source, alert.Channel, alert.Seq));
        var context = Assert.Single(await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId));
        Assert.Equal((note, member.Handle), (context.Text, context.SenderHandle));
    }

    /// <summary>A check-in with an everyday note raises nothing.</summary>
    [Fact]
    public async Task An_everyday_check_in_note_raises_nothing()
    {
        await using var member = await server.NewMember();

        await member.Conn.Invoke<Contracts.CheckIns.ScheduledCheckIn>("ScheduleCheckIn", new { inMinutes = 60, note = "drink some water and stretch" });

        await member.Conn.AssertNone<CrisisResources>("CrisisResources", wait: Quiet);
    }

    /// <summary>Thanks with an everyday note raise nothing.</summary>
    [Fact]
    public async Task An_everyday_note_given_with_thanks_raises_nothing()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (chat, _) = await Journeys.Match(seeker, listener, "t27");
        await seeker.Conn.Invoke("EndConversation", chat.ConversationId);

        await seeker.Conn.Invoke("Thank", new { conversationId = chat.ConversationId, rating = 5, note = "thank you so much, I feel a lot lighter now" });

        await listener.Conn.Next<Contracts.Gratitude.Thanked>("Thanked");
        await seeker.Conn.AssertNone<CrisisResources>("CrisisResources", wait: Quiet);
        await moderator.Conn.AssertNone<Alert>("CrisisAlert", a => a.Handle == seeker.Handle, wait: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_moderator_connection_opened_after_the_grant_gets_alerts_at_once_and_a_member_never_does()
    {
        await using var moderator = await server.NewModerator();
        var fresh = await moderator.ConnectAnother();
        await using var bystander = await server.NewMember();
        await using var seeker = await server.NewMember();

        await seeker.Request("t48", note: CrisisNote);

        var alert = await fresh.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        Assert.Equal(("note", (string?)null, (long?)null), (alert.Source, alert.Channel, alert.Seq));
        await bystander.Conn.AssertNone<Alert>("CrisisAlert", wait: TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_role_granted_or_revoked_while_connected_starts_or_stops_alerts_on_that_connection_at_once()
    {
        await using var member = await server.NewMember();
        using var admin = server.Admin();

        // Granted while the console is open and idle: it makes no call, and alerts come (an outside probe saw none).
        (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).EnsureSuccessStatusCode();
        await member.Conn.Next<Member>("MemberUpdated", m => m.Roles.Contains("moderator"));
        await using var first = await server.NewMember();
        await first.Request("t49", note: CrisisNote);
        await member.Conn.Next<Alert>("CrisisAlert", a => a.Handle == first.Handle);

        // Revoked: the open connection hears no further alert, long before the node's next role check.
        (await admin.DeleteAsync($"/api/admin/moderators/{member.Handle}")).EnsureSuccessStatusCode();
        await member.Conn.Next<Member>("MemberUpdated", m => !m.Roles.Contains("moderator"));
        await using var watching = await WatchingModerator();
        await using var second = await server.NewMember();
        await second.Request("t49", note: CrisisNote);
        await watching.Conn.Next<Alert>("CrisisAlert", a => a.Handle == second.Handle);
        await member.Conn.AssertNone<Alert>("CrisisAlert", a => a.Handle == second.Handle);
    }

    [Fact]
    public async Task A_seekers_crisis_note_brings_resources_within_a_second_and_makes_the_request_urgent()
    {
        await using var seeker = await server.NewMember();
        var started = Stopwatch.GetTimestamp();
        var ticket = await seeker.Request("t40", note: CrisisNote);
        var resources = await seeker.Conn.Next<CrisisResources>("CrisisResources");
        var took = Stopwatch.GetElapsedTime(started);

        Assert.True(took < TimeSpan.FromSeconds(1), $"CrisisResources came {took.TotalMilliseconds:F0} ms after the call");
        Assert.Equal("crisis", resources.Level);
        Assert.NotEmpty(resources.Resources);
        Assert.Equal("crisis", resources.Resources[0].Kind);
        Assert.False(string.IsNullOrWhiteSpace(resources.Message));
        // The phrase screen read the note before it was queued: the answer itself is urgent (stop 53).
        Assert.Equal(("urgent", "waiting", 1), (ticket.Priority, ticket.Status, ticket.Position));
    }

    [Fact]
    public async Task An_urgent_request_is_offered_before_earlier_normal_ones_and_the_offer_says_urgent()
    {
        const string topic = "t41";
        await using var first = await server.NewMember();
        await using var second = await server.NewMember();
        await using var urgent = await server.NewMember();
        await using var listener = await server.NewMember();
        await first.Request(topic, note: "work has been stressful lately");
        await second.Request(topic);
        var urgentTicket = await urgent.Request(topic, note: CrisisNote);
        Assert.Equal(("urgent", 1), (urgentTicket.Priority, urgentTicket.Position));
        var pushedBack = await first.Conn.Next<QueueTicket>("QueueUpdated", t => t.Position == 2);
        Assert.Equal("normal", pushedBack.Priority);

        await listener.BecomeAvailableListener(topic);
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.Topic == topic);

        Assert.Equal(urgentTicket.RequestId, offer.RequestId);
        Assert.Equal("urgent", offer.Priority);
    }

    [Fact]
    public async Task A_crisis_message_reaches_the_peer_and_moderators_and_is_delivered_and_stored_unchanged()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t42");

        var sent = await seeker.Send(conversation.Channel, CrisisMessage);

        Assert.Equal(CrisisMessage, sent.Text);
        var delivered = await listener.Conn.Next<Message>("MessageReceived", m => m.Channel == conversation.Channel && m.Seq == sent.Seq);
        Assert.Equal(CrisisMessage, delivered.Text);
        var resources = await seeker.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal("crisis", resources.Level);
        var care = await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare");
        Assert.Equal(conversation.ConversationId, care.ConversationId);
        Assert.Contains("secret", care.Guidance, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("moderator", care.Guidance, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(care.Resources);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        Assert.Equal((conversation.Channel, sent.Seq, "message", "crisis", "open"), (alert.Channel, alert.Seq, alert.Source, alert.Level, alert.Status));

        // Stored unchanged, and the conversation goes on.
        var history = await listener.History(conversation.Channel);
        Assert.Equal(CrisisMessage, Assert.Single(history, m => m.Seq == sent.Seq).Text);
        var reply = await listener.Send(conversation.Channel, "I'm here with you. Are you safe right now?");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == reply.Seq && m.Channel == conversation.Channel);
        await seeker.Conn.AssertNone<ConversationEnded>("ConversationEnded", wait: TimeSpan.FromMilliseconds(100));
        await listener.Conn.AssertNone<CrisisResources>("CrisisResources", wait: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_resent_crisis_message_gets_its_answer_again_but_nobody_hears_its_crisis_events_twice()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t50");

        var sent = await seeker.Send(conversation.Channel, CrisisMessage, "resent-crisis-1");
        await seeker.Conn.Next<CrisisResources>("CrisisResources");
        await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare");
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);

        // The acknowledgement was lost, say: the page sends it again with the same id.
        var again = await seeker.Send(conversation.Channel, CrisisMessage, "resent-crisis-1");
        Assert.Equal(sent.Seq, again.Seq);
        await Task.Delay(Quiet);
        Assert.Single(seeker.Conn.All<CrisisResources>("CrisisResources"));
        Assert.Single(listener.Conn.All<PeerNeedsCare>("PeerNeedsCare"));
        Assert.Single(moderator.Conn.All<Alert>("CrisisAlert"), a => a.AlertId == alert.AlertId);
    }

    [Fact]
    public async Task The_listener_who_accepts_a_request_whose_note_read_as_crisis_gets_the_guidance_at_once()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var ticket = await seeker.Request("t52", note: CrisisNote);
        await seeker.Conn.Next<CrisisResources>("CrisisResources");
        await listener.BecomeAvailableListener("t52");
        var offer = await listener.Conn.Next<Offer>("OfferReceived", o => o.RequestId == ticket.RequestId);
        Assert.Equal("urgent", offer.Priority);

        var conversation = await listener.Conn.Invoke<Conversation>("AcceptOffer", offer.OfferId);

        var care = await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare", c => c.ConversationId == conversation.ConversationId);
        Assert.Contains("moderator", care.Guidance, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(care.Resources);
        await seeker.Conn.AssertNone<PeerNeedsCare>("PeerNeedsCare", wait: TimeSpan.FromMilliseconds(300));
        await listener.Conn.Invoke<ListenerProfile>("SetAvailable", false);
    }

    [Fact]
    public async Task An_alerts_context_shows_a_message_its_writer_erased_as_redacted()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t51");
        var before = await listener.Send(conversation.Channel, "How has your week been?");
        var flagged = await seeker.Send(conversation.Channel, CrisisMessage);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);

        await seeker.Conn.Invoke("DeleteMe");

        var context = await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId);
        var erased = Assert.Single(context, m => m.Seq == flagged.Seq);
        Assert.Equal((true, ""), (erased.Redacted, erased.Text));
        var kept = Assert.Single(context, m => m.Seq == before.Seq);
        Assert.Equal((false, "How has your week been?"), (kept.Redacted, kept.Text));
    }

    [Fact]
    public async Task A_moderator_lists_acknowledges_and_reads_the_context_of_an_alert()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t43");
        for (var i = 0; i < 22; i++)
        {
            await (i % 2 == 0 ? seeker : listener).Send(conversation.Channel, $"ordinary line {i}");
        }

        var flagged = await seeker.Send(conversation.Channel, "I want to end my life");
        var pushed = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);

        var listed = await moderator.Conn.Invoke<Alert[]>("ListAlerts", new { status = "open" });
        Assert.Contains(listed, a => a.AlertId == pushed.AlertId);
        Assert.True(listed.Zip(listed.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "newest first");
        var all = await moderator.Conn.Invoke<Alert[]>("ListAlerts");
        Assert.Contains(all, a => a.AlertId == pushed.AlertId);

        var context = await moderator.Conn.Invoke<Message[]>("GetAlertContext", pushed.AlertId);
        Assert.Equal(21, context.Length);
        Assert.Equal(flagged.Seq, context[^1].Seq);
        Assert.Equal("I want to end my life", context[^1].Text);
        Assert.Equal(Enumerable.Range((int)flagged.Seq - 20, 21).Select(s => (long)s), context.Select(m => m.Seq));

        var acknowledged = await moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = pushed.AlertId, note = "reached out" });
        Assert.Equal(("acknowledged", moderator.Handle), (acknowledged.Status, acknowledged.AcknowledgedBy));
        Assert.DoesNotContain(await moderator.Conn.Invoke<Alert[]>("ListAlerts", new { status = "open" }), a => a.AlertId == pushed.AlertId);
        Assert.Contains(await moderator.Conn.Invoke<Alert[]>("ListAlerts", new { status = "acknowledged" }), a => a.AlertId == pushed.AlertId);
        var twice = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = pushed.AlertId }));
        Assert.StartsWith("conflict: ", HubErrors.CodeAndSentence(twice));
    }

    [Fact]
    public async Task Non_moderators_are_refused_the_alert_methods_and_bad_input_is_invalid()
    {
        await using var member = await server.NewMember();
        foreach (var call in new Func<Task>[]
        {
            () => member.Conn.Invoke<Alert[]>("ListAlerts"),
            () => member.Conn.Invoke<Alert[]>("ListAlerts", new { status = "open" }),
            () => member.Conn.Invoke<Alert>("AcknowledgeAlert", new { alertId = "abc123" }),
            () => member.Conn.Invoke<Message[]>("GetAlertContext", "abc123"),
        })
        {
            var e = await Assert.ThrowsAsync<HubException>(call);
            Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(e));
        }

        await using var moderator = await WatchingModerator();
        var bad = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Alert[]>("ListAlerts", new { status = "closed" }));
        Assert.StartsWith("invalid: ", HubErrors.CodeAndSentence(bad));
        var missing = await Assert.ThrowsAsync<HubException>(() => moderator.Conn.Invoke<Message[]>("GetAlertContext", "nosuchalert"));
        Assert.StartsWith("not_found: ", HubErrors.CodeAndSentence(missing));
    }

    [Fact]
    public async Task A_figure_of_speech_triggers_nothing()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t44");

        var sent = await seeker.Send(conversation.Channel, "this traffic is killing me, I almost died laughing at the radio host though");
        await listener.Conn.Next<Message>("MessageReceived", m => m.Seq == sent.Seq && m.Channel == conversation.Channel);
        // A crisis line after it proves the screen was running: nothing arrives for the first one.
        await seeker.Send(conversation.Channel, CrisisMessage);
        await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == seeker.Handle);
        await seeker.Conn.Next<CrisisResources>("CrisisResources", r => r.Level == "crisis");
        await listener.Conn.Next<PeerNeedsCare>("PeerNeedsCare");
        await seeker.Conn.AssertNone<CrisisResources>("CrisisResources", r => r.Level == "concern");

        Assert.Single(moderator.Conn.All<Alert>("CrisisAlert"), a => a.Handle == seeker.Handle);
        Assert.Single(seeker.Conn.All<CrisisResources>("CrisisResources"));
        Assert.Single(listener.Conn.All<PeerNeedsCare>("PeerNeedsCare"));
        Assert.DoesNotContain(moderator.Conn.All<Alert>("CrisisAlert"), a => a.Seq == sent.Seq && a.Handle == seeker.Handle);
    }

    [Fact]
    public async Task A_listeners_supportive_message_does_not_flag_the_listener()
    {
        await using var moderator = await WatchingModerator();
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, "t45");

        await listener.Send(conversation.Channel, "If you ever think about suicide or want to kill yourself, please call a crisis line right away. You matter.");

        await listener.Conn.AssertNone<CrisisResources>("CrisisResources", wait: Quiet);
        await seeker.Conn.AssertNone<PeerNeedsCare>("PeerNeedsCare", wait: TimeSpan.Zero);
        Assert.DoesNotContain(moderator.Conn.All<Alert>("CrisisAlert"), a => a.Handle == listener.Handle);
    }

    [Fact]
    public async Task Concern_brings_gentle_resources_at_most_once_an_hour_and_nothing_else()
    {
        await using var moderator = await WatchingModerator();
        await using var member = await server.NewMember();
        await member.Conn.Invoke<Contracts.Rooms.Room>("JoinRoom", "t46");

        await member.Send("room:t46", "I can't cope anymore, everything feels hopeless");
        var concern = await member.Conn.Next<CrisisResources>("CrisisResources");
        Assert.Equal("concern", concern.Level);
        await member.Send("room:t46", "I can't cope anymore honestly");
        await member.Send("room:t46", "I really want to die");
        var crisis = await member.Conn.Next<CrisisResources>("CrisisResources", r => r.Level == "crisis");

        Assert.Single(member.Conn.All<CrisisResources>("CrisisResources"), r => r.Level == "concern");
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == member.Handle);
        Assert.Equal("room:t46", alert.Channel);
        Assert.Single(moderator.Conn.All<Alert>("CrisisAlert"), a => a.Handle == member.Handle);
        Assert.NotEmpty(crisis.Resources);
    }

    [Fact]
    public async Task Region_and_language_choose_the_resources_and_bad_values_are_refused()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var bad = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult", region = "Britain" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invalid: region", await bad.Content.ReadAsStringAsync());
        var badLanguage = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult", language = "english-uk" });
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);

        var created = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult", region = "gb", language = "en" });
        created.EnsureSuccessStatusCode();
        var member = (await created.Content.ReadFromJsonAsync<TestMember.CreatedMember>())!;
        await using var connection = await TestConnection.OpenAsync(server.BaseUrl, member.Token);
        var me = await connection.Invoke<Contracts.Members.Member>("GetMe");
        Assert.Equal(("GB", "en"), (me.Region, me.Language));

        await connection.Invoke<QueueTicket>("RequestListener", new { topic = "t47", experiences = Array.Empty<string>(), note = CrisisNote });
        var resources = await connection.Next<CrisisResources>("CrisisResources");
        Assert.Equal("GB", resources.Resources[0].Region);
    }

    [Fact]
    public async Task A_muted_member_who_writes_a_crisis_text_is_refused_but_still_gets_the_resources_and_moderators_an_alert()
    {
        const string room = "t53";
        await using var moderator = await WatchingModerator();
        await using var member = await server.NewMember();
        await using var other = await server.NewMember();
        await member.Conn.Invoke<Contracts.Rooms.Room>("JoinRoom", room);
        await other.Conn.Invoke<Contracts.Rooms.Room>("JoinRoom", room);
        await moderator.Conn.Invoke("Moderate", new { room, handle = member.Handle, action = "mute", minutes = 30 });

        var refused = await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke<Message>("SendMessage", $"room:{room}", "refused-1", CrisisMessage));
        Assert.StartsWith("forbidden: ", HubErrors.CodeAndSentence(refused));

        // Not delivered, not stored; but the writer is not left alone with a refusal (an outside probe: they were).
        var resources = await member.Conn.Next<CrisisResources>("CrisisResources", within: TimeSpan.FromSeconds(3));
        Assert.Equal(CrisisLevels.Crisis, resources.Level);
        var alert = await moderator.Conn.Next<Alert>("CrisisAlert", a => a.Handle == member.Handle, TimeSpan.FromSeconds(3));
        Assert.Equal(("message", (string?)null, (long?)null), (alert.Source, alert.Channel, alert.Seq));
        Assert.Empty(await moderator.Conn.Invoke<Message[]>("GetAlertContext", alert.AlertId));
        await other.Conn.AssertNone<Message>("MessageReceived", wait: Quiet);
        Assert.DoesNotContain(await other.History($"room:{room}"), m => m.Text == CrisisMessage);

        // "Try again" with the same message is the same refusal: no second alert, no second notice.
        await Assert.ThrowsAsync<HubException>(() => member.Conn.Invoke<Message>("SendMessage", $"room:{room}", "refused-1", CrisisMessage));
        await Task.Delay(Quiet);
        Assert.Single(moderator.Conn.All<Alert>("CrisisAlert"), a => a.Handle == member.Handle);

        // An everyday text refused the same way raises nothing.
        await Assert.ThrowsAsync<HubException>(() => member.Send($"room:{room}", "ok, I will wait then"));
        await Task.Delay(Quiet);
        Assert.Single(member.Conn.All<CrisisResources>("CrisisResources"));
    }

    [Fact]
    public async Task Accept_language_gives_region_and_language_when_the_body_has_none()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members") { Content = JsonContent.Create(new { ageGroup = "adult" }) };
        request.Headers.AcceptLanguage.ParseAdd("pt-BR,pt;q=0.9,en;q=0.5");
        var created = await http.SendAsync(request);
        created.EnsureSuccessStatusCode();
        var member = (await created.Content.ReadFromJsonAsync<TestMember.CreatedMember>())!;
        await using var connection = await TestConnection.OpenAsync(server.BaseUrl, member.Token);
        var me = await connection.Invoke<Contracts.Members.Member>("GetMe");
        Assert.Equal(("BR", "pt"), (me.Region, me.Language));
    }
}
