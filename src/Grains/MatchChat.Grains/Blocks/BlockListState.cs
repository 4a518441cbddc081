namespace MatchChat.Grains.Blocks;

/// <summary>The members one member has blocked, oldest first; at most <c>IBlockListGrain.MaxEntries</c>.</summary>
[GenerateSerializer, Alias("MatchChat.BlockListState")]
public sealed class BlockListState
{
    [Id(0)] public List<BlockEntry> Entries { get; set; } = [];
}
