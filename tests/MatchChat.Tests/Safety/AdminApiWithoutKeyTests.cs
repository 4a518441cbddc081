using System.Net;
using System.Net.Http.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Safety;

public sealed class AdminApiWithoutKeyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Without_an_admin_key_configured_the_admin_api_answers_404()
    {
        await using var member = await server.NewMember();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Convert.ToBase64String(new byte[32]));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/admin/moderators/{member.Handle}")).StatusCode);
    }
}
