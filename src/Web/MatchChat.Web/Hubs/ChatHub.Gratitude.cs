using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;

namespace MatchChat.Web.Hubs;

/// <summary>[network] <c>Thank</c>: the conversation grain checks that the caller took part and has not thanked before.</summary>
public sealed partial class ChatHub
{
    public Task Thank(ThankArgs? thanks)
    {
        if (thanks is null)
        {
            throw MatchChatException.Invalid("Send {conversationId, rating: 1 to 5, note?}.");
        }

        var conversationId = InputRules.Id(thanks.ConversationId, "conversationId");
        var rating = ListeningRules.Rating(thanks.Rating);
        var note = InputRules.Note(thanks.Note);
        return grains.Ref<IConversationGrain>(conversationId).Thank(MemberId, rating, note);
    }
}
