namespace MatchChat.Tests.Support;

public static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MatchChat.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("MatchChat.sln not found above the test output folder.");
        }
    }

    /// <summary>The build configuration of this test run (Debug or Release), from the output path.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "MatchChat.Silo", "bin", Configuration, "net10.0", "MatchChat.Silo.dll");
}
