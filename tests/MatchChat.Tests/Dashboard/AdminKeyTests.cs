using System.Security.Cryptography;
using MatchChat.Tests.Support;
using MatchChat.Web;
using MatchChat.Web.Admin;
using MatchChat.Web.Dashboard;

namespace MatchChat.Tests.Dashboard;

/// <summary><c>MatchChat__Admin__Key</c>: validated at start-up, matched in constant time, never stored in a browser.</summary>
public sealed class AdminKeyTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("c2hvcnQta2V5", "decodes to 9 bytes")]
    [InlineData("MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MA", "not base64")]
    public void A_key_that_is_set_but_not_base64_of_32_bytes_stops_the_node_with_a_message_naming_the_setting(string key, string reason)
    {
        var e = Assert.Throws<InvalidOperationException>(() => MatchChatServer.Build([], new Dictionary<string, string?> { ["MatchChat:Admin:Key"] = key }));

        Assert.Contains("MatchChat__Admin__Key", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain(key, e.Message);
    }

    [Fact]
    public void A_31_byte_key_is_too_short()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            AdminKey.From(new AdminOptions { Key = Convert.ToBase64String(new byte[31]) }));

        Assert.Contains("at least 32", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_key_means_no_admin_surface_and_nothing_matches(string? key)
    {
        var admin = AdminKey.From(new AdminOptions { Key = key });

        Assert.False(admin.IsConfigured);
        Assert.False(admin.Matches(key));
        Assert.False(admin.Matches(Key));
    }

    [Fact]
    public void Only_the_configured_key_matches()
    {
        var admin = AdminKey.From(new AdminOptions { Key = Key });
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Assert.True(admin.Matches(Key));
        Assert.True(admin.Matches(" " + Key + "\n"));
        Assert.False(admin.Matches(other));
        Assert.False(admin.Matches(Key[..^4]));
        Assert.False(admin.Matches(Key + Key));
        Assert.False(admin.Matches("not base64!"));
        Assert.False(admin.Matches(""));
        Assert.False(admin.Matches(new string('A', 5000)));
    }

    [Fact]
    public void A_session_cookie_holds_neither_the_key_nor_anything_valid_under_another_key()
    {
        var time = new ManualTime(new DateTime(2026, 1, 1));
        var admin = AdminKey.From(new AdminOptions { Key = Key });
        var session = new DashboardSession(admin, time);

        var cookie = session.Issue(out var expires);

        Assert.True(session.IsValid(cookie));
        Assert.Equal(time.GetUtcNow() + DashboardSession.Lifetime, expires);
        Assert.DoesNotContain(Key.TrimEnd('='), cookie);
        var rotated = new DashboardSession(AdminKey.From(new AdminOptions { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }), time);
        Assert.False(rotated.IsValid(cookie));
    }

    [Fact]
    public void A_session_cookie_that_was_altered_or_has_expired_is_refused()
    {
        var time = new ManualTime(new DateTime(2026, 1, 1));
        var session = new DashboardSession(AdminKey.From(new AdminOptions { Key = Key }), time);
        var cookie = session.Issue(out _);
        var parts = cookie.Split('.');

        Assert.False(session.IsValid($"v1.{long.Parse(parts[1]) + 3600}.{parts[2]}"));
        Assert.False(session.IsValid($"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}"));
        Assert.False(session.IsValid($"{parts[0]}.{parts[1]}."));
        Assert.False(session.IsValid("v1.notanumber.AAAA"));
        Assert.False(session.IsValid(""));
        Assert.False(session.IsValid(null));

        time.Advance(DashboardSession.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(session.IsValid(cookie));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(session.IsValid(cookie));
    }
}
