using System.Globalization;
using System.Text;
using MatchChat.Soak.Cluster;

namespace MatchChat.Soak.Checks;

/// <summary>What the soak found: the counts the issue asks for, every violation, and what else happened.</summary>
public sealed class SoakReport
{
    public required SoakSettings Settings { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required IReadOnlyList<Fault> Faults { get; init; }
    public required IReadOnlyList<FaultRecovery> Recoveries { get; init; }
    public required int AcknowledgedConversation { get; init; }
    public required int AcknowledgedRoom { get; init; }
    public required int Lost { get; init; }
    public required int Duplicated { get; init; }
    public required int DeliveredLive { get; init; }
    public required int DeliveredByHistory { get; init; }
    public required int Undelivered { get; init; }
    public required int StoredNotAcknowledged { get; init; }
    public required int Channels { get; init; }
    public required int ChannelsWithGaps { get; init; }
    public required int ClientViewsWithGaps { get; init; }
    public required IReadOnlyDictionary<string, int> RequestOutcomes { get; init; }
    public required int RequestsLost { get; init; }
    public required int ConversationsStarted { get; init; }
    public required int ListenersOverCapacity { get; init; }
    public required int HttpServerErrors { get; init; }
    public required int HubServerErrors { get; init; }
    public required IReadOnlyDictionary<int, int> HttpStatuses { get; init; }
    public required IReadOnlyDictionary<string, int> HubErrors { get; init; }
    public required IReadOnlyDictionary<string, int> Counters { get; init; }
    public required IReadOnlyList<string> Violations { get; init; }
    public required IReadOnlyCollection<string> Observations { get; init; }

    public bool Passed => Violations.Count == 0;

    public int Killed => Faults.Count(f => f.Kind == "kill -9");

    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Chaos soak {(Passed ? "PASSED" : "FAILED")}: {Settings.Duration.TotalMinutes:F0} min of chaos ({Elapsed.TotalMinutes:F1} min in all), seed {Settings.Seed}, " +
            $"2 silos + 2 web nodes on PostgreSQL; {Settings.Conversations} seekers, {Settings.Listeners} listeners (capacity {Settings.ListenerCapacity}), {Settings.RoomMembers} room members; " +
            $"a fault every {Settings.FaultEveryMin.TotalSeconds:F0}–{Settings.FaultEveryMax.TotalSeconds:F0} s");
        sb.AppendLine();
        sb.AppendLine("| check | result |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(c, $"| processes killed (kill -9, then started again) | {Killed}: {Count("silo")} silo, {Count("web")} web node |");
        sb.AppendLine(c, $"| PostgreSQL restarts (-m immediate) | {Faults.Count(f => f.Target == "postgresql")} |");
        sb.AppendLine(c, $"| messages acknowledged | {AcknowledgedConversation + AcknowledgedRoom} ({AcknowledgedConversation} in conversations, {AcknowledgedRoom} in rooms) |");
        sb.AppendLine(c, $"| acknowledged but lost | {Lost} |");
        sb.AppendLine(c, $"| duplicated | {Duplicated} |");
        sb.AppendLine(c, $"| delivered to the peer(s) | {DeliveredLive + DeliveredByHistory} ({DeliveredLive} pushed, {DeliveredByHistory} filled from GetHistory); missing: {Undelivered} |");
        sb.AppendLine(c, $"| seq gapless per channel | {Channels} channels in PostgreSQL, {ChannelsWithGaps} with a gap; client views with a gap: {ClientViewsWithGaps} |");
        sb.AppendLine(c, $"| seeker requests | {RequestOutcomes.Values.Sum() + RequestsLost}: {string.Join(", ", RequestOutcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}; lost: {RequestsLost} |");
        sb.AppendLine(c, $"| conversations started | {ConversationsStarted} |");
        sb.AppendLine(c, $"| listeners over capacity | {ListenersOverCapacity} ({Counters.GetValueOrDefault("capacity samples")} samples, and every conversation's start and end) |");
        sb.AppendLine(c, $"| 5xx | HTTP {HttpServerErrors} (all statuses: {string.Join(", ", HttpStatuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}"))}); hub \"unexpected error\" {HubServerErrors} |");
        var firsts = Recoveries.Where(r => r.FirstAck is not null).Select(r => r.FirstAck!.Value.TotalSeconds).Order().ToList();
        var alls = Recoveries.Where(r => r.AllAcked is not null).Select(r => r.AllAcked!.Value.TotalSeconds).Order().ToList();
        sb.AppendLine(c, $"| from a fault to the first acknowledged send again | {Spread(firsts)} |");
        sb.AppendLine(c, $"| from a fault until every send it hurt was acknowledged | {Spread(alls)} |");
        sb.AppendLine(c, $"| stored without an acknowledgement (reply lost, then the conversation ended) | {StoredNotAcknowledged} |");
        sb.AppendLine();
        sb.AppendLine("| # | at | fault | serves again after | sends hurt | first acknowledged after | all acknowledged after |");
        sb.AppendLine("|---:|---:|---|---:|---:|---:|---:|");
        var i = 0;
        foreach (var r in Recoveries)
        {
            var ready = r.Fault.ReadyAt is { } at ? $"{(at - r.Fault.At).TotalSeconds:F1} s" : "";
            sb.AppendLine(c, $"| {++i} | {r.Fault.At.TotalSeconds:F0} s | {r.Fault.Kind} {r.Fault.Target} | {ready} | {r.AffectedSends} | {Seconds(r.FirstAck)} | {Seconds(r.AllAcked)} |");
        }

        if (Violations.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Violations:");
            foreach (var v in Violations.Take(50))
            {
                sb.AppendLine("- " + v);
            }
        }

        sb.AppendLine();
        sb.AppendLine("Client counters: " + string.Join("; ", Counters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        sb.AppendLine("Hub errors (method: code): " + (HubErrors.Count == 0 ? "none" : string.Join("; ", HubErrors.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} ×{kv.Value}"))));
        if (Observations.Count > 0)
        {
            sb.AppendLine("Observations:");
            foreach (var o in Observations.Take(30))
            {
                sb.AppendLine("- " + o);
            }
        }

        return sb.ToString();
    }

    private int Count(string kind) => Faults.Count(f => f.Kind == "kill -9" && f.Target.StartsWith(kind, StringComparison.Ordinal));

    private static string Seconds(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:F1} s" : "–";

    private static string Spread(List<double> sorted) => sorted.Count == 0
        ? "no send was hurt"
        : string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Count / 2]:F1} s, max {sorted[^1]:F1} s over {sorted.Count} faults that hurt a send");
}
