using MatchChat.Contracts;
using MatchChat.Contracts.Members;

namespace MatchChat.Grains.Conversations;

/// <summary>
/// [network] The listener's bio as the seeker sees it (<c>peerBio</c>): the listener's own words, so it follows what
/// they say now. A bio changed or removed, or erased with the listener's data, reaches the stored conversation and the
/// seeker's own list (an outside probe read a deleted listener's bio, and a removed one, in their past peers' lists).
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task ListenerBioChanged(string memberId, string? bio)
    {
        if (!S.Exists || memberId != S.ListenerId)
        {
            return;
        }

        if (S.EndedAt is not null)
        {
            // The listener's list may not know of the end yet: an ended conversation keeps no bio, and the seeker's
            // record dropped it at the end.
            if (S.ListenerBio is not null)
            {
                await Writes.Change(s => s.ListenerBio = null);
            }

            return;
        }

        if (S.ListenerBio != bio)
        {
            await Writes.Change(s => s.ListenerBio = bio);
        }

        // Told even when this record already had it: the seeker's copy is written separately and may have missed it.
        _ = GrainFactory.Ref<IMemberGrain>(S.SeekerId).OnPeerBioChanged(Id, bio);
    }
}
