using MatchChat.Contracts.Matching;

namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] preferHandle as a pure rule: a request that names a preferred listener (someone in the seeker's network) goes
/// to them before anyone else whenever they are eligible under every usual rule (<see cref="MatchingPolicy.IsEligible"/>:
/// topic, available, spare capacity, age, blocks, not declined). Once they decline or let the offer expire they are excluded
/// like any listener, so the next pick is the usual one at once; the request never leaves its place in the queue.
/// Seekers stay first in, first out: a preferred listener who is busy with another offer, or is taken by an earlier seeker,
/// does not hold the request back; it goes to the best other listener now.
/// </summary>
public static class PreferredListener
{
    /// <summary>The preferred listener if they are among <paramref name="candidates"/> and eligible; otherwise null.</summary>
    public static ListenerSnapshot? Pick(WaitingSeeker seeker, IEnumerable<ListenerSnapshot> candidates) =>
        seeker.Preferred is not { } preferred
            ? null
            : candidates.FirstOrDefault(l => l.ListenerId == preferred && MatchingPolicy.IsEligible(seeker, l));
}
