using MatchChat.Contracts;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;

namespace MatchChat.Web.Hubs;

/// <summary>[network] Experience-tag suggestions while a seeker writes their note (an addition to the contract).</summary>
public sealed partial class ChatHub
{
    /// <summary>Up to 5 tags listeners use whose meaning is close to the text; [] when none (or the model is off or busy).</summary>
    public Task<string[]> SuggestExperiences(SuggestExperiencesArgs? args)
    {
        if (args is null)
        {
            throw MatchChatException.Invalid("Send {text, experiences?}.");
        }

        var text = InputRules.Note(args.Text, "text");
        var chosen = InputRules.Experiences(args.Experiences);
        if (!suggestionLimiter.TryAcquire(MemberId))
        {
            throw new MatchChatException(ErrorCodes.RateLimited, "Suggestions are coming very fast. Keep writing; they will catch up in a moment.");
        }

        return text is null
            ? Task.FromResult<string[]>([])
            : grains.Ref<IExperienceCatalogGrain>(IExperienceCatalogGrain.Key).Suggest(text, chosen);
    }
}
