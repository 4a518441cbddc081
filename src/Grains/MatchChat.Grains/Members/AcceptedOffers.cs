using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;

namespace MatchChat.Grains.Members;

/// <summary>
/// The offers a listener accepted lately and the conversation each started, in memory: an <c>AcceptOffer</c> repeated
/// because its answer was lost answers the same conversation (it answered "expired or withdrawn" while the seeker sat in
/// the open chat: an outside probe), and a <c>DeclineOffer</c> of one says it was accepted. A grain restart forgets them
/// (the offer then reads as no longer open, as before).
/// </summary>
internal sealed class AcceptedOffers
{
    private const int Kept = 16;
    private readonly Queue<(string OfferId, string ConversationId)> _recent = new();

    public void Add(string offerId, string conversationId)
    {
        _recent.Enqueue((offerId, conversationId));
        while (_recent.Count > Kept)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>The conversation <paramref name="offerId"/> started, if it was accepted lately and is still open (an ended
    /// one is not handed back: the hub would join the caller to its channel again).</summary>
    public Conversation? Started(string offerId, IEnumerable<Conversation> conversations)
    {
        var accepted = _recent.FirstOrDefault(a => a.OfferId == offerId).ConversationId;
        return accepted is null ? null : conversations.FirstOrDefault(c => c.ConversationId == accepted && c.EndedAt is null);
    }

    /// <summary>Why an offer not open now cannot be taken or declined.</summary>
    public MatchChatException NotOpen(string offerId) => _recent.Any(a => a.OfferId == offerId)
        ? MatchChatException.Conflict("You already accepted this offer: the conversation is in your chats.")
        : MatchChatException.Conflict("This offer has expired or was withdrawn. Stay available for the next one.");
}
