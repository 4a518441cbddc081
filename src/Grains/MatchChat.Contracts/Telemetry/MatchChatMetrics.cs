using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Messaging;

namespace MatchChat.Contracts.Telemetry;

/// <summary>
/// MatchChat's own meter (<c>MatchChat</c>), one per process, used by the grains, the message store and the web node;
/// the hosts export it at <c>GET /metrics</c> (MatchChat.Hosting, Metrics/). Labels are topic slugs (bounded by the
/// topic catalog, checked before any queue is reached) and fixed reason or kind strings only: never a member id,
/// handle, conversation id or text. Recording is a counter add or histogram record with at most two tags, and costs
/// next to nothing while no exporter listens.
/// </summary>
public static partial class MatchChatMetrics
{
    public const string MeterName = "MatchChat";

    /// <summary>The fixed label for a refused <c>POST /api/members</c>.</summary>
    public const string MemberCreationLimit = "member_creation";

    private const string TopicTag = "topic";
    private const string ReasonTag = "reason";

    private static readonly Meter Meter = new(MeterName);

    private static readonly double[] WaitSeconds = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    private static readonly ConcurrentDictionary<QueueGauge, byte> ActiveQueues = new();

    private static readonly HashSet<string> OfferCloseReasons = new(StringComparer.Ordinal)
    {
        OfferReasons.Accepted, OfferReasons.Declined, OfferReasons.Expired, OfferReasons.Unavailable,
        OfferReasons.Busy, OfferReasons.Withdrawn, OfferReasons.NotStarted,
    };

    private static readonly HashSet<string> ConversationEndReasons = new(StringComparer.Ordinal) { EndReasons.Ended };

    private static readonly Counter<long> OffersMade = Meter.CreateCounter<long>(
        "matchchat.offers.made", "{offer}", "Offers made to listeners, per topic.");

    private static readonly Counter<long> OffersClosed = Meter.CreateCounter<long>(
        "matchchat.offers.closed", "{offer}",
        "Offers that left a listener, per topic and reason: accepted, declined, expired, unavailable, busy, withdrawn.");

    private static readonly Histogram<double> WaitUntilOffer = Meter.CreateHistogram(
        "matchchat.queue.wait_until_offer", "s", "Time from a request's arrival to its first offer, per topic.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitSeconds });

    private static readonly Histogram<double> WaitUntilMatch = Meter.CreateHistogram(
        "matchchat.queue.wait_until_match", "s", "Time from a request's arrival to its started conversation, per topic.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitSeconds });

    private static readonly Counter<long> ConversationsStarted = Meter.CreateCounter<long>(
        "matchchat.conversations.started", "{conversation}", "Conversations started, per topic.");

    private static readonly Counter<long> ConversationsEnded = Meter.CreateCounter<long>(
        "matchchat.conversations.ended", "{conversation}", "Conversations ended, per topic and reason.");

    private static readonly Counter<long> MessagesStored = Meter.CreateCounter<long>(
        "matchchat.messages.stored", "{message}", "Messages stored (a resend of a stored message is not counted), per channel kind: conversation or room.");

    private static readonly Histogram<int> StoreBatchSize = Meter.CreateHistogram(
        "matchchat.store.batch.size", "{message}", "Message rows per committed PostgreSQL transaction (group commit).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    private static readonly Histogram<double> StoreCommitDuration = Meter.CreateHistogram(
        "matchchat.store.commit.duration", "s", "Time to write and commit one transaction of message rows in PostgreSQL.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly UpDownCounter<long> PushBacklog = Meter.CreateUpDownCounter<long>(
        "matchchat.push.backlog", "{send}", "SignalR sends queued or running in this web node's push lanes.");

    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "matchchat.connections", "{connection}", "Hub connections open on this web node.");

    private static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "matchchat.rate_limited", "{refusal}", "Calls refused by a rate limit on this web node, per limit: the hub method name, or member_creation.");

    static MatchChatMetrics()
    {
        Meter.CreateObservableGauge("matchchat.queue.waiting", ObserveWaiting, "{request}",
            "Requests in each topic's queue (waiting, offered or being started), as held by the queue grains in this process.");
    }

    /// <summary>A topic queue active in this process reports its length through the gauge; <see cref="UntrackQueue"/> on deactivation.</summary>
    public static QueueGauge TrackQueue(string topic)
    {
        var gauge = new QueueGauge(topic);
        ActiveQueues[gauge] = 0;
        return gauge;
    }

    public static void UntrackQueue(QueueGauge? gauge)
    {
        if (gauge is not null)
        {
            ActiveQueues.TryRemove(gauge, out _);
        }
    }

    /// <summary>An offer was made; <paramref name="firstWait"/> is the request's wait when this is its first offer.</summary>
    public static void OfferMade(string topic, TimeSpan? firstWait)
    {
        var tag = Topic(topic);
        OffersMade.Add(1, tag);
        if (firstWait is { } wait)
        {
            WaitUntilOffer.Record(Math.Max(0, wait.TotalSeconds), tag);
        }
    }

    public static void OfferClosed(string topic, string reason) =>
        OffersClosed.Add(1, Topic(topic), new KeyValuePair<string, object?>(ReasonTag, Known(OfferCloseReasons, reason)));

    public static void Matched(string topic, TimeSpan waited) => WaitUntilMatch.Record(Math.Max(0, waited.TotalSeconds), Topic(topic));

    public static void ConversationStarted(string topic) => ConversationsStarted.Add(1, Topic(topic));

    public static void ConversationEnded(string topic, string reason) =>
        ConversationsEnded.Add(1, Topic(topic), new KeyValuePair<string, object?>(ReasonTag, Known(ConversationEndReasons, reason)));

    /// <summary>A message row was stored on <paramref name="channel"/>; only its kind becomes a label.</summary>
    public static void MessageStored(string channel) =>
        MessagesStored.Add(1, new KeyValuePair<string, object?>("kind",
            channel.StartsWith(Channels.RoomPrefix, StringComparison.Ordinal) ? "room" : "conversation"));

    public static void StoreCommitted(int rows, TimeSpan duration)
    {
        StoreBatchSize.Record(rows);
        StoreCommitDuration.Record(duration.TotalSeconds);
    }

    public static void PushQueued() => PushBacklog.Add(1);

    public static void PushDone() => PushBacklog.Add(-1);

    public static void ConnectionOpened() => Connections.Add(1);

    public static void ConnectionClosed() => Connections.Add(-1);

    /// <summary>A call refused by a rate limit; <paramref name="limit"/> is a hub method name or <see cref="MemberCreationLimit"/>.</summary>
    public static void RateLimited(string limit) => RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    private static KeyValuePair<string, object?> Topic(string topic) => new(TopicTag, topic);

    private static string Known(HashSet<string> known, string value) => known.Contains(value) ? value : "other";

    private static IEnumerable<Measurement<int>> ObserveWaiting()
    {
        var perTopic = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gauge in ActiveQueues.Keys)
        {
            perTopic[gauge.Topic] = perTopic.GetValueOrDefault(gauge.Topic) + gauge.Count;
        }

        return perTopic.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>(TopicTag, p.Key)));
    }
}
