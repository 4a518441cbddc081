using System.Net;
using System.Text;
using MatchChat.Contracts.Rooms;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Metrics;

/// <summary>A server with small limits: 3 messages at once per member, 3 member creations at once per address.</summary>
public sealed class RateLimitMetricsFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Limits:MessagesPerSecond"] = "1",
        ["MatchChat:Limits:MessageBurst"] = "3",
        ["MatchChat:Limits:MemberCreationsPerMinute"] = "1",
        ["MatchChat:Limits:MemberCreationBurst"] = "3",
    };
}

public sealed class RateLimitMetricsTests(RateLimitMetricsFixture server) : IClassFixture<RateLimitMetricsFixture>
{
    [Fact]
    public async Task Refused_sends_and_member_creations_are_counted_by_limit()
    {
        var before = await PrometheusScrape.FetchAsync(server.BaseUrl);
        await using var member = await server.NewMember();
        var room = await member.Conn.Invoke<Room>("JoinRoom", TestTopics.Slug(71));
        var refusedSends = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await member.Send(room.Channel, $"message {i}");
            }
            catch (HubException e) when (e.Message.Contains("rate_limited: ", StringComparison.Ordinal))
            {
                refusedSends++;
            }
        }

        Assert.InRange(refusedSends, 1, 10);

        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var refusedCreations = 0;
        for (var i = 0; i < 10 && refusedCreations == 0; i++)
        {
            using var body = new StringContent("""{"ageGroup":"adult"}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/api/members", body);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusedCreations++;
            }
        }

        Assert.Equal(1, refusedCreations);
        var after = await PrometheusScrape.UntilAsync(server.BaseUrl, s =>
            s.Sum("matchchat_rate_limited_total", ("limit", "SendMessage")) - before.Sum("matchchat_rate_limited_total", ("limit", "SendMessage")) >= refusedSends
            && s.Sum("matchchat_rate_limited_total", ("limit", "member_creation")) - before.Sum("matchchat_rate_limited_total", ("limit", "member_creation")) >= 1,
            "the refused sends and member creation");
        Assert.DoesNotContain(member.Created.MemberId, after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Handle, after.Text, StringComparison.Ordinal);
    }
}
