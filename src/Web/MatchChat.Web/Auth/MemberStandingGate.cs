using MatchChat.Contracts;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Auth;

/// <summary>
/// The second half of token authentication: a well-signed token is accepted only while its member exists and is not
/// suspended, read from the member grain (<c>GetStanding</c>) on every negotiate, connect and REST call, so a
/// suspended or deleted member is refused (401) on every web node at once, whichever node they try. No cache: a
/// connection is authenticated once, and the read is one small call to a grain that is usually active.
/// If the cluster cannot be asked (it is starting or down) the token is let through: every call the member then makes
/// goes to their grain, which refuses a suspended or deleted member itself; a 401 there would make pages throw away
/// a good identity during an outage.
/// </summary>
public sealed class MemberStandingGate(IGrainFactory grains, ILogger<MemberStandingGate> logger)
{
    public async Task<bool> AllowsAsync(string memberId) => await InStandingAsync(memberId) ?? true;

    /// <summary>
    /// Whether the member exists and is not suspended; null when the cluster cannot be asked (each caller decides what
    /// that means: this gate lets the token through, <see cref="Push.MemberCloser"/> closes).
    /// </summary>
    public async Task<bool?> InStandingAsync(string memberId)
    {
        try
        {
            var standing = await grains.Ref<IMemberGrain>(memberId).GetStanding();
            return standing.Exists && !standing.Suspended;
        }
        catch (Exception e)
        {
            logger.LogWarning("A member's standing could not be read ({ExceptionType})", e.GetType().Name);
            return null;
        }
    }
}
