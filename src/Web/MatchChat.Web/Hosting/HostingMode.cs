namespace MatchChat.Web.Hosting;

/// <summary><c>MatchChat:Hosting:Mode</c>: a silo inside this process, or a client of a silo cluster.</summary>
public enum HostingMode
{
    Embedded,
    Client,
}
