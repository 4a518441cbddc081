using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench;

/// <summary>Result of <see cref="AckLoop.RunAsync"/>: acknowledged sends per second and the send→acknowledgement latency.</summary>
public sealed record AckLoopResult(double AckedPerSecond, Latency Latency, long Acked, long Errors);

/// <summary>
/// S1's second shape, the one a client written outside the project naturally uses: every connection (both sides of
/// every pair, so 100 senders for 50 pairs) sends, awaits its own acknowledgement (the answer to SendMessage), and sends
/// again. Nothing waits for the peer's receipt. The same code drives MatchChat and the echo baseline.
/// </summary>
public static class AckLoop
{
    public static async Task<AckLoopResult> RunAsync(List<RelayPair> pairs, TimeSpan warmup, TimeSpan duration, string tag)
    {
        var latency = new Latency();
        long acked = 0, errors = 0;
        var measureStart = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var senders = pairs.SelectMany(p => new[] { (Peer: p.A, p.Channel), (Peer: p.B, p.Channel) });
        await Task.WhenAll(senders.Select(async s =>
        {
            for (var k = 0; Stopwatch.GetTimestamp() < end; k++)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await s.Peer.Conn.InvokeAsync<Message>("SendMessage", s.Channel, $"{tag}-{s.Peer.Index}-{k}", Clients.Text);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                    await Task.Delay(20);
                    continue;
                }

                var t1 = Stopwatch.GetTimestamp();
                if (t0 >= measureStart && t1 <= end)
                {
                    latency.RecordTicks(t1 - t0);
                    Interlocked.Increment(ref acked);
                }
            }
        }));
        return new AckLoopResult(acked / duration.TotalSeconds, latency, acked, errors);
    }
}
