using System.Reflection;
using MatchChat.Contracts.Matching;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// A queue's requests packed one after another, each keeping its bytes until it changes: every stored field of a request
/// changed after a pack must be in the next pack, or a restarted queue would bring back what was before.
/// </summary>
public sealed class PackedRequestsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private Serializer<QueuedRequest> Serializer => server.Services.GetRequiredService<Serializer<QueuedRequest>>();

    [Fact]
    public void Requests_unpack_in_order_with_every_field()
    {
        var requests = Enumerable.Range(0, 3).Select(Sample).ToList();
        requests[1].Exclude("listener-1");
        requests[2].OfferId = "offer-2";

        var read = PackedRequests.Unpack(PackedRequests.Pack(requests, Serializer), Serializer);

        Assert.Equal(requests.Select(Describe), read.Select(Describe));
    }

    [Fact]
    public void Every_stored_field_changed_after_a_pack_is_in_the_next_pack()
    {
        var stored = typeof(QueuedRequest).GetProperties()
            .Where(p => p.GetCustomAttribute<IdAttribute>() is not null)
            .ToList();
        Assert.True(stored.Count >= 14, "every stored field of a request is checked");

        foreach (var property in stored)
        {
            var request = Sample(0);
            var first = Describe(PackedRequests.Unpack(PackedRequests.Pack([request], Serializer), Serializer)[0]);

            property.SetValue(request, Changed(property));
            var second = Describe(PackedRequests.Unpack(PackedRequests.Pack([request], Serializer), Serializer)[0]);

            Assert.NotEqual(first, second);
            Assert.Equal(Describe(request), second);
        }

        var excluded = Sample(0);
        PackedRequests.Pack([excluded], Serializer);
        excluded.Exclude("listener-9");
        Assert.Contains("listener-9", PackedRequests.Unpack(PackedRequests.Pack([excluded], Serializer), Serializer)[0].Excluded);
    }

    private static object Changed(PropertyInfo property) => property.PropertyType switch
    {
        var t when t == typeof(SeekerRequest) => Sample(1).Request,
        var t when t == typeof(string) => "changed",
        var t when t == typeof(DateTime?) => new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc),
        var t when t == typeof(HashSet<string>) => new HashSet<string> { "listener-7" },
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
