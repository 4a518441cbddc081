namespace MatchChat.Soak.Behaviours;

/// <summary>Random waits, as people type and pause.</summary>
public sealed class Pace(int seed)
{
    private readonly Random _random = new(seed);

    public double Next()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    public int Between(int min, int max)
    {
        lock (_random)
        {
            return _random.Next(min, max + 1);
        }
    }

    public TimeSpan Between(TimeSpan min, TimeSpan max) => min + (max - min) * Next();

    public async Task Wait(TimeSpan min, TimeSpan max, CancellationToken stop)
    {
        try
        {
            await Task.Delay(Between(min, max), stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
