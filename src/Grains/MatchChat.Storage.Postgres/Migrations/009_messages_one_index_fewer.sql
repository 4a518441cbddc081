-- One index fewer per stored message (docs/benchmarks.md, stop 19: B-tree inserts were the largest part of PostgreSQL's
-- CPU per message). The client-message-id key now leads with sender_id, so the redaction (WHERE sender_id = ...) finds
-- a sender's rows through it, and the separate index on sender_id from 006 is no longer needed. Resends are found by
-- all three columns, as before; ON CONFLICT DO NOTHING names no constraint, so either key order works for it.
-- On a large table this rebuilds the key once at upgrade (the table is locked against writes meanwhile).
ALTER TABLE messages ADD CONSTRAINT uq_messages_sender_client_message_id UNIQUE (sender_id, channel, client_message_id);
ALTER TABLE messages DROP CONSTRAINT uq_messages_client_message_id;
DROP INDEX ix_messages_sender_id;
