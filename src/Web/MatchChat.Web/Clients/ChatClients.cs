using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Clients;

/// <summary>
/// The chat hub's connections as the push code reaches them: send to a user or a group, and manage group membership.
/// Taken from the hub's context where the services are put together, so the push code never names the hub.
/// </summary>
public sealed record ChatClients(IHubClients<IChatClient> Clients, IGroupManager Groups);
