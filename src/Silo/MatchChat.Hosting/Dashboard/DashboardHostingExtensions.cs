using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace MatchChat.Hosting.Dashboard;

/// <summary>
/// The Orleans Dashboard (<c>Microsoft.Orleans.Dashboard</c>) has two halves: silos host its grains, grain service and
/// call profiler; a web node serves its page and API, either from its embedded silo or as a client of the silos.
/// Its live log stream is always off: it would send this process's log to the browser.
/// </summary>
public static class DashboardHostingExtensions
{
    /// <summary>Whether a silo process hosts the dashboard's half (<c>MatchChat:Dashboard:Enabled</c>, default true).</summary>
    public static bool DashboardEnabled(this IConfiguration configuration) =>
        configuration.GetValue("MatchChat:Dashboard:Enabled", true);

    /// <summary>The silo half: the dashboard grains and the grain call profiler.</summary>
    public static ISiloBuilder AddMatchChatDashboard(this ISiloBuilder silo) =>
        silo.AddDashboard(o => o.HideTrace = true);

    /// <summary>
    /// The silo half when <c>MatchChat:Dashboard:Enabled</c> is not false. Web nodes in Client mode can show the dashboard
    /// only if every silo has this half.
    /// </summary>
    public static ISiloBuilder AddMatchChatDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        configuration.DashboardEnabled() ? silo.AddMatchChatDashboard() : silo;

    /// <summary>The web half on an Orleans client: it reads the dashboard grains that the silos host.</summary>
    public static IClientBuilder AddMatchChatDashboard(this IClientBuilder client) =>
        client.AddDashboard(o => o.HideTrace = true);
}
