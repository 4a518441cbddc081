using Microsoft.Extensions.Logging;

namespace MatchChat.Storage.Postgres;

/// <summary>
/// Structured log messages of the storage layer. Never message text, and never an exception object: with
/// <c>Include Error Detail</c> Npgsql puts the failing row, a member's words, into exception messages.
/// </summary>
internal static partial class PostgresStorageLog
{
    [LoggerMessage(1, LogLevel.Warning, "Message batch of {RowCount} rows failed ({Reason}); retrying once on a fresh connection")]
    public static partial void BatchRetry(ILogger logger, int rowCount, string reason);

    [LoggerMessage(2, LogLevel.Error, "Message batch of {RowCount} rows failed ({Reason}); every waiter is told the store is unavailable")]
    public static partial void BatchFailed(ILogger logger, int rowCount, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Message batch of {RowCount} rows was rejected ({Reason}); writing its rows one by one")]
    public static partial void BatchSplit(ILogger logger, int rowCount, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Message {Channel}/{Seq} was not stored: {Reason}")]
    public static partial void RowRejected(ILogger logger, string channel, long seq, string reason);

    [LoggerMessage(5, LogLevel.Error, "Message writer stopped unexpectedly ({ExceptionType})")]
    public static partial void WriterCrashed(ILogger logger, string exceptionType);

    [LoggerMessage(9, LogLevel.Debug, "Message batch of {RowCount} rows repeats a stored key (a resend); writing it with ON CONFLICT instead of COPY")]
    public static partial void CopyFellBack(ILogger logger, int rowCount);

    [LoggerMessage(6, LogLevel.Information, "Applying PostgreSQL migrations (waiting for the migration lock)")]
    public static partial void MigrationStarting(ILogger logger);

    [LoggerMessage(7, LogLevel.Information, "PostgreSQL schema up to date: {AppliedCount} migration(s) applied in {ElapsedMs} ms")]
    public static partial void MigrationDone(ILogger logger, int appliedCount, long elapsedMs);

    [LoggerMessage(8, LogLevel.Warning, "PostgreSQL not reachable for migrations (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void MigrationWaiting(ILogger logger, int attempt, int delayMs);
}
