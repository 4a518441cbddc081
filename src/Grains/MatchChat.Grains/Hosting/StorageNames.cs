namespace MatchChat.Grains.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage every MatchChat grain uses: memory in the embedded default, PostgreSQL otherwise.</summary>
    public const string Grains = "matchchat";
}
