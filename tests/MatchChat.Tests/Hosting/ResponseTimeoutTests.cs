using System.Security.Cryptography;
using MatchChat.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MatchChat.Tests.Hosting;

/// <summary><c>MatchChat__Cluster__ResponseTimeoutSeconds</c> (default 10 s), as a node built from it applies it (built, not started).</summary>
public sealed class ResponseTimeoutTests
{
    [Fact]
    public async Task The_embedded_silo_gives_up_on_an_unanswered_grain_call_after_10_seconds()
    {
        await using var app = MatchChatServer.Build([]);

        Assert.Equal(TimeSpan.FromSeconds(10), app.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public async Task The_setting_applies_to_the_embedded_silo_and_to_a_client()
    {
        await using var embedded = MatchChatServer.Build([], new Dictionary<string, string?> { ["MatchChat:Cluster:ResponseTimeoutSeconds"] = "4" });
        await using var client = MatchChatServer.Build([], new Dictionary<string, string?>
        {
            ["MatchChat:Hosting:Mode"] = "Client",
            ["MatchChat:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["MatchChat:Cluster:ResponseTimeoutSeconds"] = "4",
        });

        Assert.Equal(TimeSpan.FromSeconds(4), embedded.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), client.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }
}
