using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Browser.Tests;

/// <summary>
/// A MatchChat server with an admin key (so the Orleans Dashboard is on at /dashboard) and its own Chromium. Kept apart
/// from <see cref="MatchChatFixture"/>, whose server has no admin key, like the default.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string AdminKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("MATCHCHAT_CHROMIUM") is { Length: > 0 } custom ? custom : MatchChatFixture.DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. These tests drive the system browser: " +
                "install it with `apt-get update && apt-get install -y chromium` (or set MATCHCHAT_CHROMIUM).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        app = MatchChatServer.Build(
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?>
            {
                ["MatchChat:Cluster:SiloPort"] = FreePort().ToString(),
                ["MatchChat:Cluster:GatewayPort"] = FreePort().ToString(),
                ["MatchChat:Admin:Key"] = AdminKey,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        await app.StartAsync();
        BaseUrl = app.Urls.First();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "The Orleans Dashboard in Chromium";
}
