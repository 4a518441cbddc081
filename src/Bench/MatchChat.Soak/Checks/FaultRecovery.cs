using MatchChat.Soak.Cluster;

namespace MatchChat.Soak.Checks;

/// <summary>
/// After one fault: the sends it hurt (a first failure between this fault and the next), how long until the first of
/// them was acknowledged, and until the last was.
/// </summary>
public sealed record FaultRecovery(Fault Fault, int AffectedSends, TimeSpan? FirstAck, TimeSpan? AllAcked)
{
    public static IReadOnlyList<FaultRecovery> Of(IReadOnlyList<Fault> faults, IEnumerable<Ack> acks)
    {
        var ordered = faults.OrderBy(f => f.At).ToList();
        var hurt = acks.Where(a => a.FirstFailureAt is not null).ToList();
        var result = new List<FaultRecovery>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var from = ordered[i].At;
            var until = i + 1 < ordered.Count ? ordered[i + 1].At : TimeSpan.MaxValue;
            var affected = hurt.Where(a => a.FirstFailureAt >= from && a.FirstFailureAt < until).ToList();
            result.Add(affected.Count == 0
                ? new FaultRecovery(ordered[i], 0, null, null)
                : new FaultRecovery(ordered[i], affected.Count, affected.Min(a => a.AckedAt) - from, affected.Max(a => a.AckedAt) - from));
        }

        return result;
    }
}
