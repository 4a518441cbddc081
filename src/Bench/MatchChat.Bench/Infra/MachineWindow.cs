namespace MatchChat.Bench.Infra;

/// <summary>
/// Whole-machine busy CPU over a window (from /proc/stat), in % of one core, to see other engineers' load; with the
/// parts no process is charged for: interrupt work (irq + softirq: on loopback, much of the network stack) and time the
/// hypervisor gave to other guests (steal).
/// </summary>
public sealed class MachineWindow
{
    private readonly long[] _start = Read();

    /// <summary>After <see cref="Stop"/>: irq + softirq, in % of one core.</summary>
    public double Interrupts { get; private set; }

    /// <summary>After <see cref="Stop"/>: steal, in % of one core.</summary>
    public double Stolen { get; private set; }

    // user nice system idle iowait irq softirq steal
    private static long[] Read() =>
        File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public double Stop()
    {
        var end = Read();
        var d = end.Zip(_start, (e, s) => e - s).ToArray();
        var total = d.Sum();
        if (total <= 0)
        {
            return 0;
        }

        double Percent(long ticks) => ticks * 100.0 * Environment.ProcessorCount / total;
        Interrupts = Percent(d[5] + d[6]);
        Stolen = Percent(d[7]);
        return Percent(total - d[3] - d[4]);
    }
}
