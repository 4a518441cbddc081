using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Push;

namespace MatchChat.Grains.Members;

/// <summary>
/// [network] Thanks a member received: counted (a listener's stats are counters, never a list of who or what), pushed
/// live as <c>Thanked</c>, or kept (at most <see cref="PendingKept"/>) for the next connection when no page is open.
/// </summary>
internal sealed class GratitudeRole(IMemberContext m)
{
    public const int PendingKept = 20;

    private MemberState S => m.State;

    public static ListenerStats Stats(MemberState s) =>
        new(s.ListenedCount, s.ThanksReceived, s.ThanksReceived == 0 ? null : Math.Round((double)s.RatingSum / s.ThanksReceived, 2));

    public async Task OnThanked(Thanked thanked, bool asListener, bool connected)
    {
        if (!S.Exists)
        {
            return;
        }

        if (asListener)
        {
            S.ThanksReceived++;
            S.RatingSum += thanked.Rating;
        }

        if (connected)
        {
            m.Notify(n => n.Thanked(m.MemberId, thanked));
        }
        else
        {
            S.PendingThanks.Add(thanked);
            S.PendingThanks.RemoveRange(0, Math.Max(0, S.PendingThanks.Count - PendingKept));
        }

        // The rater was told "done" when the conversation stored its flag: this is best-effort, like other notices.
        await m.Writes.TryWrite("after thanks arrived");
    }

    /// <summary>On a node's first attach: thanks that waited for a connection, then forgotten (their notes with them).</summary>
    public async Task Deliver(IChatObserver node)
    {
        if (S.PendingThanks.Count == 0)
        {
            return;
        }

        foreach (var thanked in S.PendingThanks)
        {
            _ = node.Thanked(m.MemberId, thanked);
        }

        S.PendingThanks.Clear();
        await m.Writes.TryWrite("after delivering thanks");
    }
}
