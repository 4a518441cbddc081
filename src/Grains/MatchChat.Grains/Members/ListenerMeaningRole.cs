using MatchChat.Contracts.Matching;
using MatchChat.Grains.Matching;

namespace MatchChat.Grains.Members;

/// <summary>
/// [network] A listener's vectors for matching by meaning: made when the bio or tags change (once: an unchanged profile
/// keeps its vectors), kept in the member's state (so they survive restarts and travel with every roster snapshot), and
/// made again at the next <c>Volunteer</c> when the model was off or too slow the last time.
/// </summary>
internal static class ListenerMeaningRole
{
    /// <summary>The vectors for this profile: the ones kept when nothing changed, fresh ones otherwise (null: none now).</summary>
    public static async Task<(ListenerMeaning? Meaning, string Of)> For(IMemberContext m, string? bio, string[] experiences)
    {
        var of = MeaningService.Fingerprint(bio, experiences);
        if (m.State.Listener is { Meaning: { } kept } l && l.MeaningOf == of)
        {
            return (kept, of);
        }

        return (await m.Meaning.Listener(bio, experiences), of);
    }

    public static void Apply(ListenerSettings listener, string? bio, (ListenerMeaning? Meaning, string Of) meaning)
    {
        listener.Bio = bio;
        listener.Meaning = meaning.Meaning;
        listener.MeaningOf = meaning.Meaning is null ? null : meaning.Of;
    }
}
