namespace MatchChat.Storage.Postgres;

/// <summary>What a pool of PostgreSQL connections is for; each gets its share of the <see cref="PostgresConnectionBudget"/>
/// and shows in <c>pg_stat_activity.application_name</c> as <c>matchchat-&lt;use&gt;</c>.</summary>
public enum PostgresUse
{
    /// <summary>Orleans' ADO.NET providers: cluster membership, grain storage and reminders (one shared pool).</summary>
    Orleans,

    /// <summary>The message log (group-commit writer and history reads).</summary>
    Messages,

    /// <summary>Reports, the audit trail, crisis alerts and the retention job (rare next to messages; one small pool).</summary>
    Trust,

    /// <summary>The <c>/healthz</c> probe.</summary>
    Health,

    /// <summary>An Orleans client's gateway list (a web node in Client mode).</summary>
    Gateways,

    /// <summary>Schema migrations at start-up: one connection holding the lock, one applying scripts, both closed after.</summary>
    Migrations,
}
