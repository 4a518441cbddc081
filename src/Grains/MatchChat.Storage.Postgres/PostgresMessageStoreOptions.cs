namespace MatchChat.Storage.Postgres;

/// <summary>How <see cref="PostgresMessageStore"/> turns appends into transactions.</summary>
public sealed record PostgresMessageStoreOptions
{
    /// <summary>The defaults: group commit, up to 256 rows per transaction, no flush window, two writers.</summary>
    public static PostgresMessageStoreOptions Default { get; } = new();

    /// <summary>One transaction per append, each on its own connection (the baseline a benchmark compares against).</summary>
    public static PostgresMessageStoreOptions OneRowPerTransaction { get; } = new() { GroupCommit = false };

    /// <summary>True: one background writer collects appends from all channels and commits them together.
    /// False: every append runs its own transaction.</summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>The most rows written in one group-commit transaction.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>How long the writer waits for more rows after the first one of a batch arrived (zero, the default: take
    /// what is queued). Rows that arrive while a commit is in flight already share the next one, so under load a window
    /// only adds its length to every acknowledgement (S3 in docs/benchmarks.md).</summary>
    public TimeSpan FlushWindow { get; init; } = TimeSpan.Zero;

    /// <summary>How many group-commit transactions may be in flight at once (one background writer each). While one batch
    /// waits for its commit to be flushed, the next one collects rows and writes; 1 is a single writer. One channel never
    /// has two appends in flight (its grain awaits each before the next), so a channel's rows still commit in seq order.</summary>
    public int ConcurrentBatches { get; init; } = 2;

    /// <summary>True (the default): a group-commit batch of more than one row is written with one binary <c>COPY</c>, and
    /// only a batch in which a row repeats a stored key is written again with <c>INSERT ... ON CONFLICT DO NOTHING</c>.
    /// False: every batch uses that statement. Either way a batch is one transaction and each caller hears back after
    /// its commit.</summary>
    public bool BinaryCopy { get; init; } = true;

    /// <summary>Command timeout for the message statements. A failed write is retried once, so a caller waits at most
    /// about twice this (plus twice <see cref="ConnectTimeout"/>) before it hears "unavailable".</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Connect timeout used when the store builds its own data source and the connection string sets none.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(4);
}
