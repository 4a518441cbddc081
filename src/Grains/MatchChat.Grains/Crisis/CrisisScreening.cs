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
    /// The phrase screen on the caller's thread (microseconds; a crisis it reads is answered at once); the model, for the
    /// texts the screen sends on, on the thread pool and only while fewer than <see cref="CrisisOptions.MaxModelBacklog"/>
    /// messages are at it (notes always). <see cref="ScreenReading.ModelSkipped"/>: the model was wanted but busy.
    /// </summary>
    public async Task<ScreenReading> AssessAsync(string text, CrisisRole role, string? languageHint, CrisisTextSource source)
    {
        var full = Volatile.Read(ref _withModel);
        var screen = (full ?? _screenOnly).Screen(text, role, languageHint, source);
        var fromScreen = new CrisisAssessment(screen.Level, screen.Reason, false, screen.Obfuscation);
        if (full is null || !screen.NeedsModel)
        {
            return new ScreenReading(fromScreen, false);
        }

        var inFlight = Interlocked.Increment(ref _modelInFlight);
        try
        {
            if (source != CrisisTextSource.RequestNote && inFlight > Options.MaxModelBacklog)
            {
                return new ScreenReading(fromScreen, true);
            }

            return new ScreenReading(await Task.Run(() => full.AssessAsync(text, role, languageHint, source).AsTask()), false);
        }
        finally
        {
            Interlocked.Decrement(ref _modelInFlight);
        }
    }
}
