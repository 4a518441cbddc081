using System.Net;
using System.Net.Http.Headers;
using MatchChat.Storage.Tests;
using MatchChat.Tests.Support;

namespace MatchChat.Durability.Tests;

/// <summary>
/// REST during a PostgreSQL outage: a deletion that cannot be done answers 503 with <c>Retry-After</c> (docs/operations.md:
/// every 503 says when to try again; an outside probe found this one without it), and the retry after the outage deletes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutageRestTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_deletion_during_an_outage_answers_503_with_retry_after_and_the_retry_deletes()
    {
        await using var node = new EmbeddedNode(await postgres.CreateDatabaseAsync("outagerest"));
        await node.StartAsync();
        var member = await TestMember.CreateAsync(node.Url);
        await member.DisposeAsync();
        using var http = new HttpClient { BaseAddress = node.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);

        var outage = postgres.RestartAsync(downtime: TimeSpan.FromSeconds(6));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (var during = await http.DeleteAsync("/api/members/me"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), during.Headers.RetryAfter?.Delta);
        }

        await outage;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(500);
            using var retry = await http.DeleteAsync("/api/members/me");
            status = retry.StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NoContent, status);
        using var after = await http.DeleteAsync("/api/members/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
