using MatchChat.Language.Lexicon;
using MatchChat.Language.Meaning;
using MatchChat.Language.Normalisation;
using MatchChat.Language.Rules;

namespace MatchChat.Language.Detection;

/// <summary>
/// Reads a text for crisis language: <see cref="Screen"/> (normalise, phrase lists, context rules; microseconds,
/// no model) on every text, then <see cref="AssessAsync"/> adds the sentence-embedding model for the texts the
/// screen sends on (<see cref="CrisisScreen.NeedsModel"/>), request notes among them. Thread-safe; one
/// instance per process. Never logs or keeps the text. Without an embedder (or when it fails) it answers from
/// the screen alone and counts the failure in <see cref="ModelFailures"/>.
/// </summary>
public sealed class CrisisDetector(ITextEmbedder? embedder = null, CrisisDetectorOptions? options = null)
{
    /// <summary>A first-person text of at least this many words goes to the model even without a cue word.</summary>
    public const int MinWordsForModel = 5;

    private readonly PhraseMatcher _matcher = new(Lexicon.Lexicon.Default);
    private readonly PrototypeScorer? _scorer = embedder is null ? null : new PrototypeScorer(embedder);
    private readonly CrisisDetectorOptions _options = options ?? CrisisDetectorOptions.Default;
    private long _modelFailures;

    public bool HasModel => _scorer is not null;

    public long ModelFailures => Interlocked.Read(ref _modelFailures);

    /// <summary>Embeds the prototypes ahead of the first call.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        // The app-question rule's first match compiles its code inside the match's timeout (stop 56 saw a first call time
        // out while the model warmed up on the other core): once here, off the message path.
        AppQuestion.RestAfter("how do i delete my account");
        return _scorer?.WarmUpAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>The cheap screen alone: every message, every time.</summary>
    /// <param name="languageHint">A BCP 47 primary tag if known; the phrase lists of all languages are always read
    /// (people mix languages), the hint only decides whether the English-only model may help. The text's own common words
    /// decide it too: a text whose words say Spanish, French, German or Portuguese never goes to the model, whatever the
    /// hint (a member without a language would otherwise have raw French read as English, and everyday lines read
    /// concern).</param>
    public CrisisScreen Screen(string text, CrisisRole role, string? languageHint, CrisisTextSource source = CrisisTextSource.Message)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = TextNormaliser.Normalise(text);
        var matches = _matcher.Find(normalised);
        var verdict = ContextRules.Judge(normalised, matches, _matcher.Lexicon, role, languageHint);
        var support = role == CrisisRole.Listener && verdict.SecondPerson;
        // A sentence that opens with a verb and no subject ("been sitting by the tracks") speaks of the writer as "I"
        // does (stop 53); a "them" or "him" after it is an object ("took all of them"), not someone else the text is about.
        var subjectDropped = !verdict.FirstPerson && verdict.Level < CrisisLevel.Crisis && SubjectDrop.Starts(normalised);
        var othersOnly = verdict.SpokenOfOthers && !(subjectDropped && verdict.OthersAsObjectsOnly);
        var needsModel = _scorer is not null
            && verdict.Level < CrisisLevel.Crisis
            && !verdict.Distanced
            && role != CrisisRole.Listener
            && ModelReadsLanguage(languageHint)
            && normalised.Tokens.Count >= 3
            // A request note and a text the screen read as concern always may go; without a word for the writer only
            // when five words or more ("can't keep going like this, everyone would be better off"). Any other text only
            // when it speaks of the writer: without "I"/"my" the model read "a plain message" or "second message in the
            // room" as a farewell (stop 52, an outside probe).
            && (source == CrisisTextSource.RequestNote || verdict.Level == CrisisLevel.Concern
                ? verdict.FirstPerson || normalised.Tokens.Count >= MinWordsForModel
                : (verdict.FirstPerson || subjectDropped)
                    && (verdict.Cues > 0 || (_options.ModelForFirstPerson && normalised.Tokens.Count >= MinWordsForModel))
                    && !othersOnly && !verdict.Media && !verdict.FigureOfSpeech)
            // Last, as it reads every word again: only for a text that would go to the model.
            && ModelReadsLanguage(CommonWords.LanguageOf(normalised));
        // A question about one's own data in the app ("how do i delete my account completely") is not given to the model,
        // which read such questions as farewells; what follows it is, and a text that is only that question is not. Only
        // where the phrase lists found nothing: a text they read as concern goes to the model whole, as before.
        // Not when a warning sign is in the text ("…my account? i wont need it"): deleting beside it is the classic sign.
        var modelFrom = 0;
        if (needsModel && verdict.Level == CrisisLevel.None && !HasSignal(matches) && AppQuestion.RestAfter(text) is var rest and > 0)
        {
            var reading = AppQuestion.ReadingOf(text, rest);
            needsModel = reading != AppQuestion.ModelReading.None;
            modelFrom = reading == AppQuestion.ModelReading.Rest ? rest : 0;
        }

