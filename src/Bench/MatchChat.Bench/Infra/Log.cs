using System.Diagnostics;

namespace MatchChat.Bench.Infra;

public static class Log
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly object Gate = new();

    public static void Info(string text)
    {
        lock (Gate)
        {
            Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1}s] {text}");
        }
    }
}
