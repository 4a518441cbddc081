using MatchChat.Contracts.Reports;

namespace MatchChat.Grains.Members;

public sealed partial class MemberGrain
{
    /// <summary>A moderator's warning goes to every open connection of this member (nodes attached now).</summary>
    public Task OnWarned(Warned warned)
    {
        Notify(n => n.Warned(MemberId, warned));
        return Task.CompletedTask;
    }
}
