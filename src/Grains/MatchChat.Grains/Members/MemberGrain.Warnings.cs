using MatchChat.Contracts.Push;
using MatchChat.Contracts.Reports;

namespace MatchChat.Grains.Members;

public sealed partial class MemberGrain
{
    /// <summary>At most this many warnings wait for a member with no page open (the oldest go first).</summary>
    public const int PendingWarningsKept = 5;

    /// <summary>
    /// A moderator's warning goes to every open connection of this member; with no page open it waits in their state and
    /// goes to the next node that attaches (an outside probe: a warning to a member with no tab open was never seen).
    /// </summary>
    public async Task OnWarned(Warned warned)
    {
        if (!S.Exists)
        {
            return;
        }

        if (_presence.Connected)
        {
            Notify(n => n.Warned(MemberId, warned));
            return;
        }

        S.PendingWarnings.Add(warned);
        S.PendingWarnings.RemoveRange(0, Math.Max(0, S.PendingWarnings.Count - PendingWarningsKept));
        // Best-effort, like other notices: at worst a restart before the write loses the waiting copy.
        await _writes.TryWrite("after a warning arrived");
    }

    /// <summary>On a node's first attach: the warnings that waited for a connection, then forgotten.</summary>
    private async Task DeliverWarnings(IChatObserver node)
    {
        if (S.PendingWarnings.Count == 0)
        {
            return;
        }

        foreach (var warned in S.PendingWarnings)
        {
            _ = node.Warned(MemberId, warned);
        }

        S.PendingWarnings.Clear();
        await _writes.TryWrite("after delivering warnings");
    }
}
