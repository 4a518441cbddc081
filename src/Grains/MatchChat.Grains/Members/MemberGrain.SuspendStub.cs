using MatchChat.Contracts.Errors;

namespace MatchChat.Grains.Members;

public sealed partial class MemberGrain
{
    /// <summary>
    /// Placeholder so the reports branch compiles: suspension is built in its own branch, whose implementation of
    /// this exact signature replaces this file at merge.
    /// </summary>
    public Task Suspend(DateTime? until, string reason) =>
        throw MatchChatException.Unavailable("Suspension is not available yet.");
}
