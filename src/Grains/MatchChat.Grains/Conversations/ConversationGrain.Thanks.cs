using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Members;

namespace MatchChat.Grains.Conversations;

/// <summary>
/// [network] Gratitude: a participant thanks the other, once per conversation and rater, during it or after its end.
/// The flag is written first; then the peer's member grain hears it one-way (it counts it and tells their pages).
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task Thank(string memberId, int rating, string? note)
    {
        RequireReader(memberId);
        var bySeeker = memberId == S.SeekerId;
        if (bySeeker ? S.SeekerThanked : S.ListenerThanked)
        {
            throw MatchChatException.Conflict("You have already said thanks for this conversation. Thank you for saying it.");
        }

        // A member who just deleted their data or was suspended may still have a page open for a moment (its close is
        // on its way): their thanks, note included, must not reach the peer. The card interleaves, so no call cycle.
        var rater = await GrainFactory.Ref<IMemberGrain>(memberId).ContactCard();
        if (!rater.Exists)
        {
            throw MatchChatException.NotFound("This member does not exist. Create a new member to continue.");
        }

        if (rater.Suspended)
        {
            throw MatchChatException.Forbidden("Your account is suspended by a moderator for now.");
        }

        if (!bySeeker && !string.IsNullOrEmpty(note) && rater.AgeGroup != AgeGroups.Teen && !rater.TakesTeens
            && (await GrainFactory.Ref<IMemberGrain>(S.SeekerId).ContactCard()).AgeGroup == AgeGroups.Teen)
        {
            // A note is free text to the teen with no time limit: only from an adult approved to hear teens now (an outside
            // probe sent a phone number in one after a moderator's revocation).
            throw MatchChatException.Forbidden("A note to a teen comes only from teen listeners and adults a moderator approved to hear teens. Send your thanks without a note.");
        }

        await Writes.Change(s =>
        {
            if (bySeeker)
            {
                s.SeekerThanked = true;
            }
            else
            {
                s.ListenerThanked = true;
            }
        });
        var thanked = new Thanked(this.GetPrimaryKeyString(), rating, note);
        // The seeker's thanks count in the listener's stats; a listener's thanks to a seeker are delivered only. A peer who
        // blocked the thanker drops them (the thanker is not told: a block is not announced).
        _ = GrainFactory.Ref<IMemberGrain>(bySeeker ? S.ListenerId : S.SeekerId).OnThanked(thanked, asListener: bySeeker, fromId: memberId);
        if (!string.IsNullOrWhiteSpace(note))
        {
            // [crisis] A closing thank-you is a natural place for a goodbye (an outside probe: "thank you. i am going to kill
            // myself tonight anyway" reached the listener and nobody else). Read like a message: resources to the writer, an
            // alert (source "note", this conversation's channel, no seq: its context is the conversation's last messages), and
            // the peer's guidance only while the conversation is open (after its end they cannot answer in it).
            var peer = bySeeker ? S.ListenerId : S.SeekerId;
            _ = GrainFactory.Ref<ICrisisScreenGrain>(0).Screen(new CrisisText(memberId, rater.Handle ?? (bySeeker ? S.SeekerHandle : S.ListenerHandle)!, note,
                CrisisSources.Note, bySeeker ? CrisisRoles.Seeker : CrisisRoles.Listener, S.Topic, Channel, Seq: null,
                S.EndedAt is null ? Id : null, S.EndedAt is null ? peer : null, RequestId: $"thanks|{Id}|{memberId}"));
        }
    }
}
