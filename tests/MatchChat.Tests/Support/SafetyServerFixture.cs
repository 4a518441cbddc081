using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace MatchChat.Tests.Support;

/// <summary>A server with an operator admin key, so tests can grant the moderator role through the real admin API.</summary>
public class SafetyServerFixture : ServerFixture
{
    public string AdminKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?> { ["MatchChat:Admin:Key"] = AdminKey };

    public HttpClient Admin(string? key = null)
    {
        var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return http;
    }

    /// <summary>A new member who holds the moderator role, granted with POST /api/admin/moderators.</summary>
    public async Task<TestMember> NewModerator()
    {
        var member = await NewMember();
        using var admin = Admin();
        (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle = member.Handle })).EnsureSuccessStatusCode();
        return member;
    }
}
