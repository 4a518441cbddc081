using System.Collections.Concurrent;
using System.Diagnostics;
using MatchChat.Soak.Clients;
using MatchChat.Soak.Cluster;

namespace MatchChat.Soak.Checks;

/// <summary>What every client saw and did, in one place the checks read at the end. Thread-safe.</summary>
public sealed class SoakLedger
{
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentQueue<string> _observations = new();
    private readonly List<Fault> _faults = [];

    /// <summary>Time since the clients began (zero before).</summary>
    public TimeSpan Now => _clock.Elapsed;

    public ConcurrentDictionary<(string Channel, string ClientMessageId), Ack> Acks { get; } = new();

    public ConcurrentDictionary<string, SeekerRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, ConversationRecord> Conversations { get; } = new();

    public ConcurrentQueue<string> CapacityViolations { get; } = new();

    /// <summary>HTTP status codes the clients got (member creation, negotiate), by code.</summary>
    public ConcurrentDictionary<int, int> HttpStatuses { get; } = new();

    /// <summary>Hub errors by "Method: code" (code <c>server</c> is SignalR's "unexpected error": a 500 of the hub).</summary>
    public ConcurrentDictionary<string, int> HubErrors { get; } = new();

    public IReadOnlyDictionary<string, int> Counters => _counters;

    public IReadOnlyCollection<string> Observations => _observations;

    public IReadOnlyList<Fault> Faults
    {
        get
        {
            lock (_faults)
            {
                return _faults.ToList();
            }
        }
    }

    public void StartClock() => _clock.Start();

    public void Count(string counter, int by = 1) => _counters.AddOrUpdate(counter, by, (_, n) => n + by);

    public int Get(string counter) => _counters.GetValueOrDefault(counter);

    public void Observe(string text)
    {
        if (_observations.Count < 200)
        {
            _observations.Enqueue($"[{Now.TotalSeconds:F0}s] {text}");
        }
    }

    public void Add(Fault fault)
    {
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }

    public void Http(int status) => HttpStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void HubError(string method, string code) => HubErrors.AddOrUpdate($"{method}: {code}", 1, (_, n) => n + 1);

    public void Acknowledged(Message message, string text, string senderHandle, TimeSpan? firstFailureAt, int failures)
    {
        var ack = new Ack(message.Channel, message.Seq, message.ClientMessageId, text, senderHandle, Now, firstFailureAt, failures);
        if (!Acks.TryAdd((message.Channel, message.ClientMessageId), ack) && Acks[(message.Channel, message.ClientMessageId)].Seq != message.Seq)
        {
            Count("acknowledged twice under different seqs");
        }
    }

    public SeekerRequest Request(string requestId, string seekerHandle, string topic, string learnedFrom) =>
        Requests.GetOrAdd(requestId, id => new SeekerRequest(id, seekerHandle, topic, learnedFrom));

    /// <summary>Records a conversation as one participant lists it.</summary>
    public ConversationRecord Saw(Conversation conversation, string myHandle)
    {
        var record = Conversations.GetOrAdd(conversation.ConversationId, _ => new ConversationRecord(conversation.ConversationId, conversation.Channel, conversation.Topic));
        lock (record)
        {
            if (conversation.Role == "seeker")
            {
                record.SeekerHandle = myHandle;
                record.ListenerHandle ??= conversation.PeerHandle;
            }
            else
            {
                record.ListenerHandle = myHandle;
                record.SeekerHandle ??= conversation.PeerHandle;
            }

            if (conversation.StartedAt != default)
            {
                record.StartedAt = conversation.StartedAt;
            }

            record.EndedAt ??= conversation.EndedAt;
        }

        return record;
    }
}
