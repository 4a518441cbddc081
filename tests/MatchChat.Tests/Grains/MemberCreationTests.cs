using MatchChat.Contracts;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using MatchChat.Web.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatchChat.Tests.Grains;

/// <summary>POST /api/members' claim-then-create on a cluster whose storage fails the way a database does.</summary>
[Collection(FaultyStorageCollection.Name)]
public sealed class MemberCreationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static string NewHandle() => "Test-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_member_that_could_not_be_stored_gives_its_handle_back_for_the_next_member()
    {
        var handle = NewHandle();
        var failed = Ids.New();
        FaultyGrainStorage.FailWritesOf(fixture.Grains.GetGrain<IMemberGrain>(failed).GetGrainId(), 1);

        await Assert.ThrowsAnyAsync<Exception>(() => MemberCreation.CreateAsync(fixture.Grains, failed, "adult", () => handle, NullLogger.Instance));

        // The only handle on offer is the one the failed member had claimed: the next member gets it.
        var next = await MemberCreation.CreateAsync(fixture.Grains, Ids.New(), "adult", () => handle, NullLogger.Instance);
        Assert.Equal(handle, next?.Handle);
    }

    [Fact]
    public async Task A_handle_that_is_taken_is_not_given_to_another_member()
    {
        var handle = NewHandle();
        var first = await MemberCreation.CreateAsync(fixture.Grains, Ids.New(), "adult", () => handle, NullLogger.Instance);
        Assert.Equal(handle, first?.Handle);

        await fixture.Grains.GetGrain<IHandleGrain>(handle).Release(Ids.New());

        Assert.Null(await MemberCreation.CreateAsync(fixture.Grains, Ids.New(), "adult", () => handle, NullLogger.Instance));
    }

    [Fact]
    public async Task A_claim_that_could_not_be_stored_leaves_the_handle_free()
    {
        var handle = fixture.Grains.GetGrain<IHandleGrain>(NewHandle());
        FaultyGrainStorage.FailWritesOf(handle.GetGrainId(), 1);

        await Assert.ThrowsAnyAsync<Exception>(() => handle.Claim("first"));

        Assert.True(await handle.Claim("second"));
        Assert.False(await handle.Claim("first"));
    }
}
