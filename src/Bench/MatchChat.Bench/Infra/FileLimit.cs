using System.Runtime.InteropServices;

namespace MatchChat.Bench.Infra;

/// <summary>
/// Raises this process's open-file limit (RLIMIT_NOFILE) so the driver can hold tens of thousands of sockets; the
/// servers it starts inherit it. Raising the hard limit needs root (or CAP_SYS_RESOURCE); otherwise the soft limit
/// goes up to the hard one and the caller is told (raise it with <c>ulimit -n</c> before the run).
/// </summary>
public static partial class FileLimit
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, ref RLimit limit);

    /// <summary>Connections one process may hold under the current soft limit, 1,500 files kept for everything else.</summary>
    public static int MaxConnections
    {
        get
        {
            var soft = EnsureAtLeast(0);
            return soft == 0 ? int.MaxValue : soft <= 1_500 ? 0 : (int)Math.Min(int.MaxValue, soft - 1_500);
        }
    }

    /// <summary>Makes the soft limit at least <paramref name="wanted"/> if it can; returns the soft limit now in force.</summary>
    public static ulong EnsureAtLeast(ulong wanted)
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofile, out var now) != 0)
        {
            return 0;
        }
        if (now.Current >= wanted)
        {
            return now.Current;
        }
        var raised = new RLimit { Current = wanted, Max = Math.Max(now.Max, wanted) };
        if (setrlimit(RlimitNofile, ref raised) != 0)
        {
            var soft = new RLimit { Current = now.Max, Max = now.Max };
            _ = setrlimit(RlimitNofile, ref soft);
        }
        return getrlimit(RlimitNofile, out var after) == 0 ? after.Current : 0;
    }
}
