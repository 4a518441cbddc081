using MatchChat.Contracts.Matching;
using MatchChat.Language.Matching;
using MatchChat.Language.Meaning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Matching;

/// <summary>
/// [network] Makes the vectors of matching by meaning, in the member grain, before anything reaches a queue: a seeker's
/// note and tags once per request, a listener's bio and tags once per profile change. The model (the process's one,
/// <see cref="Crisis.ProcessEmbedder"/>, unless a test registers its own <see cref="ITextEmbedder"/>) runs on the thread
/// pool; a call that takes longer than <see cref="MeaningOptions.MeaningTimeout"/> is abandoned and the caller goes on
/// without vectors, so matching falls back to shared tags and no request waits for the model. Its texts queue behind the
/// crisis screen's at the model (<see cref="ITextEmbedder.Background"/>). A singleton; holds no text.
/// </summary>
public sealed class MeaningService(IOptions<MeaningOptions> options, Func<ITextEmbedder> embedder, ILogger<MeaningService> logger)
{
    private readonly MeaningOptions _options = options.Value;
    private int _inFlight;

    public bool Enabled => _options.Meaning;

    /// <summary>What a listener's vectors are made from, so an unchanged profile is not embedded again (kept in state, never logged).</summary>
    public static string Fingerprint(string? bio, IEnumerable<string> experiences) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(MatchText.ForListener(bio, experiences) ?? "")));

    /// <summary>Null at once for a request with neither note nor tags (most of a burst): nothing to embed, no thread hop.</summary>
    public async Task<MeaningVector?> Seeker(string? note, string[] experiences) =>
        MatchText.ForSeeker(note, experiences) is not null
        && await Within("request", ct => FacetEmbedding.SeekerAsync(embedder().Background, note, experiences, ct)) is { } v
            ? MeaningMatch.ToContract(v)
            : null;

    public async Task<ListenerMeaning?> Listener(string? bio, string[] experiences) =>
        MatchText.ForListener(bio, experiences) is not null
        && await Within("profile", ct => FacetEmbedding.ListenerAsync(embedder().Background, bio, experiences, ct)) is { } f
            ? MeaningMatch.ToContract(f)
            : null;

    /// <summary>Any short text (experience suggestions): a member's text is glossed into English like a note, a tag
    /// (<paramref name="gloss"/> false: tags are English words already) is read as it is; null when off, empty or too slow.</summary>
    public async Task<QuantisedVector?> Text(string text, bool gloss = true) =>
        await Within("suggestion", async ct => (QuantisedVector?)QuantisedVector.From(
            await embedder().Background.EmbedAsync(gloss ? MatchText.English(text) ?? text : text, ct).ConfigureAwait(false)));

    /// <summary>Loads the model (no time limit: this runs in the background at start).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken) =>
        await Task.Run(async () => await embedder().EmbedAsync("warm up", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<T?> Within<T>(string what, Func<CancellationToken, Task<T?>> embed)
    {
        if (!Enabled)
        {
            return default;
        }

        if (Interlocked.Increment(ref _inFlight) > _options.MaxMeaningBacklog)
        {
            Interlocked.Decrement(ref _inFlight);
            logger.LogDebug("Embedding a {What} skipped: the model is busy; matched on tags alone", what);
            return default;
        }

        try
        {
            return await Run(what, embed);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<T?> Run<T>(string what, Func<CancellationToken, Task<T?>> embed)
    {
        using var cancel = new CancellationTokenSource();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var work = Task.Run(() => embed(cancel.Token), cancel.Token);
        try
        {
            return await work.WaitAsync(_options.MeaningTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            cancel.Cancel();
            logger.LogWarning("Embedding a {What} took over {Seconds}s; matched on tags alone", what, _options.MeaningTimeoutSeconds);
        }
        catch (Exception e)
        {
            logger.LogWarning("Embedding a {What} failed ({ExceptionType}) after {Ms}ms; matched on tags alone", what, e.GetType().Name,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return default;
    }
}
