using System.Security.Cryptography;

namespace MatchChat.Browser.Tests;

/// <summary>
/// A MatchChat server with an admin key (so the Orleans Dashboard is on at /dashboard) and its own Chromium. Kept apart
/// from <see cref="MatchChatFixture"/>, whose server has no admin key, like the default.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly ServerAndBrowser _host = new();

    public string AdminKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string BaseUrl => _host.BaseUrl;

    public IPlaywright Playwright => _host.Playwright;

    public IBrowser Browser => _host.Browser;

    public Task InitializeAsync() => _host.StartAsync(new Dictionary<string, string?>
    {
        ["MatchChat:Admin:Key"] = AdminKey,
        ["Logging:LogLevel:Default"] = "Warning",
    });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "The Orleans Dashboard in Chromium";
}
