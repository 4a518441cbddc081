using MatchChat.Language.Normalisation;

namespace MatchChat.Language.Detection;

/// <summary>
/// The cheap, model-free reading every message gets (microseconds): the lexical verdict, and whether the
/// text should also go to the model (<see cref="NeedsModel"/>). The model may not raise a text to crisis when the screen
/// found the risk to be someone else's (<see cref="SpokenOfOthers"/>, <see cref="CrisisReason.SomeoneElseAtRisk"/>) or
/// the writer says they will not act (<see cref="Reassured"/>). A text the model reads only because a sentence opens with
/// a verb and no subject (<see cref="ModelCrisisOnly"/>: "took the dog for a walk") takes the model's crisis reading but
/// not its concern: the model's concern is loose on everyday lines, and those hold less evidence than an "I".
/// <see cref="ModelFrom"/>: where in the text the model starts reading (after a question about one's data in the app that
/// the text opens with, <see cref="Rules.AppQuestion"/>); 0, the whole text. <see cref="ModelText"/>: the text the model
/// reads instead of the whole, when everyday clauses were taken out of it (<see cref="Rules.EverydayClause"/>); null, the
/// whole text (or from <see cref="ModelFrom"/>). It lives only as long as the reading; nothing keeps or logs it.
/// </summary>
public sealed record CrisisScreen(
    CrisisLevel Level,
    CrisisReason Reason,
    bool NeedsModel,
    Obfuscation Obfuscation,
    bool SpokenOfOthers,
    bool ListenerSupport,
    bool Reassured = false,
    bool ModelCrisisOnly = false,
    int ModelFrom = 0,
    string? ModelText = null);
