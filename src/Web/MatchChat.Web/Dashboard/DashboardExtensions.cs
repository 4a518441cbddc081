using MatchChat.Hosting.Dashboard;
using MatchChat.Web.Admin;
using MatchChat.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace MatchChat.Web.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, behind the admin key. No admin key: nothing is registered or mapped, so
/// <c>/dashboard</c> and its sign-in answer 404. Embedded mode adds the dashboard's silo half to the embedded silo;
/// Client mode adds its client half and reads what the silos' half collects (<c>MatchChat__Dashboard__Enabled</c> on silos).
/// </summary>
public static class DashboardExtensions
{
    /// <summary>Call after <see cref="OrleansHostingExtensions.AddMatchChatOrleans"/>: it adds to the same silo or client.</summary>
    public static WebApplicationBuilder AddMatchChatDashboard(this WebApplicationBuilder builder, HostingMode mode)
    {
        if (!builder.AddMatchChatAdmin().IsConfigured)
        {
            return builder;
        }

        builder.Services.TryAddSingleton<DashboardSession>();
        builder.Services.TryAddSingleton<DashboardSignIn>();
        if (mode == HostingMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddMatchChatDashboard());
        }
        else
        {
            builder.UseOrleansClient(client => client.AddMatchChatDashboard());
        }

        return builder;
    }

    public static WebApplication MapMatchChatDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<AdminKey>().IsConfigured)
        {
            return app;
        }

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DashboardPaths.Prefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<DashboardGate>());
        app.MapOrleansDashboard(DashboardPaths.Prefix);
        var signIn = app.Services.GetRequiredService<DashboardSignIn>();
        app.MapGet(DashboardPaths.SignIn, signIn.ShowAsync);
        app.MapPost(DashboardPaths.SignIn, signIn.SubmitAsync);
        app.MapPost(DashboardPaths.SignOut, signIn.SignOut);
        return app;
    }
}
