using System.Net;
using MatchChat.Web.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Edge;

public static class EdgeExtensions
{
    /// <summary><c>MatchChat:Web</c>: origins, forwarded headers, connection caps and timeouts.</summary>
    public static IServiceCollection AddMatchChatEdge(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("MatchChat:Web");
        services.Configure<EdgeOptions>(options =>
        {
            section.Bind(options);
            options.AllowedOrigins = List(section, nameof(EdgeOptions.AllowedOrigins));
            options.KnownProxies = List(section, nameof(EdgeOptions.KnownProxies));
            options.KnownNetworks = List(section, nameof(EdgeOptions.KnownNetworks));
        });
        services.Configure<HubOptions>(options =>
        {
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(section.GetValue(nameof(EdgeOptions.ClientTimeoutSeconds), 30.0));
            options.HandshakeTimeout = TimeSpan.FromSeconds(section.GetValue(nameof(EdgeOptions.HandshakeTimeoutSeconds), 15.0));
        });
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<ConnectionGuard>();
        return services;
    }

    /// <summary>Forwarded headers from the listed proxies (none listed: <c>X-Forwarded-*</c> is ignored), then the Origin check.</summary>
    public static WebApplication UseMatchChatEdge(this WebApplication app)
    {
        var section = app.Configuration.GetSection("MatchChat:Web");
        var proxies = List(section, nameof(EdgeOptions.KnownProxies));
        var networks = List(section, nameof(EdgeOptions.KnownNetworks));
        if (proxies.Length > 0 || networks.Length > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException("MatchChat__Web__KnownProxies must list IP addresses, separated by commas."));
            }

            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException("MatchChat__Web__KnownNetworks must list networks in CIDR form (10.0.0.0/8), separated by commas."));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseMiddleware<OriginPolicy>();
        return app;
    }

    /// <summary>The hub, as <c>MapHub</c> maps it, with <see cref="ConnectionGuard"/> around every connection.</summary>
    public static IEndpointConventionBuilder MapChatHub(this IEndpointRouteBuilder endpoints, string pattern)
    {
        var guard = endpoints.ServiceProvider.GetRequiredService<ConnectionGuard>();
        var builder = endpoints.MapConnections(pattern, new HttpConnectionDispatcherOptions(), connection =>
        {
            connection.Use(next => context => guard.RunAsync(context, next));
            connection.UseHub<ChatHub>();
        });
        var attributes = typeof(ChatHub).GetCustomAttributes(inherit: true);
        builder.Add(endpoint =>
        {
            // What MapHub adds: the hub's attributes ([Authorize]) and which hub this is.
            foreach (var attribute in attributes)
            {
                endpoint.Metadata.Add(attribute);
            }

            endpoint.Metadata.Add(new HubMetadata(typeof(ChatHub)));
        });
        return builder;
    }

    /// <summary>A list setting as <c>a,b c</c> in one value, or as <c>:0</c>, <c>:1</c> children.</summary>
    private static string[] List(IConfigurationSection section, string key)
    {
        var setting = section.GetSection(key);
        var values = setting.Value is { } single ? [single] : setting.GetChildren().Select(c => c.Value ?? string.Empty);
        return [.. values.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
