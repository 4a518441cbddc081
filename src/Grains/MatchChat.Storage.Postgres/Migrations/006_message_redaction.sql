-- Deletion (PROTOCOL.md "Deletion and retention"): a member who deletes their data has every message they sent redacted.
-- The row stays (its seq keeps history gapless); its text is erased and this flag says so.
ALTER TABLE messages ADD COLUMN redacted boolean NOT NULL DEFAULT false;

-- Finds one sender's rows across every channel for the redaction's batched updates.
CREATE INDEX ix_messages_sender_id ON messages (sender_id);
