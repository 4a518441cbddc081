using MatchChat.Soak.Behaviours;
using MatchChat.Soak.Clients;
using Npgsql;

namespace MatchChat.Soak.Checks;

/// <summary>
/// The checks at the end, against the message table itself and every client's copy: every acknowledged message
/// stored once (at the seq it was acknowledged with) and held by its peer(s), seq gapless per channel, every request
/// ended by a rule, no listener over capacity, no 5xx.
/// </summary>
public static class SoakVerifier
{
    public static async Task<SoakReport> VerifyAsync(
        SoakSettings settings,
        SoakLedger ledger,
        string connectionString,
        IReadOnlyDictionary<string, SoakClient> clientsByHandle,
        IReadOnlyDictionary<string, string[]> roomMembers,
        IReadOnlyList<string> unsynced,
        TimeSpan elapsed)
    {
        var violations = new List<string>();
        violations.AddRange(unsynced.Select(h => $"{h} could not finish its final resync"));
        var rows = await ReadMessagesAsync(connectionString);
        var stored = rows.ToDictionary(r => (r.Channel, r.Seq));

        // Stored once, at the acknowledged seq.
        var acks = ledger.Acks.Values.ToList();
        var lost = 0;
        foreach (var ack in acks)
        {
            if (!stored.TryGetValue((ack.Channel, ack.Seq), out var row) || row.ClientMessageId != ack.ClientMessageId || row.Text != ack.Text)
            {
                lost++;
                violations.Add($"acknowledged {ack.Channel[..Math.Min(24, ack.Channel.Length)]}… seq {ack.Seq} is {(row is null ? "not stored" : "stored as another message")}");
            }
        }

        var duplicated = rows.GroupBy(r => (r.Channel, r.SenderHandle, r.ClientMessageId)).Sum(g => g.Count() - 1)
            + rows.GroupBy(r => (r.Channel, r.Text)).Sum(g => g.Count() - 1)
            + ledger.Get("acknowledged twice under different seqs");
        if (duplicated > 0)
        {
            violations.Add($"{duplicated} messages stored or acknowledged more than once");
        }

        // Gapless per channel, in the table and in every client's copy.
        var channels = rows.GroupBy(r => r.Channel).ToList();
        var gaps = channels.Count(g => g.Select(r => r.Seq).Order().Select((seq, i) => seq == i + 1).Any(ok => !ok));
        if (gaps > 0)
        {
            violations.Add($"{gaps} channels have a seq gap in PostgreSQL");
        }

        var viewGaps = 0;
        foreach (var client in clientsByHandle.Values)
        {
            foreach (var log in client.Channels.Values)
            {
                var held = log.Snapshot();
                if (log.SeqConflicts > 0)
                {
                    violations.Add($"{client.Handle} saw one seq carry two different messages in {log.Channel}");
                }

                if (held.Count > 0 && log.Contiguous != held[^1].Seq)
                {
                    viewGaps++;
                }

                foreach (var (seq, h) in held)
                {
                    if (stored.TryGetValue((log.Channel, seq), out var row) && row.ClientMessageId != h.ClientMessageId)
                    {
                        violations.Add($"{client.Handle} holds seq {seq} of {log.Channel} as a message PostgreSQL does not have there");
                    }
                }
            }
        }

        if (viewGaps > 0)
        {
            violations.Add($"{viewGaps} client views of a channel still have a gap after the final resync");
        }

        // Delivered to the peer (conversations) or to every other member (rooms).
        int live = 0, history = 0, undelivered = 0;
        foreach (var ack in acks)
        {
            foreach (var reader in Readers(ack, ledger, roomMembers))
            {
                var held = clientsByHandle.TryGetValue(reader, out var client) && client.Channels.TryGetValue(ack.Channel, out var log) ? log.Get(ack.Seq) : null;
                if (held is null || held.ClientMessageId != ack.ClientMessageId)
                {
                    undelivered++;
                    if (undelivered <= 20)
                    {
                        violations.Add($"seq {ack.Seq} of {ack.Channel[..Math.Min(24, ack.Channel.Length)]}… never reached {reader}");
                    }
                }
                else if (held.Live)
                {
                    live++;
                }
                else
                {
                    history++;
                }
            }
        }

        // Every request ended by a rule.
        foreach (var request in ledger.Requests.Values.Where(r => r.Outcome is null))
        {
            if (ledger.Conversations.Keys.Any(id => ConversationIds.Answers(id, request.RequestId)))
            {
                request.SetOutcome("matched", "final check");
                ledger.Count("matches found only by the final check");
            }
        }

        var unresolved = ledger.Requests.Values.Where(r => r.Outcome is null).ToList();
        violations.AddRange(unresolved.Select(r => $"request {r.RequestId[..8]}… of {r.SeekerHandle} ({r.Topic}, known from {r.LearnedFrom}) ended without matched, cancelled or expired"));

        // Listener capacity: sampled listings, and every conversation's start and end from the server.
        var overCapacity = ledger.CapacityViolations.ToList();
        foreach (var listener in ledger.Conversations.Values.Where(r => r.ListenerHandle is not null && r.StartedAt != default).GroupBy(r => r.ListenerHandle!))
        {
            var edges = listener.Where(r => r.EndedAt is not null || r.ActiveAtEnd)
                .SelectMany(r => new[] { (At: r.StartedAt, Delta: 1), (At: r.EndedAt ?? DateTime.MaxValue, Delta: -1) })
                .OrderBy(e => e.At).ThenBy(e => e.Delta);
            var open = 0;
            foreach (var edge in edges)
            {
                open += edge.Delta;
                if (open > settings.ListenerCapacity)
                {
                    overCapacity.Add($"{listener.Key} had {open} conversations at once at {edge.At:HH:mm:ss.fff}, capacity {settings.ListenerCapacity}");
                    break;
                }
            }
        }

        violations.AddRange(overCapacity);

        // No 5xx.
        var http5xx = ledger.HttpStatuses.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);
        var hub500 = ledger.HubErrors.Where(kv => kv.Key.EndsWith(": server", StringComparison.Ordinal) || kv.Key.EndsWith(": other", StringComparison.Ordinal)).Sum(kv => kv.Value);
        if (http5xx > 0)
        {
            violations.Add($"{http5xx} HTTP 5xx answers");
        }

