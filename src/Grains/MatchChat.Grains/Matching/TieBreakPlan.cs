using MatchChat.Contracts.Matching;

namespace MatchChat.Grains.Matching;

/// <summary>
/// <see cref="MatchingPolicy.Plan"/> over a roster already in <see cref="ListenerTieBreak"/> order, with the same result
/// at a cost that follows the offers made rather than the roster's size. A seeker for whom every listener scores the
/// same (<see cref="UniformScore"/>: no tags, no meaning vector, no preferred listener) takes the first eligible free
/// listener in that order, which is exactly the one <see cref="MatchingPolicy.Choose"/>'s scan would pick; any other
/// seeker is chosen for by the scan, as before. Pure: no clock, no I/O.
/// </summary>
public static class TieBreakPlan
{
    /// <summary>Every listener gets the same <see cref="MatchingPolicy.Score"/> for this seeker, and no preferred listener comes first.</summary>
    public static bool UniformScore(WaitingSeeker seeker) =>
        seeker.Experiences.Count == 0 && seeker.Meaning is null && seeker.Preferred is null;

    /// <summary>
    /// The offers <see cref="MatchingPolicy.Plan"/> would make for <paramref name="waitingInOrder"/>, given
    /// <paramref name="rosterInOrder"/> sorted by <see cref="ListenerTieBreak"/> (the caller's promise; with another
    /// order the uniform seekers' picks differ).
    /// </summary>
    public static IReadOnlyList<PlannedOffer> Plan(
        IEnumerable<WaitingSeeker> waitingInOrder,
        IEnumerable<ListenerSnapshot> rosterInOrder,
        IReadOnlySet<string> listenersWithOpenOffer,
        DateTime? now = null)
    {
        var plan = new List<PlannedOffer>();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        // The free listeners in order, read from the roster only as far as the walks need; `head` skips the leading
        // ones already chosen, so a run of uniform seekers costs what they take, not the roster's size each.
        using var roster = rosterInOrder.GetEnumerator();
        var seen = new List<ListenerSnapshot>();
        var rosterEnded = false;
        var head = 0;
        List<ListenerSnapshot>? scan = null;
        foreach (var seeker in waitingInOrder.OrderBy(s => s.Urgent ? 0 : 1))
        {
            if (seeker.HasOpenOffer)
            {
                continue;
            }

            ListenerSnapshot? pick;
            if (UniformScore(seeker))
            {
                pick = FirstEligible(seeker);
            }
            else
            {
                scan ??= ReadAll().Where(l => !chosen.Contains(l.ListenerId)).ToList();
                pick = PreferredListener.Pick(seeker, scan) ?? MatchingPolicy.Choose(seeker, scan);
            }

            if (pick is null)
            {
                continue;
            }

            chosen.Add(pick.ListenerId);
            scan?.Remove(pick);
            plan.Add(new PlannedOffer(seeker, pick, MatchingPolicy.SharedExperiences(seeker.Experiences, pick.Experiences), MatchingPolicy.Reason(seeker, pick)));
        }

        return plan;

        ListenerSnapshot? FirstEligible(WaitingSeeker seeker)
        {
            for (var i = head; TryGet(i, out var l); i++)
            {
                if (chosen.Contains(l.ListenerId))
                {
                    if (i == head)
                    {
                        head++;
                    }

                    continue;
                }

                // Free listeners are on schedule now (checked when read): no need to convert the clock again.
                if (MatchingPolicy.IsEligible(seeker, l))
                {
                    return l;
                }
            }

            return null;
        }

        bool TryGet(int i, out ListenerSnapshot l)
        {
            while (seen.Count <= i && !rosterEnded)
            {
                if (!roster.MoveNext())
                {
                    rosterEnded = true;
                    break;
                }

                if (IsFree(roster.Current))
                {
                    seen.Add(roster.Current);
                }
            }

            l = i < seen.Count ? seen[i] : null!;
            return i < seen.Count;
        }

        List<ListenerSnapshot> ReadAll()
        {
            TryGet(int.MaxValue - 1, out _);
            return seen;
        }

        bool IsFree(ListenerSnapshot l) =>
            l.Available && l.ActiveChats < l.MaxConcurrentChats && !listenersWithOpenOffer.Contains(l.ListenerId) && MatchingPolicy.OnSchedule(l, now);
    }
}
