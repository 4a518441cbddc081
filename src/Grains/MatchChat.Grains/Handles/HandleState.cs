namespace MatchChat.Grains.Handles;

[GenerateSerializer, Alias("MatchChat.HandleState")]
public sealed class HandleState
{
    [Id(0)] public string? OwnerId { get; set; }
}