        // A clause of everyday life that the model misread ("I want to end this conversation", "my partner left me",
        // "nobody texts me back anymore", "the bridge near my house is closed for repairs") is not given to it; the rest of
        // the text is, and a text of such clauses alone is not (stop 61). Not beside a warning sign, as above.
        string? modelText = null;
        if (needsModel && modelFrom == 0 && verdict.Level < CrisisLevel.Crisis && (!HasSignal(matches) || EverydayClause.OnlyBedtime(text))
            && EverydayClause.Without(text) is { } everyday)
        {
            needsModel = everyday.Length > 0 && Screen(everyday, role, languageHint, source).NeedsModel;
            modelText = needsModel ? everyday : null;
        }

        // The rest read alone has lost what it answered ("can i delete my chat history? just dont want it sitting on my
        // phone"): the model's crisis reading of it counts, its looser concern does not.
        return new CrisisScreen(verdict.Level, verdict.Reason, needsModel, normalised.Obfuscation, othersOnly, support,
            verdict.Reassured,
            (needsModel && subjectDropped && source != CrisisTextSource.RequestNote && verdict.Level != CrisisLevel.Concern) || modelFrom > 0,
            modelFrom,
            modelText);
    }

    private static bool HasSignal(IReadOnlyList<PhraseMatch> matches)
    {
        foreach (var match in matches)
        {
            if (match.Entry.Kind == EntryKind.Signal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The full reading: the screen, and the model when the screen asks for it.</summary>
    public ValueTask<CrisisAssessment> AssessAsync(
        string text, CrisisRole role, string? languageHint,
        CrisisTextSource source = CrisisTextSource.Message, CancellationToken cancellationToken = default) =>
        CompleteAsync(Screen(text, role, languageHint, source), text, languageHint, cancellationToken);

    /// <summary>
    /// The reading of a text already screened (by this detector, with any language hint): the model runs when the screen
    /// asked for it and the model reads <paramref name="languageHint"/>'s language; otherwise the screen's reading stands.
    /// </summary>
    public async ValueTask<CrisisAssessment> CompleteAsync(
        CrisisScreen screen, string text, string? languageHint, CancellationToken cancellationToken = default)
    {
        if (!screen.NeedsModel || _scorer is null || !ModelReadsLanguage(languageHint))
        {
            return new CrisisAssessment(screen.Level, screen.Reason, false, screen.Obfuscation);
        }

        MeaningScore score;
        try
        {
            var read = screen.ModelText ?? (screen.ModelFrom > 0 && screen.ModelFrom < text.Length ? text[screen.ModelFrom..] : text);
            score = await _scorer.ScoreAsync(read, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _modelFailures);
            return new CrisisAssessment(screen.Level, screen.Reason, false, screen.Obfuscation);
        }

        var (level, reason) = Combine(screen, score);
        return new CrisisAssessment(level, reason, true, screen.Obfuscation);
    }

    private (CrisisLevel, CrisisReason) Combine(CrisisScreen screen, MeaningScore score)
    {
        // Either reading suffices: the exemplar bank's nearest neighbours, or a close prototype (the older rule, which
        // still catches a few lines the bank's safe side pulls down, e.g. letters + "my last night").
        var prototypeCrisis = score.Crisis >= _options.CrisisSimilarity && score.Margin >= _options.CrisisMargin;
        var neighbourCrisis = _options.NearestNeighbours && score.Neighbours >= _options.NeighbourCrisis;
        var modelCrisis = prototypeCrisis || neighbourCrisis;
        var modelConcern = _options.NearestNeighbours
            ? score.Neighbours >= _options.NeighbourConcern || (score.Crisis >= _options.ConcernSimilarity && score.Margin > 0)
            : score.Crisis >= _options.ConcernSimilarity && score.Margin > 0;
        if (modelCrisis && !screen.SpokenOfOthers && !screen.Reassured && screen.Reason != CrisisReason.SomeoneElseAtRisk)
        {
            return (CrisisLevel.Crisis, prototypeCrisis ? score.Nearest : score.NeighbourReason);
        }

        if (screen.Level > CrisisLevel.None)
        {
            return (screen.Level, screen.Reason);
        }

        return (modelConcern || modelCrisis) && !screen.ModelCrisisOnly ? (CrisisLevel.Concern, CrisisReason.Hopelessness) : (CrisisLevel.None, CrisisReason.None);
    }

    /// <summary>
    /// The language a text is written in when its own common words say so clearly (<c>en</c>, <c>es</c>, <c>fr</c>,
    /// <c>de</c>, <c>pt</c>, and <c>it</c> as the matcher's glossing reads it, so Italian's words shared with French or
    /// Spanish do not make it either), else null: to answer a writer in the language they wrote in.
    /// </summary>
    public static string? WrittenIn(string text) => Matching.Gloss.LanguageOf(text);

    /// <summary>Whether the English-only model may read a text in this language (unknown: yes).</summary>
    public static bool ModelReadsLanguage(string? languageHint) =>
        languageHint is null || languageHint.Length == 0 || languageHint.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
