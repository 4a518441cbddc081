namespace MatchChat.Web.Dashboard;

public static class DashboardPaths
{
    public const string Prefix = "/dashboard";
    public const string SignIn = "/dashboard/signin";
    public const string SignOut = "/dashboard/signout";
}
