using MatchChat.Tests.Support;

namespace MatchChat.Tests.Architecture;

/// <summary>A file that grows past about 400 lines holds two ideas: the build says so before review has to.</summary>
public sealed class FileSizeTests
{
    private const int Limit = 400;

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var tooLong = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".css", StringComparison.Ordinal))
            .Where(p => !IsGeneratedOrVendored(Path.GetRelativePath(src, p)))
            .Select(p => (Path: Path.GetRelativePath(RepoPaths.Root, p), Lines: File.ReadLines(p).Count()))
            .Where(f => f.Lines > Limit)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, "Split these files: " + string.Join("; ", tooLong));
    }

    [Fact]
    public void The_member_grain_keeps_identity_and_presence_only_and_stays_under_300_lines()
    {
        var path = Path.Combine(RepoPaths.Root, "src", "Grains", "MatchChat.Grains", "Members", "MemberGrain.cs");
        Assert.True(File.ReadLines(path).Count() < 300, "MemberGrain.cs has grown past 300 lines: move the new behaviour into a role class or a grain of its own.");
    }

    private static bool IsGeneratedOrVendored(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Any(p => p is "obj" or "bin" or "lib" or "node_modules") || relative.EndsWith(".min.js", StringComparison.Ordinal);
    }
}
