-- Keep what members and moderators type out of PostgreSQL's planner statistics.
-- ANALYZE (autovacuum runs it by itself as tables grow) copies sample values of every column narrower than 1 kB into
-- pg_statistic: with the default statistics target, up to 100 most common values and 101 histogram bounds per column,
-- readable through the pg_stats view by every role that may read the column. For the columns below those samples are
-- message texts, report reasons and evidence, moderators' notes, and grain state (request notes, check-in notes,
-- thanks notes, bios, ban reasons): copies that deletion's redaction and the retention job never reach. Nothing filters,
-- joins or sorts on these columns and none is indexed, so the planner loses nothing.
-- SET STATISTICS 0: ANALYZE no longer samples the column. ALTER COLUMN ... TYPE to the column's own type deletes from
-- pg_statistic what an earlier ANALYZE stored; the type is unchanged, so the table is not rewritten. Each table is locked
-- (ACCESS EXCLUSIVE) only for that catalog change, but until this script commits; a silo that cannot get a lock within
-- the time below fails its start instead of queueing every read and write of the table behind it, and migrates when it
-- starts again.
SET LOCAL lock_timeout = '5s';

ALTER TABLE messages
    ALTER COLUMN text SET STATISTICS 0,
    ALTER COLUMN text TYPE text;

ALTER TABLE reports
    ALTER COLUMN reason SET STATISTICS 0,
    ALTER COLUMN reason TYPE text,
    ALTER COLUMN evidence SET STATISTICS 0,
    ALTER COLUMN evidence TYPE jsonb,
    ALTER COLUMN resolution_note SET STATISTICS 0,
    ALTER COLUMN resolution_note TYPE text;

ALTER TABLE crisis_alerts
    ALTER COLUMN acknowledged_note SET STATISTICS 0,
    ALTER COLUMN acknowledged_note TYPE text;

ALTER TABLE orleansstorage
    ALTER COLUMN payloadbinary SET STATISTICS 0,
    ALTER COLUMN payloadbinary TYPE bytea;
