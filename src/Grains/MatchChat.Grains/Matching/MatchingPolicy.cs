using MatchChat.Contracts.Listening;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Language.Matching;


namespace MatchChat.Grains.Matching;

/// <summary>
/// PROTOCOL.md's matching rules as a pure function: inputs in, decisions out, no I/O; the clock is passed in (schedules).
/// Eligible: has the topic, available, spare capacity, not the seeker, age-compatible, not excluded for this request,
/// and neither has blocked the other (<see cref="EitherBlocked"/>; every path that offers a request goes through <see cref="IsEligible"/>).
/// Preferred: best match score ([network], <see cref="Score"/>: shared experiences, then meaning), then largest share of spare capacity, then longest since last assignment
/// (never assigned counts as longest). Seekers are served first in, first out, urgent ones before all others ([crisis]);
/// a listener holds one open offer at a time.
/// </summary>
public static class MatchingPolicy
{
    /// <summary>Teen seekers go to teen listeners and to adults whose <c>acceptsTeens</c> a moderator approved (an adult's
    /// unapproved wish is not enough); teen listeners never get adult seekers.</summary>
    public static bool AgeCompatible(string seekerAgeGroup, ListenerSnapshot listener) =>
        seekerAgeGroup == AgeGroups.Teen
            ? listener.AgeGroup == AgeGroups.Teen || (listener.AcceptsTeens && listener.TeenApproved)
            : listener.AgeGroup != AgeGroups.Teen;

    /// <summary><paramref name="now"/> (UTC) is the caller's clock for the listener's weekly schedule ([network]): pass it
    /// whenever a listener may have one; null skips that rule.</summary>
    public static bool IsEligible(WaitingSeeker seeker, ListenerSnapshot listener, DateTime? now = null) =>
        listener.Available
        && OnSchedule(listener, now)
        && listener.Topics.Contains(seeker.Topic)
        && listener.ActiveChats < listener.MaxConcurrentChats
        && listener.ListenerId != seeker.SeekerId
        && AgeCompatible(seeker.AgeGroup, listener)
        && !seeker.Excluded.Contains(listener.ListenerId)
        && !EitherBlocked(seeker, listener);

    /// <summary>[network] No schedule, or <paramref name="now"/> falls inside one of its slots (in the listener's time zone).</summary>
    public static bool OnSchedule(ListenerSnapshot listener, DateTime? now) =>
        listener.Schedule is not { } schedule || now is not { } at || ScheduleRules.Covers(schedule, at);

    /// <summary>The seeker blocked the listener, or the listener blocked the seeker: never paired, in either direction.</summary>
    public static bool EitherBlocked(WaitingSeeker seeker, ListenerSnapshot listener) =>
        (seeker.Blocked?.Contains(listener.ListenerId) ?? false)
        || (listener.Blocked?.Contains(seeker.SeekerId) ?? false);

    public static int SharedExperiences(IReadOnlyCollection<string> seeker, IReadOnlyCollection<string> listener) =>
        seeker.Count(listener.Contains);

    /// <summary>
    /// [network] <see cref="MatchScore.Of"/>: every shared tag counts 1, and the similarity of the two texts (below 1) orders
    /// listeners who share as many tags. Without vectors it is the shared-tag count: the rule before meaning, unchanged.
    /// </summary>
    public static double Score(WaitingSeeker seeker, ListenerSnapshot listener) =>
        MatchScore.Of(SharedExperiences(seeker.Experiences, listener.Experiences), MeaningMatch.Similarity(seeker.Meaning, listener.Meaning));

    /// <summary>[network] Why this pair, in plain words: <c>shared: a, b</c>, <c>similar experience</c>, or null.</summary>
    public static string? Reason(WaitingSeeker seeker, ListenerSnapshot listener) =>
        MatchScore.Reason(seeker.Experiences.Where(listener.Experiences.Contains).ToArray(), MeaningMatch.Similarity(seeker.Meaning, listener.Meaning));

    public static double SpareShare(ListenerSnapshot l) =>
        l.MaxConcurrentChats <= 0 ? 0 : (double)(l.MaxConcurrentChats - l.ActiveChats) / l.MaxConcurrentChats;

    /// <summary>
    /// The best eligible listener for one seeker, or null: highest <see cref="Score"/>, then <see cref="SpareShare"/>,
    /// then longest since last assigned, then listener id (ordinal), so exactly one is best. One pass, each score
    /// computed once (it was a sort of every eligible listener per seeker, the largest part of planning a burst).
    /// </summary>
    public static ListenerSnapshot? Choose(WaitingSeeker seeker, IEnumerable<ListenerSnapshot> listeners, DateTime? now = null)
    {
        ListenerSnapshot? best = null;
        var bestScore = 0.0;
        foreach (var l in listeners)
        {
            if (!IsEligible(seeker, l, now))
            {
                continue;
            }

            var score = Score(seeker, l);
            if (best is null || Better(score, l, bestScore, best))
            {
                best = l;
                bestScore = score;
            }
        }

        return best;
    }

    private static bool Better(double score, ListenerSnapshot l, double bestScore, ListenerSnapshot best)
    {
        var byScore = score.CompareTo(bestScore);
        if (byScore != 0)
        {
            return byScore > 0;
        }

        var bySpare = SpareShare(l).CompareTo(SpareShare(best));
        if (bySpare != 0)
        {
            return bySpare > 0;
        }

        var byLast = (l.LastAssignedAt ?? DateTime.MinValue).CompareTo(best.LastAssignedAt ?? DateTime.MinValue);
        return byLast != 0 ? byLast < 0 : string.CompareOrdinal(l.ListenerId, best.ListenerId) < 0;
    }

    /// <summary>
    /// Offers to make now. <paramref name="waitingInOrder"/> is first-in-first-out; seekers that already have an open
    /// offer are skipped, as are listeners in <paramref name="listenersWithOpenOffer"/>. Each listener gets at most one.
    /// </summary>
    public static IReadOnlyList<PlannedOffer> Plan(
        IEnumerable<WaitingSeeker> waitingInOrder,
        IEnumerable<ListenerSnapshot> roster,
        IReadOnlySet<string> listenersWithOpenOffer,
        DateTime? now = null)
    {
        // Seeker-independent criteria first, so a burst of seekers against busy listeners ends the scan early.
        var free = roster
            .Where(l => l.Available && l.ActiveChats < l.MaxConcurrentChats && !listenersWithOpenOffer.Contains(l.ListenerId) && OnSchedule(l, now))
            .ToList();
        var plan = new List<PlannedOffer>();
        // Urgent first, then as given (OrderBy is stable): first in, first out within each priority.
        foreach (var seeker in waitingInOrder.OrderBy(s => s.Urgent ? 0 : 1))
        {
            if (free.Count == 0)
            {
                break;
            }

            if (seeker.HasOpenOffer)
            {
                continue;
            }

            // Every listener in `free` is on schedule now: no need to convert the clock again per seeker.
            var chosen = PreferredListener.Pick(seeker, free) ?? Choose(seeker, free);
            if (chosen is null)
            {
                continue;
            }

            free.Remove(chosen);
            plan.Add(new PlannedOffer(seeker, chosen, SharedExperiences(seeker.Experiences, chosen.Experiences), Reason(seeker, chosen)));
        }

        return plan;
    }
}
