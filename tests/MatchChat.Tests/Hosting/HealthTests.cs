using System.Net;
using MatchChat.Hosting;
using MatchChat.Hosting.Health;
using MatchChat.Tests.Support;
using MatchChat.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Tests.Hosting;

/// <summary>/healthz as a load balancer or an operator sees it: 200 ok or 503 unavailable, and nothing about why.</summary>
public sealed class HealthTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Healthz_answers_ok_when_the_cluster_answers()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_503_unavailable_when_a_check_fails_and_tells_nothing_more()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHealthChecks()
            .AddCheck("cluster", () => HealthCheckResult.Healthy())
            .AddCheck("postgresql", () => HealthCheckResult.Unhealthy("PostgreSQL does not answer", new InvalidOperationException("Host=db;Password=secret")));
        await using var app = builder.Build();
        app.MapMatchChatHealth();
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"unavailable"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_postgresql_check_fails_when_nothing_answers_at_the_configured_address()
    {
        var check = new PostgresHealthCheck($"Host=127.0.0.1;Port={FreePort.Next()};Username=matchchat;Password=unused;Timeout=2");

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Theory]
    [InlineData(null, new[] { "cluster" })]
    [InlineData("Host=db;Database=matchchat;Username=matchchat", new[] { "cluster", "postgresql" })]
    public void A_node_checks_the_cluster_and_with_a_connection_string_postgresql_too(string? connectionString, string[] checks)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MatchChat"] = connectionString })
            .Build();
        using var services = new ServiceCollection().AddMatchChatHealthChecks(configuration).BuildServiceProvider();

        var registered = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        Assert.Equal(checks, registered);
    }
}
