using MatchChat.Web.Push;

namespace MatchChat.Web.Hubs;

/// <summary>What the report methods of the hub need: the rate limit and the moderators' push.</summary>
public sealed record ReportServices(ReportRateLimiter Limiter, ModeratorPush Moderators);
