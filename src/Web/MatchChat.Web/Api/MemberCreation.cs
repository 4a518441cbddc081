using MatchChat.Contracts;
using MatchChat.Contracts.Members;

namespace MatchChat.Web.Api;

/// <summary>
/// <c>POST /api/members</c> without HTTP: claim a free handle for a new member id, then create the member. A member
/// that could not be created gives its handle back, so a handle is never left claimed by a member that does not exist.
/// </summary>
public static class MemberCreation
{
    private const int HandleAttempts = 20;

    /// <summary>The new member, or null when no free handle was found. Throws when the cluster or storage failed.</summary>
    public static async Task<Member?> CreateAsync(
        IGrainFactory grains, string memberId, string ageGroup, Func<string> nextHandle, ILogger logger, string? region = null, string? language = null)
    {
        for (var attempt = 0; attempt < HandleAttempts; attempt++)
        {
            var handle = grains.Ref<IHandleGrain>(nextHandle());
            if (!await handle.Claim(memberId))
            {
                continue;
            }

            try
            {
                return await grains.Ref<IMemberGrain>(memberId).Create(handle.GetPrimaryKeyString(), ageGroup, region, language);
            }
            catch (Exception)
            {
                await ReleaseAsync(handle, memberId, logger);
                throw;
            }
        }

        return null;
    }

    private static async Task ReleaseAsync(IHandleGrain handle, string memberId, ILogger logger)
    {
        try
        {
            await handle.Release(memberId);
        }
        catch (Exception e)
        {
            // The caller's failure is the one to report; this handle stays unused.
            logger.LogWarning("A handle could not be given back after a failed member creation ({ExceptionType})", e.GetType().Name);
        }
    }
}
