namespace MatchChat.Hosting;

/// <summary>
/// The size of .NET's shared byte-array pool for a MatchChat process. Each core's partition of
/// <c>ArrayPool&lt;byte&gt;.Shared</c> keeps 32 arrays per size by default; with thousands of SignalR connections
/// receiving and writing at once, rents past that limit allocate fresh arrays (4.5 % of a matching burst's server CPU,
/// profiled in docs/benchmarks.md, stop 28) and raise what each request allocates. The runtime reads the setting once,
/// when the pool is first used, so <see cref="Apply"/> must run first thing in <c>Main</c>.
/// </summary>
public static class BufferPoolDefaults
{
    /// <summary>The runtime's environment variable for the arrays kept per size in each core's partition.</summary>
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>MatchChat's default: enough for a burst of thousands of connections; the pool holds only arrays that were rented at once.</summary>
    public const int ArraysPerPartition = 1024;

    /// <summary>Sets MatchChat's default unless the operator set the variable; returns the value in effect.</summary>
    public static string Apply()
    {
        var current = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(current))
        {
            return current;
        }

        var value = ArraysPerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment.SetEnvironmentVariable(Variable, value);
        return value;
    }
}
