namespace MatchChat.Bench.Infra;

/// <summary>Reads /proc for a process: resident memory and CPU ticks, in total and per thread.</summary>
public static class Proc
{
    public static readonly double TicksPerSecond = 100.0; // getconf CLK_TCK on Linux

    public static (long RssKb, long AnonKb) Memory(int pid)
    {
        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKb(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = ParseKb(line);
            }
        }
        return (rss, anon);
    }

    private static long ParseKb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>utime+stime of a process or thread stat file, in clock ticks.</summary>
    public static long Ticks(string statPath)
    {
        try
        {
            var s = File.ReadAllText(statPath);
            var close = s.LastIndexOf(')');
            var f = s[(close + 2)..].Split(' ');
            return long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static long ProcessTicks(int pid) => Ticks($"/proc/{pid}/stat");

    /// <summary>Per-thread CPU ticks keyed by thread id, with the thread's name.</summary>
    public static Dictionary<int, (string Name, long Ticks)> Threads(int pid)
    {
        var result = new Dictionary<int, (string, long)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var tid))
                {
                    continue;
                }
                try
                {
                    var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                    result[tid] = (name, Ticks(Path.Combine(dir, "stat")));
                }
                catch (IOException)
                {
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        return result;
    }
}
