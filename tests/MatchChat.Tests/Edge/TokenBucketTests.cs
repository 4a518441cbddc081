using MatchChat.Tests.Support;
using MatchChat.Web.Edge;

namespace MatchChat.Tests.Edge;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_bucket_that_sat_full_gives_the_burst_then_only_what_refills_after_it_was_drained()
    {
        var time = new ManualTime(new DateTime(2025, 1, 1));
        var bucket = new TokenBucket(perSecond: 5, burst: 20, time);
        Assert.True(bucket.TryTake("m"));
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(20, Enumerable.Range(0, 100).Count(_ => bucket.TryTake("m")));
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, Enumerable.Range(0, 100).Count(_ => bucket.TryTake("m")));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, Enumerable.Range(0, 100).Count(_ => bucket.TryTake("m")));
        Assert.Equal(20, Enumerable.Range(0, 100).Count(_ => bucket.TryTake("other")));
    }

    [Fact]
    public void Idle_full_buckets_are_dropped_and_a_dropped_key_starts_full_again()
    {
        var time = new ManualTime(new DateTime(2025, 1, 1));
        var bucket = new TokenBucket(perSecond: 1, burst: 2, time);
        Assert.True(bucket.TryTake("idle"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(bucket.TryTake("busy"));
        Assert.Equal(1, bucket.Count);
        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => bucket.TryTake("idle")));
    }

    [Fact]
    public void A_rate_of_zero_turns_the_limit_off()
    {
        var bucket = new TokenBucket(perSecond: 0, burst: 1, TimeProvider.System);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(bucket.TryTake("m")));
    }
}
