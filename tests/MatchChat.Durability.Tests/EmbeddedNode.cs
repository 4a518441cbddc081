using System.Security.Cryptography;
using MatchChat.Tests.Support;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Durability.Tests;

/// <summary>A web node with its embedded silo on PostgreSQL, started in-process on a real port; restartable on the same database.</summary>
public sealed class EmbeddedNode(string connectionString, Dictionary<string, string?>? extra = null) : IAsyncDisposable
{
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MatchChat"] = connectionString,
            ["MatchChat:Auth:SigningKey"] = _signingKey,
            ["MatchChat:Cluster:SiloPort"] = _siloPort.ToString(),
            ["MatchChat:Cluster:GatewayPort"] = _gatewayPort.ToString(),
            ["MatchChat:Cluster:AdvertisedIP"] = "127.0.0.1",
            ["MatchChat:Limits:MessagesPerSecond"] = "1000",
            ["MatchChat:Limits:MessageBurst"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The crisis phrase screen runs; the large model stays out unless a test asks for it.
            ["MatchChat:Crisis:Model"] = "false",
            ["MatchChat:Matching:Meaning"] = "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        _app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], settings);
        await _app.StartAsync();
        Url = new Uri(_app.Urls.First());
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