        if (hub500 > 0)
        {
            violations.Add($"{hub500} hub calls failed with an unexpected server error or an answer outside the contract");
        }

        var pending = clientsByHandle.Values.Sum(c => c.Outbox.Count);
        if (pending > 0)
        {
            violations.Add($"{pending} messages were still unacknowledged after the drain");
        }

        var ackKeys = acks.Select(a => (a.Channel, a.ClientMessageId)).ToHashSet();
        return new SoakReport
        {
            Settings = settings,
            Elapsed = elapsed,
            Faults = ledger.Faults,
            Recoveries = FaultRecovery.Of(ledger.Faults, acks),
            AcknowledgedConversation = acks.Count(a => a.Channel.StartsWith("conversation:", StringComparison.Ordinal)),
            AcknowledgedRoom = acks.Count(a => a.Channel.StartsWith("room:", StringComparison.Ordinal)),
            Lost = lost,
            Duplicated = duplicated,
            DeliveredLive = live,
            DeliveredByHistory = history,
            Undelivered = undelivered,
            StoredNotAcknowledged = rows.Count(r => !ackKeys.Contains((r.Channel, r.ClientMessageId))),
            Channels = channels.Count,
            ChannelsWithGaps = gaps,
            ClientViewsWithGaps = viewGaps,
            RequestOutcomes = ledger.Requests.Values.Where(r => r.Outcome is not null).GroupBy(r => r.Outcome!).ToDictionary(g => g.Key, g => g.Count()),
            RequestsLost = unresolved.Count,
            ConversationsStarted = ledger.Conversations.Count,
            ListenersOverCapacity = overCapacity.Count,
            HttpServerErrors = http5xx,
            HubServerErrors = hub500,
            HttpStatuses = new Dictionary<int, int>(ledger.HttpStatuses),
            HubErrors = new Dictionary<string, int>(ledger.HubErrors),
            Counters = new Dictionary<string, int>(ledger.Counters),
            Violations = violations,
            Observations = ledger.Observations,
        };
    }

    private static IEnumerable<string> Readers(Ack ack, SoakLedger ledger, IReadOnlyDictionary<string, string[]> roomMembers)
    {
        if (roomMembers.TryGetValue(ack.Channel, out var members))
        {
            return members.Where(m => m != ack.SenderHandle);
        }

        var id = ack.Channel["conversation:".Length..];
        if (!ledger.Conversations.TryGetValue(id, out var record))
        {
            return ["(a participant of an unknown conversation)"];
        }

        var peer = record.SeekerHandle == ack.SenderHandle ? record.ListenerHandle : record.SeekerHandle;
        return [peer ?? "(an unknown peer)"];
    }

    private static async Task<List<StoredRow>> ReadMessagesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT channel, seq, sender_handle, client_message_id, text FROM messages", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    private sealed record StoredRow(string Channel, long Seq, string SenderHandle, string ClientMessageId, string Text);
}
