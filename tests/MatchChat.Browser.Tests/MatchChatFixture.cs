using System.Net;
using System.Net.Sockets;
using MatchChat.Web;
using Microsoft.AspNetCore.Builder;

namespace MatchChat.Browser.Tests;

/// <summary>
/// One real MatchChat server (embedded silo, in-memory storage, real sockets) and one real
/// Chromium for the whole test run. Every test makes its own members in fresh browser contexts.
/// </summary>
public sealed class MatchChatFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package. Playwright never downloads a browser here.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("MATCHCHAT_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. These tests drive the system browser: " +
                "install it with `apt-get update && apt-get install -y chromium` (or set MATCHCHAT_CHROMIUM).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        SetDefaultExpectTimeout(20_000);

        // The page is served exactly as the build ships it (wwwroot copied next to MatchChat.Web.dll).
        app = MatchChatServer.Build(
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?>
            {
                ["MatchChat:Cluster:SiloPort"] = FreePort().ToString(),
                ["MatchChat:Cluster:GatewayPort"] = FreePort().ToString(),
                ["MatchChat:Matching:OfferTimeoutSeconds"] = "30",
                ["MatchChat:Limits:MemberCreationsPerMinute"] = "100000",
                ["MatchChat:Limits:MemberCreationBurst"] = "100000",
            });
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

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MatchChat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find MatchChat.sln above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<MatchChatFixture>
{
    public const string Name = "MatchChat in Chromium";
}
