using MatchChat.Hosting;

namespace MatchChat.Web.Hosting;

public static class OrleansHostingExtensions
{
    public static HostingMode ReadHostingMode(this IConfiguration configuration)
    {
        var value = configuration["MatchChat:Hosting:Mode"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return HostingMode.Embedded;
        }

        return Enum.TryParse<HostingMode>(value, ignoreCase: true, out var mode)
            ? mode
            : throw new InvalidOperationException("MatchChat__Hosting__Mode must be Embedded or Client.");
    }

    /// <summary>Embedded: a silo in this process (the default). Client: an Orleans client of the cluster. Either way, the health checks of /healthz.</summary>
    public static WebApplicationBuilder AddMatchChatOrleans(this WebApplicationBuilder builder, HostingMode mode)
    {
        if (mode == HostingMode.Embedded)
        {
            builder.UseOrleans(silo => silo.UseMatchChat(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.UseMatchChat(builder.Configuration));
        }

        builder.Services.AddMatchChatHealthChecks(builder.Configuration);

        return builder;
    }
}
