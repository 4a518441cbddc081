using MatchChat.Grains.Members;
using MatchChat.Grains.Persistence;
using MatchChat.Grains.Queues;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// Grain state in Orleans' binary format: what is written comes back whole, and state written before in the default
/// JSON format (rows that exist) is still read.
/// </summary>
public sealed class CompactStateSerializerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly IGrainStorageSerializer _json = server.Services.GetRequiredService<IGrainStorageSerializer>();
    private CompactStateSerializer Compact => new(server.Services.GetRequiredService<Serializer>(), _json);

    [Fact]
    public void State_written_in_binary_reads_back_whole_and_smaller_than_json()
    {
        var state = SampleMember();

        var written = Compact.Serialize(state);
        var read = Compact.Deserialize<MemberState>(written);

        Assert.Equal(CompactStateSerializer.Marker, written.ToArray()[..2]);
        // Exactly the marker and Orleans' bytes: nothing of the stream's spare capacity is stored.
        Assert.Equal(server.Services.GetRequiredService<Serializer>().SerializeToArray(state).Length + 2, written.ToArray().Length);
        Assert.Equal(Describe(state), Describe(read));
        Assert.True(written.ToArray().Length < _json.Serialize(state).ToArray().Length);
    }

    [Fact]
    public void State_written_before_in_json_is_still_read()
    {
        var state = SampleMember();
        var old = _json.Serialize(state);

        var read = Compact.Deserialize<MemberState>(old);

        Assert.Equal(Describe(state), Describe(read));
        var queue = new TopicQueueState();
        Assert.NotNull(Compact.Deserialize<TopicQueueState>(_json.Serialize(queue)));
    }

    [Fact]
    public void A_binary_format_newer_than_this_build_is_refused_not_misread()
    {
        var written = Compact.Serialize(SampleMember()).ToArray();
        written[1] = 99;

        var e = Assert.Throws<NotSupportedException>(() => Compact.Deserialize<MemberState>(new BinaryData(written)));
        Assert.Contains("version 99", e.Message);
    }

    private static MemberState SampleMember() => new()
    {
        Handle = "quiet-river",
        CreatedAt = new DateTime(2026, 1, 7, 17, 0, 0, DateTimeKind.Utc),
        Request = new OpenRequest("r1", "grief", ["loss"], "a note", new DateTime(2026, 1, 7, 17, 1, 0, DateTimeKind.Utc)),
        Rooms = ["room-1"],
        Blocked = ["m2"],
        ListenedCount = 3,
        RatingSum = 12,
    };

    private static string Describe(MemberState? s) => s is null ? "null" :
        $"{s.Handle}|{s.AgeGroup}|{s.CreatedAt:O}|{s.Request}|{string.Join(",", s.Request?.Experiences ?? [])}|{string.Join(",", s.Rooms)}|{string.Join(",", s.Blocked)}|{s.ListenedCount}|{s.RatingSum}";
}
