namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Reads acknowledged texts for crisis language, off the send path (a stateless worker in every silo): channel
/// grains and member grains call it one-way after the text is stored, so a slow or failing detector never touches the
/// message. Key: always 0.
/// </summary>
[Alias("MatchChat.ICrisisScreenGrain")]
public interface ICrisisScreenGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("Screen")] Task Screen(CrisisText text);
}
