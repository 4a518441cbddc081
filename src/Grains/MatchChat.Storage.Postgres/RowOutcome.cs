using MatchChat.Grains.Messages;

namespace MatchChat.Storage.Postgres;

/// <summary>What one transaction did with one row: a result for the caller, or the reason it was not stored.</summary>
internal readonly record struct RowOutcome(AppendResult? Result, string? Failure)
{
    public static RowOutcome Of(AppendResult result) => new(result, null);

    public static RowOutcome Failed(string reason) => new(null, reason);
}
