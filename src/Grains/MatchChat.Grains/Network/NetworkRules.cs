using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;

namespace MatchChat.Grains.Network;

/// <summary>The support network's rules as pure functions: who stays a contact, who is available, when two last talked.</summary>
public static class NetworkRules
{
    /// <summary>A contact stays while they exist and neither has blocked the other.</summary>
    public static bool Keeps(string ownerId, ContactCard owner, string contactId, ContactCard contact) =>
        contact.Exists && !EitherBlocked(ownerId, owner, contactId, contact);

    /// <summary>
    /// The contact could take a chat with the owner now: they listen, are available with spare capacity and in good
    /// standing, and the ages fit (teens to teen listeners or approved adults; adults never to teen listeners).
    /// </summary>
    public static bool AvailableTo(ContactCard owner, ContactCard contact) =>
        contact.CanTakeChat
        && (owner.AgeGroup == AgeGroups.Teen
            ? contact.AgeGroup == AgeGroups.Teen || contact.TakesTeens
            : contact.AgeGroup != AgeGroups.Teen);

    /// <summary>
    /// A check-in from <paramref name="sender"/> may reach <paramref name="receiver"/> now: the sender exists and is not
    /// suspended or banned, neither has blocked the other, and a teen hears from an adult only while that adult is
    /// approved to listen to teens (a moderator's revocation cuts the contact as it cuts matching; outside probes had a
    /// banned member's, a revoked adult's and a blocker's check-ins delivered).
    /// </summary>
    public static bool MayReach(string senderId, ContactCard sender, string receiverId, ContactCard receiver) =>
        sender.Exists
        && !sender.Suspended
        && !EitherBlocked(senderId, sender, receiverId, receiver)
        && (receiver.AgeGroup != AgeGroups.Teen || sender.AgeGroup == AgeGroups.Teen || sender.TakesTeens);

    /// <summary>One of the two has blocked the other.</summary>
    public static bool EitherBlocked(string aId, ContactCard a, string bId, ContactCard b) =>
        a.Blocked.Contains(bId) || b.Blocked.Contains(aId);

    /// <summary>The later of the stored time and the start of the newest conversation with that handle the owner still lists.</summary>
    public static DateTime LastTalked(ContactEntry entry, IEnumerable<Conversation> conversations) =>
        conversations.Where(c => c.PeerHandle == entry.Handle).Select(c => c.StartedAt).Append(entry.LastTalkedAt).Max();
}
