using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Tests.Support;

/// <summary>
/// The real web node with its embedded silo, started in this process on a real port (Kestrel), with production
/// timings unless a subclass shortens them.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The running server's services (for a fixture that must wait on something the server starts, such as a model).</summary>
    public IServiceProvider Services => _app!.Services;

    protected virtual IDictionary<string, string?> Timings => new Dictionary<string, string?>();

    /// <summary>Last changes to the server before it is built (a test's log capture, say).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        var settings = TestTopics.Settings();
        settings["MatchChat:Cluster:SiloPort"] = FreePort.Next().ToString();
        settings["MatchChat:Cluster:GatewayPort"] = FreePort.Next().ToString();
        settings["MatchChat:Limits:MessagesPerSecond"] = "1000";
        settings["MatchChat:Limits:MessageBurst"] = "1000";
        settings["MatchChat:Limits:MemberCreationsPerMinute"] = "100000";
        settings["MatchChat:Limits:MemberCreationBurst"] = "100000";
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in Timings)
        {
            settings[key] = value;
        }

        _app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], settings, Configure);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public Task<TestMember> NewMember(string ageGroup = "adult", string? language = null) => TestMember.CreateAsync(BaseUrl, ageGroup, language);
}
