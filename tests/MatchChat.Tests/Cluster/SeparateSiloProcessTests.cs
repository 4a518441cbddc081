using System.Security.Cryptography;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Tests.Cluster;

/// <summary>
/// The web node as a pure Orleans client (Client mode) of a silo running as its own OS process: the push path
/// from grains to browsers crosses the process boundary. Runs alone (the metrics collection): the web node's
/// <c>matchchat_connections</c> comes from a process-wide meter, which other tests' servers, closing connections at
/// the same time, would move too.
/// </summary>
[Collection(Metrics.MetricsCollection.Name)]
public sealed class SeparateSiloProcessTests : IAsyncLifetime
{
    private ChildProcess _silo = null!;
    private WebApplication _web = null!;
    private Uri _url = null!;
    private Uri _siloMetrics = null!;

    public async Task InitializeAsync()
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var metricsPort = FreePort.Next();
        _siloMetrics = new Uri($"http://127.0.0.1:{metricsPort}");
        _silo = ChildProcess.StartDotnet(RepoPaths.SiloDll, new Dictionary<string, string>
        {
            ["MatchChat__Cluster__SiloPort"] = siloPort.ToString(),
            ["MatchChat__Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["MatchChat__Metrics__Port"] = metricsPort.ToString(),
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Information",
        });
        await _silo.WaitForOutput("Silo started", TimeSpan.FromSeconds(60));

        _web = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["MatchChat:Hosting:Mode"] = "Client",
            // A host name, resolved through DNS without blocking (MatchChat__Cluster__Gateways).
            ["MatchChat:Cluster:Gateways"] = $"localhost:{gatewayPort}",
            ["MatchChat:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _web.StartAsync();
        _url = new Uri(_web.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_web_node_in_client_mode_matches_and_relays_messages_through_a_silo_in_another_process()
    {
        await using var seeker = await TestMember.CreateAsync(_url);
        await using var listener = await TestMember.CreateAsync(_url);
        var (conversation, _) = await Journeys.Match(seeker, listener, "grief", ["lost-a-sibling"]);
        Assert.Equal(["lost-a-sibling"], conversation.SharedExperiences);

        var hello = await seeker.Send(conversation.Channel, "Are you there?");
        var reply = await listener.Send(conversation.Channel, "Yes. I'm listening.");
        await listener.Conn.Next<Message>("MessageReceived", m => m.Seq == hello.Seq);
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Seq == reply.Seq);
        Assert.Equal((1L, 2L), (hello.Seq, reply.Seq));

        await seeker.Conn.Invoke<Room>("JoinRoom", "anxiety");
        var room = await listener.Conn.Invoke<Room>("JoinRoom", "anxiety");
        await seeker.Conn.Next<Room>("RoomUpdated", r => r.MemberCount == room.MemberCount);
        var inRoom = await listener.Send(room.Channel, "hello room");
        await seeker.Conn.Next<Message>("MessageReceived", m => m.Channel == room.Channel && m.Seq == inRoom.Seq);
        using var http = new HttpClient { BaseAddress = _url };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_silo_process_serves_metrics_of_the_grains_it_hosts()
    {
        var before = await PrometheusScrape.FetchAsync(_siloMetrics);
        await using var seeker = await TestMember.CreateAsync(_url);
        await using var listener = await TestMember.CreateAsync(_url);
        var (conversation, _) = await Journeys.Match(seeker, listener, "stress");
        await seeker.Send(conversation.Channel, "hello from the other process");

        var after = await PrometheusScrape.UntilAsync(_siloMetrics, s =>
            s.Sum("matchchat_conversations_started_total", ("topic", "stress")) > before.Sum("matchchat_conversations_started_total", ("topic", "stress"))
            && s.Sum("matchchat_messages_stored_total", ("kind", "conversation")) > before.Sum("matchchat_messages_stored_total", ("kind", "conversation")),
            "the silo's conversation and message counters");
        Assert.Contains(after.Samples, s => s.Name == "orleans_catalog_activation_working_set" && s.Labels.GetValueOrDefault("grain_type") == "conversation");
        Assert.Contains(after.Samples, s => s.Name == "target_info" && s.Labels.GetValueOrDefault("service_name") == "matchchat-silo");
        Assert.DoesNotContain(seeker.Handle, after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(conversation.ConversationId, after.Text, StringComparison.Ordinal);

        // The web node in client mode serves its own: the connections it holds.
        var web = await PrometheusScrape.UntilAsync(_url, s => s.Sum("matchchat_connections") >= 2, "the web node's connections");
        Assert.Contains(web.Samples, s => s.Name == "target_info" && s.Labels.GetValueOrDefault("service_name") == "matchchat-web");
    }
}
