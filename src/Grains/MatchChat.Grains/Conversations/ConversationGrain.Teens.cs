using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Members;

namespace MatchChat.Grains.Conversations;

/// <summary>
/// A moderator's revocation of an adult's approval to hear teens ends the adult's open conversations with teen seekers
/// (an outside probe: after the revocation the chat went on, and its messages reached the teen).
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task EndIfSeekerIsTeen(string listenerId)
    {
        if (S.EndedAt is not null || listenerId != S.ListenerId)
        {
            return;
        }

        var seeker = await GrainFactory.Ref<IMemberGrain>(S.SeekerId).ContactCard();
        if (seeker.AgeGroup == AgeGroups.Teen)
        {
            await End(listenerId, EndReasons.Ended, bySystem: true);
        }
    }
}
