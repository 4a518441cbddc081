using System.Diagnostics;
using MatchChat.Contracts.Messaging;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace MatchChat.Tests.Edge;

/// <summary>One member flooding from many connections gets what the bucket allows and no more; typing is coalesced.</summary>
public sealed class FloodTests(RealLimitsServerFixture server, ITestOutputHelper output) : IClassFixture<RealLimitsServerFixture>
{
    private const double PerSecond = 5;
    private const int Burst = 20;

    [Fact]
    public async Task Parallel_sends_over_ten_connections_never_get_more_than_the_bucket_allows_in_many_rounds()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var seeker = await server.NewMember();
            await using var listener = await server.NewMember();
            var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(round));
            var connections = new List<TestConnection> { seeker.Conn };
            for (var i = 1; i < 10; i++)
            {
                connections.Add(await seeker.ConnectAnother());
            }

            // Twice: a fresh bucket, then one that refilled and sat full for a while (idle time must not be credited).
            var clock = Stopwatch.StartNew();
            for (var pass = 0; pass < 2; pass++)
            {
                if (pass == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Burst / PerSecond + 1.5));
                }

                // A full bucket: 100 at once get the burst, plus what refills while they are answered.
                var first = await SendBurst(connections, conversation.Channel, perConnection: 10, clock);
                output.WriteLine($"round {round}.{pass}: {first.Start.TotalSeconds:0.000}-{first.End.TotalSeconds:0.000} s: {first.Accepted} acknowledged, {first.Refused} refused");
                Assert.True(first.Refused > 0, "100 at once must meet the limit");
                Assert.InRange(first.Accepted, 1, Burst + PerSecond * (first.End - first.Start).TotalSeconds);

                // Then smaller bursts back to back for about 1.5 s. Burst i - 1 was refused at least once after it
                // started, when the bucket held less than one token; so burst i can have had at most
                // 1 + PerSecond × (end of i - start of i - 1).
                var previous = first;
                var until = clock.Elapsed + TimeSpan.FromSeconds(1.5);
                while (clock.Elapsed < until)
                {
                    await Task.Delay(100);
                    var next = await SendBurst(connections, conversation.Channel, perConnection: 3, clock);
                    output.WriteLine($"round {round}.{pass}: {next.Start.TotalSeconds:0.000}-{next.End.TotalSeconds:0.000} s: {next.Accepted} acknowledged, {next.Refused} refused");
                    if (previous.Refused > 0)
                    {
                        var allowed = 1 + PerSecond * (next.End - previous.Start).TotalSeconds;
                        Assert.True(next.Accepted < allowed + 0.01,
                            $"round {round}.{pass}: {next.Accepted} acknowledged where at most {allowed:0.00} could have refilled");
                    }

                    previous = next;
                }
            }
        }
    }

    [Fact]
    public async Task A_thousand_typing_calls_reach_the_peer_as_a_few_events_and_typing_shows_again_later()
    {
        await using var seeker = await server.NewMember();
        await using var listener = await server.NewMember();
        var (conversation, _) = await Journeys.Match(seeker, listener, TestTopics.Slug(10));

        var clock = Stopwatch.StartNew();
        for (var batch = 0; batch < 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => seeker.Conn.Invoke("Typing", conversation.Channel)));
        }

        var elapsed = clock.Elapsed;
        await listener.Conn.Next<PeerTyping>("PeerTyping");
        await Task.Delay(500);
        var shown = listener.Conn.Count("PeerTyping");
        Assert.InRange(shown, 1, 1 + (int)Math.Ceiling(elapsed.TotalSeconds / 2));

        // The throttle delays, it does not silence: past the interval the next call is shown.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await seeker.Conn.Invoke("Typing", conversation.Channel);
        await listener.Conn.Next<PeerTyping>("PeerTyping", skip: shown);
    }

    private static async Task<BurstResult> SendBurst(List<TestConnection> connections, string channel, int perConnection, Stopwatch clock)
    {
        var start = clock.Elapsed;
        var calls = connections.SelectMany(c => Enumerable.Range(0, perConnection)
            .Select(_ => c.Invoke<Message>("SendMessage", channel, Guid.NewGuid().ToString("N"), "hello"))).ToArray();
        var accepted = 0;
        var refused = 0;
        foreach (var call in calls)
        {
            try
            {
                await call;
                accepted++;
            }
            catch (HubException e) when (HubErrors.CodeAndSentence(e).StartsWith("rate_limited: ", StringComparison.Ordinal))
            {
                refused++;
            }
        }

        return new BurstResult(start, clock.Elapsed, accepted, refused);
    }

    private sealed record BurstResult(TimeSpan Start, TimeSpan End, int Accepted, int Refused);
}
