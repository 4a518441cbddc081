using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MatchChat.Tests.Grains;

/// <summary>
/// Every grain reference in the product comes from <see cref="GrainRefs"/> (types resolved once, references built from
/// the grain id): it must name the same grain as Orleans' own <c>GetGrain</c>, on its first use and every later one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainRefsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_member_created_through_one_reference_is_the_member_every_later_reference_reaches()
    {
        var id = Ids.New();
        var handle = "Refs-" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Grains.Ref<IMemberGrain>(id).Create(handle, "adult");

        // The second and third references are built from the cached types, not by Orleans' lookup.
        Assert.Equal(handle, (await fixture.Grains.Ref<IMemberGrain>(id).GetMe()).Handle);
        Assert.Equal(handle, (await SiloFactory().Ref<IMemberGrain>(id).GetMe()).Handle);
        Assert.Equal(handle, (await fixture.Grains.GetGrain<IMemberGrain>(id).GetMe()).Handle);
        Assert.Equal(fixture.Grains.GetGrain<IMemberGrain>(id), fixture.Grains.Ref<IMemberGrain>(id));
        Assert.NotEqual(fixture.Grains.GetGrain<IMemberGrain>(Ids.New()), fixture.Grains.Ref<IMemberGrain>(id));
    }

    private IGrainFactory SiloFactory() =>
        Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public void An_integer_keyed_reference_names_the_same_grain_as_Orleans_own()
    {
        fixture.Grains.Ref<ICrisisScreenGrain>(0);
        Assert.Equal(fixture.Grains.GetGrain<ICrisisScreenGrain>(0), fixture.Grains.Ref<ICrisisScreenGrain>(0));
        Assert.Equal(fixture.Grains.GetGrain<ICrisisScreenGrain>(7), fixture.Grains.Ref<ICrisisScreenGrain>(7));
        Assert.NotEqual(fixture.Grains.GetGrain<ICrisisScreenGrain>(1), fixture.Grains.Ref<ICrisisScreenGrain>(0));
    }
}
