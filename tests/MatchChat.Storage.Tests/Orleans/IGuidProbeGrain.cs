namespace MatchChat.Storage.Tests.Orleans;

/// <summary>A Guid-keyed grain: its storage row has no key extension string (a NULL parameter in the Orleans queries).</summary>
[Alias("MatchChat.Storage.Tests.IGuidProbeGrain")]
public interface IGuidProbeGrain : IGrainWithGuidKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
