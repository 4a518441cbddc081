-- Reports with the evidence copied when they were filed, the audit trail of moderator reads, and what the retention
-- job needs: when each conversation ended, and the seq floor of channels whose rows it erased.

CREATE TABLE reports
(
    report_id text NOT NULL,
    reporter_id text NOT NULL,
    reporter_handle text NOT NULL,
    reported_id text NULL,
    reported_handle text NULL,
    channel text NOT NULL,
    seq bigint NULL,
    category text NOT NULL,
    reason text NOT NULL,
    created_at timestamptz NOT NULL,
    -- Message[] as JSON (camelCase, as clients see it); '[]' once the retention job erased it.
    evidence jsonb NOT NULL,
    evidence_erased_at timestamptz NULL,
    status text NOT NULL DEFAULT 'open',
    resolution_action text NULL,
    resolution_note text NULL,
    resolution_minutes integer NULL,
    resolved_by_id text NULL,
    resolved_by_handle text NULL,
    resolved_at timestamptz NULL,

    CONSTRAINT pk_reports PRIMARY KEY (report_id),
    CONSTRAINT ck_reports_status CHECK (status IN ('open', 'resolved'))
);

CREATE INDEX ix_reports_created_at ON reports (created_at DESC);
CREATE INDEX ix_reports_evidence_kept ON reports (created_at) WHERE evidence_erased_at IS NULL;

-- Who read what, when: never any text.
CREATE TABLE audit
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

CREATE INDEX ix_audit_at ON audit (at);

-- Written by the conversation grain when a conversation ends; the retention job erases the conversation's messages
-- ConversationDays later and then drops the row.
CREATE TABLE conversation_endings
(
    channel text NOT NULL,
    ended_at timestamptz NOT NULL,

    CONSTRAINT pk_conversation_endings PRIMARY KEY (channel)
);

CREATE INDEX ix_conversation_endings_ended_at ON conversation_endings (ended_at);

-- The highest seq the retention job erased per channel: a room emptied by retention goes on from there, never from 1.
CREATE TABLE channel_seq_floors
(
    channel text NOT NULL,
    seq bigint NOT NULL,

    CONSTRAINT pk_channel_seq_floors PRIMARY KEY (channel)
);
