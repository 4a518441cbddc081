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
        var detector = await Task.Run(() => new CrisisDetector(ProcessEmbedder.Instance), cancellationToken);
        await detector.WarmUpAsync(cancellationToken);
        Volatile.Write(ref _withModel, detector);
    }

    public ValueTask<CrisisAssessment> AssessAsync(string text, CrisisRole role, string? languageHint, CrisisTextSource source) =>
        (Volatile.Read(ref _withModel) ?? _screenOnly).AssessAsync(text, role, languageHint, source);
}
