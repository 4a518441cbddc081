using System.Net;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Safety;

/// <summary>A server that closes a deleted or suspended member's connections the moment it hears of it (no grace).</summary>
public sealed class NoCloseGraceServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Web:CloseGraceMilliseconds"] = "0",
    };
}

/// <summary>
/// The answer to the member's own <c>DeleteMe</c> reaches them even when the close the deletion orders reaches the node
/// first (on a loaded machine it did, by more than the close's grace: the page said the deletion failed, and a reconnect
/// then met 401). Here the grace is 0, so the close always comes first.
/// </summary>
public sealed class DeletionAnswerTests(NoCloseGraceServerFixture server) : IClassFixture<NoCloseGraceServerFixture>
{
    [Fact]
    public async Task DeleteMe_answers_the_caller_before_their_connection_closes_and_their_other_tab_closes_too()
    {
        for (var i = 0; i < 5; i++)
        {
            await using var member = await server.NewMember();
            var otherTab = await member.ConnectAnother();
            var callerClosed = StandingProbe.WhenClosed(member.Conn);
            var otherClosed = StandingProbe.WhenClosed(otherTab);

            await member.Conn.Invoke("DeleteMe");

            await Task.WhenAll(callerClosed, otherClosed).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.Unauthorized, await StandingProbe.DeleteMe(server.BaseUrl, member.Token));
        }
    }
}
