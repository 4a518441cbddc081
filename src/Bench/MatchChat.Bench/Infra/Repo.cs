namespace MatchChat.Bench.Infra;

/// <summary>Finds the repository root (the folder holding MatchChat.sln).</summary>
public static class Repo
{
    public static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MatchChat.sln")))
                {
                    return dir.FullName;
                }
                dir = dir.Parent;
            }
        }
        throw new InvalidOperationException("Cannot find MatchChat.sln above the current directory.");
    }
}
