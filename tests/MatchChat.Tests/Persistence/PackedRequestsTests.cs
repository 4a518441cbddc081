using System.Reflection;
using MatchChat.Contracts.Matching;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Orleans.Serialization;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// A queue's requests packed one after another, each keeping its bytes until it changes: every stored field of a request
/// changed after a pack must be in the next pack, or a restarted queue would bring back what was before.
/// </summary>
public sealed class PackedRequestsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly Serializer Rows = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(PackedRequests).Assembly).AddAssembly(typeof(SeekerRequest).Assembly)
            .AddAssembly(typeof(Stop44QueueRow).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private Serializer<QueuedRequest> Serializer => server.Services.GetRequiredService<Serializer<QueuedRequest>>();

    [Fact]
    public void Requests_unpack_in_order_with_every_field()
    {
        var requests = Enumerable.Range(0, 3).Select(Sample).ToList();
        requests[1].Exclude("listener-1");
        requests[2].OfferId = "offer-2";

        var row = new TopicQueueState { NextArrival = 3, Packed = PackedRequests.Pack(requests, Serializer) };

        // Through the stored row's own serializer, as storage writes and reads it.
        var read = Rows.Deserialize<TopicQueueState>(Rows.SerializeToArray(row))!;

        Assert.Equal(3, read.NextArrival);
        Assert.Equal(requests.Select(Describe), read.Packed!.Unpack(Serializer).Select(Describe));
    }

    [Fact]
    public void A_row_this_build_writes_is_the_row_stop_44_wrote_and_reads()
    {
        var requests = Enumerable.Range(0, 4).Select(Sample).ToList();
        requests[3].Exclude("listener-3");
        var packed = PackedRequests.Pack(requests, Serializer);

        var asStop44 = Rows.Deserialize<Stop44QueueRow>(Rows.SerializeToArray(new TopicQueueState { NextArrival = 4, Packed = packed }))!;

        Assert.Equal(4, asStop44.NextArrival);
        Assert.Equal(packed.ToLayout(), asStop44.Packed);
        Assert.Equal(requests.Select(Describe), PackedRequests.FromLayout(asStop44.Packed!).Unpack(Serializer).Select(Describe));
    }

    [Fact]
    public void A_row_stop_44_wrote_is_read_in_order()
    {
        var requests = Enumerable.Range(0, 4).Select(Sample).ToList();
        requests[1].OfferId = "offer-1";
        var stop44 = new Stop44QueueRow { NextArrival = 4, Packed = PackedRequests.Pack(requests, Serializer).ToLayout() };

        var read = Rows.Deserialize<TopicQueueState>(Rows.SerializeToArray(stop44))!;

        Assert.Equal(4, read.NextArrival);
        Assert.Equal(requests.Select(Describe), read.Packed!.Unpack(Serializer).Select(Describe));
    }

    [Fact]
    public void In_json_grain_state_rows_of_this_build_and_of_stop_44_read_each_other()
    {
        // Orleans' JSON grain-state format (type names on), what storage uses with BinaryGrainState off.
        var json = server.Services.GetRequiredService<Orleans.Storage.IGrainStorageSerializer>();
        var requests = Enumerable.Range(0, 3).Select(Sample).ToList();
        var packed = PackedRequests.Pack(requests, Serializer);
        var stop44 = JObject.Parse(json.Serialize(new Stop44QueueRow { NextArrival = 3, Packed = packed.ToLayout() }).ToString());
        var ours = JObject.Parse(json.Serialize(new TopicQueueState { NextArrival = 3, Packed = packed }).ToString());

        // Stop 44 wrote its byte array as an object with a type name; this build reads it.
        Assert.Equal(JTokenType.Object, stop44["Packed"]!.Type);
        var theirsInOurs = (JObject)ours.DeepClone();
        theirsInOurs["Packed"] = stop44["Packed"]!.DeepClone();
        var read = json.Deserialize<TopicQueueState>(BinaryData.FromString(theirsInOurs.ToString()))!;
        Assert.Equal(requests.Select(Describe), read.Packed!.Unpack(Serializer).Select(Describe));

        // And stop 44 reads what this build writes.
        var oursInTheirs = (JObject)stop44.DeepClone();
        oursInTheirs["Packed"] = ours["Packed"]!.DeepClone();
        Assert.Equal(packed.ToLayout(), json.Deserialize<Stop44QueueRow>(BinaryData.FromString(oursInTheirs.ToString()))!.Packed);
    }

    [Fact]
    public void A_queue_stored_as_a_list_in_json_keeps_who_declined_under_the_name_older_builds_read()
    {
        var json = server.Services.GetRequiredService<Orleans.Storage.IGrainStorageSerializer>();
        var request = Sample(0);
        request.Exclude("listener-5");

        var stored = json.Serialize(new TopicQueueState { Requests = [request] });
        var read = json.Deserialize<TopicQueueState>(stored)!;

        Assert.Contains("\"Excluded\"", stored.ToString());
        Assert.Equal(["listener-5"], read.Requests.Single().Excluded);
    }

    [Fact]
    public void A_row_cut_short_is_refused()
    {
        var layout = PackedRequests.Pack([Sample(0), Sample(1)], Serializer).ToLayout();

        Assert.Throws<InvalidDataException>(() => PackedRequests.FromLayout(layout[..^3]).Unpack(Serializer));
    }

    [Fact]
    public void Every_stored_field_changed_after_a_pack_is_in_the_next_pack()
    {
        var stored = typeof(QueuedRequest).GetProperties()
            .Where(p => p.GetCustomAttribute<IdAttribute>() is not null)
            .ToList();
        Assert.True(stored.Count >= 13, "every stored property of a request is checked");

        // A stored field that is not a property is changed through a method, checked below: a new one must be added there.
        var fields = typeof(QueuedRequest).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.GetCustomAttribute<IdAttribute>() is not null)
            .Select(f => f.Name);
        Assert.Equal(["_excluded"], fields);

        foreach (var property in stored)
        {
            var request = Sample(0);
            var first = Describe(PackedRequests.Pack([request], Serializer).Unpack(Serializer)[0]);

            property.SetValue(request, Changed(property));
            var second = Describe(PackedRequests.Pack([request], Serializer).Unpack(Serializer)[0]);

            Assert.NotEqual(first, second);
            Assert.Equal(Describe(request), second);
        }

        var excluded = Sample(0);
        PackedRequests.Pack([excluded], Serializer);
        excluded.Exclude("listener-9");
        Assert.Contains("listener-9", PackedRequests.Pack([excluded], Serializer).Unpack(Serializer)[0].Excluded);
    }

    private static object Changed(PropertyInfo property) => property.PropertyType switch
    {
        var t when t == typeof(SeekerRequest) => Sample(1).Request,
        var t when t == typeof(string) => "changed",
        var t when t == typeof(DateTime?) => new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc),
        var t when t == typeof(string[]) => new[] { "grief" },
        var t when t == typeof(int) => 3,
        var t when t == typeof(long) => 77L,
        var t when t == typeof(bool) => true,
        var t => throw new InvalidOperationException($"No changed value for a {t.Name}: add one here."),
    };

    private static QueuedRequest Sample(int i) => new()
    {
        Request = new SeekerRequest($"r{i}", $"s{i}", $"H-{i}", "adult", ["loss"], i == 0 ? null : "a note", new DateTime(2026, 12, 1, 0, 0, i, DateTimeKind.Utc)),
        Arrival = i,
    };

    private static string Describe(QueuedRequest r) => string.Join("|",
        r.Request.RequestId, r.Request.SeekerId, r.Request.Note, string.Join(",", r.Request.Experiences), r.Request.EnqueuedAt.Ticks,
        r.OfferId, r.OfferListenerId, r.OfferExpiresAt?.Ticks, string.Join(",", r.Excluded.Order()), r.StartListenerId,
        r.StartListenerHandle, string.Join(",", r.StartSharedExperiences), r.StartAttempt, r.StartUnsettled, r.CancelledAs,
        r.FirstOfferAt?.Ticks, r.Arrival, r.Urgent);
}

/// <summary>A topic queue's row as stop 44 stored it: the same field ids, the packed requests as a byte array.</summary>
[GenerateSerializer, Alias("MatchChat.Tests.Stop44QueueRow")]
public sealed class Stop44QueueRow
{
    [Id(7)] public long NextArrival { get; set; }
    [Id(8)] public byte[]? Packed { get; set; }
}
