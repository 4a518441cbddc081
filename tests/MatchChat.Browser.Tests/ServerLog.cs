using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MatchChat.Browser.Tests;

/// <summary>
/// The in-process server's log (Information and above, the newest entries, with their time), so that a journey that
/// fails can say what the server did meanwhile. The product logs no message text, note or token, so neither does this.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 5_000;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Line)> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    /// <summary>Everything logged since <paramref name="since"/>, one entry per line.</summary>
    public string Since(DateTimeOffset since) => string.Join(Environment.NewLine,
        _lines.Where(l => l.At >= since).Select(l => l.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + l.Line));

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue((DateTimeOffset.UtcNow, line));
        while (_lines.Count > Kept && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " (" + exception.GetType().Name + ")")}");
            }
        }
    }
}
