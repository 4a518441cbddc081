-- MatchChat message log: append-only, one row per message, seq handed out by the channel grain.
CREATE TABLE messages
(
    channel text NOT NULL,
    seq bigint NOT NULL,
    sender_id text NOT NULL,
    sender_handle text NOT NULL,
    client_message_id text NOT NULL,
    text text NOT NULL,
    sent_at timestamptz NOT NULL,

    CONSTRAINT pk_messages PRIMARY KEY (channel, seq),
    CONSTRAINT uq_messages_client_message_id UNIQUE (channel, sender_id, client_message_id),
    CONSTRAINT ck_messages_seq_positive CHECK (seq > 0)
);
