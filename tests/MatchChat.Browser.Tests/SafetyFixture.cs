using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace MatchChat.Browser.Tests;

/// <summary>
/// The page's server with an operator admin key, so a test can make a member a moderator through the real admin API
/// (<c>POST /api/admin/moderators</c>) and take the role back. Its own server: the default fixture has no admin key.
/// </summary>
public sealed class SafetyFixture : MatchChatFixture
{
    public string AdminKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["MatchChat:Admin:Key"] = AdminKey;
    }

    public HttpClient Http(string? bearer = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    public async Task GrantModeratorAsync(string handle)
    {
        using var admin = Http(AdminKey);
        (await admin.PostAsJsonAsync("/api/admin/moderators", new { handle })).EnsureSuccessStatusCode();
    }

    public async Task RevokeModeratorAsync(string handle)
    {
        using var admin = Http(AdminKey);
        (await admin.DeleteAsync("/api/admin/moderators/" + Uri.EscapeDataString(handle))).EnsureSuccessStatusCode();
    }

    /// <summary>A member made moderator by the operator; the page is reloaded so it reads the role (GetMe) without relying on MemberUpdated.</summary>
    public async Task<Member> ModeratorAsync()
    {
        var member = await Member.JoinAsync(this);
        await GrantModeratorAsync(member.Handle);
        await member.Page.ReloadAsync();
        await member.ExpectConnectedAsync();
        await Expect(member.Page.GetByTestId("nav-moderate")).ToBeVisibleAsync();
        await member.GoToAsync("moderate");
        await Expect(member.Page.Locator("#view-moderate")).ToBeVisibleAsync();
        return member;
    }
}

[CollectionDefinition(Name)]
public sealed class SafetyCollection : ICollectionFixture<SafetyFixture>
{
    public const string Name = "Trust and safety in Chromium";
}
