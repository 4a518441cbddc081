-- Crisis alerts for moderators. No text: the flagged message stays in messages (channel, seq); a request note is not kept.
CREATE TABLE crisis_alerts
(
    alert_id text NOT NULL,
    member_id text NOT NULL,
    handle text NOT NULL,
    channel text NULL,
    seq bigint NULL,
    source text NOT NULL,
    level text NOT NULL,
    created_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'open',
    acknowledged_by text NULL,
    acknowledged_by_id text NULL,
    acknowledged_note text NULL,
    acknowledged_at timestamptz NULL,

    CONSTRAINT pk_crisis_alerts PRIMARY KEY (alert_id),
    CONSTRAINT ck_crisis_alerts_status CHECK (status IN ('open', 'acknowledged')),
    CONSTRAINT ck_crisis_alerts_source CHECK (source IN ('note', 'message'))
);

CREATE INDEX ix_crisis_alerts_created_at ON crisis_alerts (created_at DESC);

-- The audit trail of moderator reads (who, what, when; never text). The trust and safety work creates the same table
-- in 007; IF NOT EXISTS keeps this script valid with or without it.
CREATE TABLE IF NOT EXISTS audit
(
    id bigserial NOT NULL,
    at timestamptz NOT NULL,
    actor_id text NOT NULL,
    actor_handle text NOT NULL,
    action text NOT NULL,
    report_id text NULL,
    channel text NULL,

    CONSTRAINT pk_audit PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ix_audit_at ON audit (at);
