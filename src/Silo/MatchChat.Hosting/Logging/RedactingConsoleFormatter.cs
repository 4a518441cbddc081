using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MatchChat.Hosting.Logging;

/// <summary>
/// The console's lines, as the runtime's "simple" format writes them, with every member handle taken out. MatchChat's own
/// log lines never name a handle, but Orleans' do: a grain whose state could not be read (PostgreSQL down) is named by its
/// id, and the handle directory's grains are keyed by the handle itself ("handle/QuietHarbor-417"). Logs are shipped to
/// places members never agreed to, so a handle becomes "handle/…" and any handle-shaped word becomes "[handle]".
/// </summary>
public sealed partial class RedactingConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "matchchat";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        // Logging:Console:FormatterOptions:TimestampFormat and UseUtcTimestamp, as the runtime's formats read them.
        var settings = options.Get(FormatterName);
        if (settings.TimestampFormat is { } format)
        {
            var now = settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            textWriter.Write(now.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.WriteLine(']');
        if (!string.IsNullOrEmpty(message))
        {
            textWriter.Write("      ");
            textWriter.WriteLine(Redact(message));
        }

        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(Redact(exception.ToString()));
        }
    }

    /// <summary>The text without handles: a handle grain's id, a "GrainId=" of the handle grain type, and any word shaped
    /// like a generated handle (two capitalised words, a dash, digits).</summary>
    public static string Redact(string text) =>
        GeneratedHandle().Replace(HandleGrainId().Replace(text, "${prefix}…"), "[handle]");

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    [GeneratedRegex(@"(?<prefix>\bhandle/|GrainType=handle GrainId=)[^\s,;)\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex HandleGrainId();

    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][a-z]+-\d{1,6}\b", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedHandle();
}

/// <summary>Console logging through <see cref="RedactingConsoleFormatter"/>, for the web node and the silo process.</summary>
public static class RedactingConsoleExtensions
{
    /// <summary>The default console format becomes the redacting one; an operator who configured another
    /// (<c>Logging:Console:FormatterName</c>, e.g. <c>json</c>) keeps it, without redaction.</summary>
    public static ILoggingBuilder AddMatchChatConsole(this ILoggingBuilder logging)
    {
        logging.AddConsoleFormatter<RedactingConsoleFormatter, ConsoleFormatterOptions>();
        logging.AddConsole(o =>
        {
            if (string.IsNullOrEmpty(o.FormatterName) || o.FormatterName == ConsoleFormatterNames.Simple)
            {
                o.FormatterName = RedactingConsoleFormatter.FormatterName;
            }
        });
        return logging;
    }
}
