using MatchChat.Language.Detection;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Crisis;

/// <summary>
/// The silo's crisis detector: the cheap screen from the start, the screen and the model once the model has loaded and
/// embedded its prototypes (<see cref="WarmUpAsync"/>, run in the background at silo start by <see cref="CrisisWarmUp"/>).
/// A singleton; thread-safe. Holds no text.
/// </summary>
public sealed class CrisisScreening(IOptions<CrisisOptions> options)
{
    private readonly CrisisDetector _screenOnly = new();
    private CrisisDetector? _withModel;
    private int _modelInFlight;

    public CrisisOptions Options { get; } = options.Value;

    public bool Enabled => Options.Enabled;

    public bool ModelReady => Volatile.Read(ref _withModel) is not null;

    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (!Options.Enabled || !Options.Model || ModelReady)
        {
            return;
        }

        // Loading takes a while and a lot of memory: off the caller's thread.
        var detector = await Task.Run(() => new CrisisDetector(ProcessEmbedder.Instance, CrisisDetectorOptions.Default with { ModelForFirstPerson = Options.ModelForFirstPerson, NeighbourCrisis = (float)Options.NeighbourThreshold }), cancellationToken);
        await detector.WarmUpAsync(cancellationToken);
        Volatile.Write(ref _withModel, detector);
    }

    /// <summary>
    /// The phrase screen alone, on the caller's thread (microseconds). It needs no language: the phrase lists of all
    /// languages are always read, and the language only decides, in <see cref="CompleteAsync"/>, whether the model may
    /// help; so a caller can skip finding the writer's language for the texts that need nothing more (most of them).
    /// </summary>
    public CrisisScreen Screen(string text, CrisisRole role, CrisisTextSource source) =>
        (Volatile.Read(ref _withModel) ?? _screenOnly).Screen(text, role, languageHint: null, source);

    /// <summary>Whether <see cref="CompleteAsync"/> can change the screen's reading (a level to act on, or the model).</summary>
    public static bool NeedsMore(CrisisScreen screen) => screen.Level != CrisisLevel.None || screen.NeedsModel;

    /// <summary>
    /// A message text that would only go to the model while the model already has <see cref="CrisisOptions.MaxModelBacklog"/>
    /// texts at it: <see cref="CompleteAsync"/> would skip it, so the caller can count it skipped where it stands, without the
    /// grain call, the locale lookup and the second screen on the way there (on a busy relay, most such texts).
    /// </summary>
    public bool WouldSkipModel(CrisisScreen screen) =>
        screen is { Level: CrisisLevel.None, NeedsModel: true }
        && ModelReady
        && Volatile.Read(ref _modelInFlight) >= Options.MaxModelBacklog;

    /// <summary>The screen's reading without the model.</summary>
    public static ScreenReading FromScreen(CrisisScreen screen) =>
        new(new CrisisAssessment(screen.Level, screen.Reason, false, screen.Obfuscation), false);

    /// <summary>
    /// The model, for the texts the screen sends on and whose language it reads, on the thread pool and only while fewer
    /// than <see cref="CrisisOptions.MaxModelBacklog"/> messages are at it (notes always). The text is not screened again.
    /// <see cref="ScreenReading.ModelSkipped"/>: the model was wanted but busy.
    /// </summary>
    public async Task<ScreenReading> CompleteAsync(CrisisScreen screen, string text, string? languageHint, CrisisTextSource source)
    {
        var full = Volatile.Read(ref _withModel);
        if (full is null || !screen.NeedsModel || !CrisisDetector.ModelReadsLanguage(languageHint))
        {
            return FromScreen(screen);
        }

        var inFlight = Interlocked.Increment(ref _modelInFlight);
        try
        {
            if (source != CrisisTextSource.RequestNote && inFlight > Options.MaxModelBacklog)
            {
                return new ScreenReading(FromScreen(screen).Assessment, true);
            }

            return new ScreenReading(await Task.Run(() => full.CompleteAsync(screen, text, languageHint).AsTask()), false);
        }
        finally
        {
            Interlocked.Decrement(ref _modelInFlight);
        }
    }

    /// <summary>The screen and, when it asks for it, the model.</summary>
    public async Task<ScreenReading> AssessAsync(string text, CrisisRole role, string? languageHint, CrisisTextSource source)
    {
        var screen = Screen(text, role, source);
        return NeedsMore(screen) ? await CompleteAsync(screen, text, languageHint, source) : FromScreen(screen);
    }
}
