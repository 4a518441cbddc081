namespace MatchChat.Storage.Tests.Orleans;

[GenerateSerializer, Alias("MatchChat.Storage.Tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)]
    public int Count { get; set; }
}
