namespace MatchChat.Grains.Members;

[GenerateSerializer, Alias("MatchChat.ListenerSettings")]
public sealed class ListenerSettings
{
    [Id(0)] public string[] Topics { get; set; } = [];
    [Id(1)] public string[] Experiences { get; set; } = [];
    [Id(2)] public int MaxConcurrentChats { get; set; } = 1;
    [Id(3)] public bool AcceptsTeens { get; set; }
    [Id(4)] public bool Available { get; set; }
}
