using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Detection;

/// <summary>
/// The cheap, model-free reading every message gets (microseconds): the lexical verdict, and whether the
/// text should also go to the model (<see cref="NeedsModel"/>).
/// </summary>
public sealed record CrisisScreen(
    CrisisLevel Level,
    CrisisReason Reason,
    bool NeedsModel,
    Obfuscation Obfuscation,
    bool SpokenOfOthers,
    bool ListenerSupport);
