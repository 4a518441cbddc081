using MatchChat.Hosting;
using MatchChat.Hosting.Logging;
using MatchChat.Web.Admin;
using MatchChat.Web.Api;
using MatchChat.Web.Auth;
using MatchChat.Web.Dashboard;
using MatchChat.Web.Edge;
using MatchChat.Web.Hosting;

namespace MatchChat.Web;

/// <summary>Builds the web node; Program.cs runs it and tests start it in-process on a real port.</summary>
public static class MatchChatServer
{
    /// <summary>Where the web node listens when nothing else says.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    private static bool ListensWhereConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static WebApplication Build(string[] args, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Where to listen: ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS (a container's) or Kestrel endpoints when
        // given, otherwise http://localhost:5080. (A "Urls" in appsettings.json used to win over all of them.)
        if (!ListensWhereConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Orleans names a grain that failed by its id, and a handle grain's id is the handle: the console drops them.
        builder.Logging.AddMatchChatConsole();
        var mode = builder.Configuration.ReadHostingMode();
        builder.AddMatchChatOrleans(mode);
        builder.AddMatchChatAuth(embedded: mode == HostingMode.Embedded);
        builder.AddMatchChatDashboard(mode);
        builder.Services.AddMatchChatWeb(builder.Configuration);
        builder.Services.AddMatchChatWebMetrics();
        builder.Services.AddMatchChatEdge(builder.Configuration);
        builder.Services.AddMatchChatPageCompression();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMatchChatEdge();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMatchChatApi();
        app.MapMatchChatAdminApi();
        app.MapChatHub("/hubs/chat");
        app.MapMatchChatMetrics();
        app.MapMatchChatDashboard();
        LogStartup(app, mode);
        return app;
    }

    private static void LogStartup(WebApplication app, HostingMode mode)
    {
        var postgres = !string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("MatchChat"));
        if (mode == HostingMode.Embedded && !postgres)
        {
            app.Logger.LogWarning(
                "MatchChat runs an embedded silo and keeps all data in memory: it is lost when this process stops. " +
                "Set ConnectionStrings__MatchChat to a PostgreSQL connection string to keep it.");
        }
        else
        {
            app.Logger.LogInformation("MatchChat web node in {Mode} mode; storage: {Storage}", mode, postgres ? "PostgreSQL" : "in-memory silo");
        }

        if (app.Services.GetRequiredService<SigningKeySource>().Generated)
        {
            app.Logger.LogWarning("No MatchChat__Auth__SigningKey set: generated one for this process; tokens end when it stops.");
        }
    }
}
