namespace MatchChat.Bench.Infra;

/// <summary>Whole-machine busy CPU over a window (from /proc/stat), in % of one core, to see other engineers' load.</summary>
public sealed class MachineWindow
{
    private readonly (long Busy, long Total) _start = Read();

    private static (long Busy, long Total) Read()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = f[3] + f[4];
        var total = f.Take(8).Sum();
        return (total - idle, total);
    }

    public double Stop()
    {
        var end = Read();
        var total = end.Total - _start.Total;
        return total <= 0 ? 0 : (end.Busy - _start.Busy) * 100.0 * Environment.ProcessorCount / total;
    }
}
