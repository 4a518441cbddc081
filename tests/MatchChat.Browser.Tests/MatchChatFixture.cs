namespace MatchChat.Browser.Tests;

/// <summary>
/// One real MatchChat server (embedded silo, in-memory storage, real sockets) and one real
/// Chromium for the whole test run. Every test makes its own members in fresh browser contexts.
/// </summary>
public class MatchChatFixture : IAsyncLifetime
{
    private readonly ServerAndBrowser _host = new();

    public string BaseUrl => _host.BaseUrl;

    public IPlaywright Playwright => _host.Playwright;

    public IBrowser Browser => _host.Browser;

    public ServerLog ServerLog => _host.Log;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        var settings = new Dictionary<string, string?>
        {
            ["MatchChat:Matching:OfferTimeoutSeconds"] = "30",
            // [network] Matching by meaning is on (the default); a loaded test machine gets a generous model timeout.
            ["MatchChat:Matching:MeaningTimeoutSeconds"] = "30",
            ["MatchChat:Limits:MemberCreationsPerMinute"] = "100000",
            ["MatchChat:Limits:MemberCreationBurst"] = "100000",
        };
        Configure(settings);
        return _host.StartAsync(settings);
    }

    /// <summary>A fixture of its own may add settings (for example an admin key) before the server starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

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
