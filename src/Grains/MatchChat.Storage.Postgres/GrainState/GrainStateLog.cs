using Microsoft.Extensions.Logging;

namespace MatchChat.Storage.Postgres.GrainState;

/// <summary>Log messages of the grain state writer: counts and SQL states only, never a key or a payload.</summary>
internal static partial class GrainStateLog
{
    [LoggerMessage(20, LogLevel.Warning, "Grain state batch of {WriteCount} writes was rejected ({Reason}); writing them one by one")]
    public static partial void BatchSplit(ILogger logger, int writeCount, string reason);

    [LoggerMessage(21, LogLevel.Warning, "Grain state batch of {WriteCount} writes failed ({Reason}); each grain is told its write failed")]
    public static partial void BatchFailed(ILogger logger, int writeCount, string reason);
}
