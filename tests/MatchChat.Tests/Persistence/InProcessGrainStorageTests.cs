using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Members;
using MatchChat.Grains.Persistence;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace MatchChat.Tests.Persistence;

/// <summary>
/// The embedded server's grain state, kept in its own process: what a member set survives their grain being
/// deactivated, a write is a snapshot, and a stale write or clear is refused without changing what is stored.
/// </summary>
public sealed class InProcessGrainStorageTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private InProcessGrainStorage Storage => new(new CompactStateSerializer(
        server.Services.GetRequiredService<Serializer>(), server.Services.GetRequiredService<IGrainStorageSerializer>()));

    [Fact]
    public async Task A_listener_profile_survives_the_member_grain_being_deactivated_in_the_embedded_server()
    {
        var storage = Assert.IsType<InProcessGrainStorage>(server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));
        await using var member = await TestMember.CreateAsync(server.BaseUrl);
        await member.Volunteer("grief", ["lost-a-parent"], max: 3);

        var grain = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberGrain>(member.Created.MemberId);
        var stored = new GrainState<MemberState>(new MemberState());
        await storage.ReadStateAsync("member", grain.GetGrainId(), stored);
        Assert.Equal(["grief"], stored.State!.Listener!.Topics);
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        await using var again = await TestConnection.OpenAsync(server.BaseUrl, member.Token);
        var me = await again.Invoke<Member>("GetMe");
        Assert.Equal(member.Handle, me.Handle);
        Assert.NotNull(me.Listener);
        Assert.Equal(["grief"], me.Listener!.Topics);
        Assert.Equal(["lost-a-parent"], me.Listener.Experiences);
        Assert.Equal(3, me.Listener.MaxConcurrentChats);
    }

    [Fact]
    public async Task A_burst_of_requests_to_one_topic_shares_the_queue_writes_in_the_embedded_server()
    {
        // This storage answers a write before returning; the queue's group commit must still let the requests that
        // wait for the grain join one write, or each request copies and writes the whole queue alone.
        var storage = Assert.IsType<InProcessGrainStorage>(server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));
        var queue = server.Services.GetRequiredService<IGrainFactory>().GetGrain<ITopicQueueGrain>(TestTopics.Slug(0));
        await queue.Enqueue(Request(0));
        var before = storage.Writes;

        var tickets = await Task.WhenAll(Enumerable.Range(1, 300).Select(i => queue.Enqueue(Request(i))));

        Assert.Equal(300, tickets.Select(t => t.RequestId).Distinct().Count());
        Assert.Equal(301, tickets.Max(t => t.Position));
        var writes = storage.Writes - before;
        Assert.True(writes <= 30, $"{writes} writes for 300 requests queued at once");
    }

    private static SeekerRequest Request(int i) =>
        new($"burst-{i}", $"seeker-{i}", $"h-{i}", "adult", [], null, DateTime.UtcNow);

    [Fact]
    public async Task A_write_is_a_snapshot_read_back_whole_and_a_stale_write_or_clear_changes_nothing()
    {
        var storage = Storage;
        var id = GrainId.Create("member", "m-1");
        var written = new GrainState<MemberState>(new MemberState { Handle = "quiet-river", Rooms = ["room-1"], ListenedCount = 2 });
        Assert.False(await Read(storage, "member", id) is { RecordExists: true });

        await storage.WriteStateAsync("member", id, written);
        var firstETag = written.ETag;
        Assert.NotNull(firstETag);
        Assert.True(written.RecordExists);
        written.State!.Handle = "changed-after-the-write";
        written.State!.Rooms.Add("room-2");

        var read = await Read(storage, "member", id);
        Assert.True(read.RecordExists);
        Assert.Equal(firstETag, read.ETag);
        Assert.Equal("quiet-river", read.State!.Handle);
        Assert.Equal(["room-1"], read.State!.Rooms);
        Assert.Equal(2, read.State!.ListenedCount);

        // The first reader writes; the second still holds the old ETag and is refused, leaving the first one's state.
        var other = await Read(storage, "member", id);
        read.State!.Handle = "first-writer";
        await storage.WriteStateAsync("member", id, read);
        Assert.NotEqual(firstETag, read.ETag);
        other.State!.Handle = "stale-writer";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("member", id, other));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("member", id, other));
        // A blind create (no ETag: LazyState.TryCreate, a conversation's first write) of a row that exists is refused too.
        var blind = new GrainState<MemberState>(new MemberState { Handle = "blind-create" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("member", id, blind));
        Assert.Equal("first-writer", (await Read(storage, "member", id)).State!.Handle);

        // Another state name or grain is a different row.
        Assert.False((await Read(storage, "listener", id)).RecordExists);
        Assert.False((await Read(storage, "member", GrainId.Create("member", "m-2"))).RecordExists);

        await storage.ClearStateAsync("member", id, read);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.False((await Read(storage, "member", id)).RecordExists);
        Assert.Equal(0, storage.Count);

        // Written again after the clear, as a new record.
        await storage.WriteStateAsync("member", id, new GrainState<MemberState>(new MemberState { Handle = "back" }));
        Assert.Equal("back", (await Read(storage, "member", id)).State!.Handle);
    }

    [Fact]
    public async Task Of_writers_racing_with_the_same_version_exactly_one_wins()
    {
        var storage = Storage;
        var id = GrainId.Create("member", "raced");
        var seed = new GrainState<MemberState>(new MemberState { Handle = "seed" });
        await storage.WriteStateAsync("member", id, seed);

        async Task<bool> Write(int i, string? etag)
        {
            try
            {
                await Task.Yield();
                await storage.WriteStateAsync("member", id, new GrainState<MemberState>(new MemberState { Handle = $"w-{i}" }, etag));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }

        var updates = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => Write(i, seed.ETag))));
        Assert.Single(updates, won => won);
        var winner = (await Read(storage, "member", id)).State!.Handle;
        Assert.Equal(winner, $"w-{Array.IndexOf(updates, true)}");

        // Blind creates of a row nobody has written: one is taken, the rest refused.
        var missing = GrainId.Create("member", "created-once");
        var creates = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            try
            {
                await Task.Yield();
                await storage.WriteStateAsync("member", missing, new GrainState<MemberState>(new MemberState { Handle = $"c-{i}" }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));
        Assert.Single(creates, won => won);
    }

    [Fact]
    public async Task A_read_of_a_row_never_written_leaves_the_grain_its_own_fresh_state()
    {
        var mine = new MemberState { Handle = "not-yet-stored" };
        var state = new GrainState<MemberState>(mine);

        await Storage.ReadStateAsync("member", GrainId.Create("member", "nobody"), state);

        Assert.Same(mine, state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Many_grains_written_at_once_are_all_kept()
    {
        var storage = Storage;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), async (i, _) =>
        {
            var state = new GrainState<MemberState>(new MemberState { Handle = $"h-{i}" });
            await storage.WriteStateAsync("member", GrainId.Create("member", $"m-{i}"), state);
            state.State!.ListenedCount = i;
            await storage.WriteStateAsync("member", GrainId.Create("member", $"m-{i}"), state);
        });

        Assert.Equal(2_000, storage.Count);
        for (var i = 0; i < 2_000; i += 97)
        {
            var read = await Read(storage, "member", GrainId.Create("member", $"m-{i}"));
            Assert.Equal($"h-{i}", read.State!.Handle);
            Assert.Equal(i, read.State!.ListenedCount);
        }
    }

    private static async Task<GrainState<MemberState>> Read(IGrainStorage storage, string name, GrainId id)
    {
        var state = new GrainState<MemberState>(new MemberState());
        await storage.ReadStateAsync(name, id, state);
        return state;
    }
}
