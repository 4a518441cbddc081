using System.Collections.Concurrent;
using MatchChat.Web.Push;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatchChat.Tests.Push;

/// <summary>The node's push queue: a stuck send (a slow socket) holds up only its own member or channel.</summary>
public sealed class OrderedSendsTests
{
    [Fact]
    public async Task Sends_keep_their_order_per_key_and_a_stuck_key_does_not_hold_up_the_others()
    {
        var sends = new OrderedSends(NullLogger<OrderedSends>.Instance);
        var done = new ConcurrentQueue<string>();
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sends.Enqueue("room:slow", async () => { await stuck.Task; done.Enqueue("slow-1"); });
        sends.Enqueue("room:slow", () => { done.Enqueue("slow-2"); return Task.CompletedTask; });
        for (var i = 0; i < 100; i++)
        {
            var n = i;
            sends.Enqueue("room:fast", async () => { await Task.Yield(); done.Enqueue($"fast-{n}"); });
        }

        await WaitFor(() => done.Count == 100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"fast-{i}"), done);
        Assert.Equal(2, sends.Pending);

        stuck.SetResult();
        await WaitFor(() => done.Count == 102);
        Assert.Equal(["slow-1", "slow-2"], done.Skip(100));
        await WaitFor(() => sends.Pending == 0);
    }

    [Fact]
    public async Task A_failed_send_does_not_stop_the_next_one_on_its_key()
    {
        var sends = new OrderedSends(NullLogger<OrderedSends>.Instance);
        var ran = false;
        sends.Enqueue("member:m", () => throw new InvalidOperationException("socket closed"));
        sends.Enqueue("member:m", () => { ran = true; return Task.CompletedTask; });
        await WaitFor(() => Volatile.Read(ref ran) && sends.Pending == 0);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
