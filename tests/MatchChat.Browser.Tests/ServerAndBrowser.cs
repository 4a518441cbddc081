using System.Net;
using System.Net.Sockets;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace MatchChat.Browser.Tests;

/// <summary>What every browser fixture runs: a real MatchChat server (embedded silo, real sockets) and the system Chromium.</summary>
public sealed class ServerAndBrowser : IAsyncDisposable
{
    /// <summary>Debian's chromium package. Playwright never downloads a browser here.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>What the server logged, for a failing test to print.</summary>
    public ServerLog Log { get; } = new();

    /// <summary>Starts the server with these settings (silo and gateway ports are chosen free) and launches Chromium.</summary>
    public async Task StartAsync(Dictionary<string, string?> settings)
    {
        var chromium = Environment.GetEnvironmentVariable("MATCHCHAT_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. These tests drive the system browser: " +
                "install it with `apt-get update && apt-get install -y chromium` (or set MATCHCHAT_CHROMIUM).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        settings["MatchChat:Cluster:SiloPort"] = FreePort().ToString();
        settings["MatchChat:Cluster:GatewayPort"] = FreePort().ToString();

        // The page is served exactly as the build ships it (wwwroot copied next to MatchChat.Web.dll).
        app = MatchChatServer.Build(["--urls", "http://127.0.0.1:0"], settings, builder => builder.Logging.AddProvider(Log));
        await app.StartAsync();
        BaseUrl = app.Urls.First().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1");

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
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
