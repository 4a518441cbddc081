-- Keep what members and moderators type out of PostgreSQL's planner statistics.
-- ANALYZE (autovacuum runs it by itself as tables grow) copies sample values of every column into pg_statistic: up to
-- 100 most common values and 101 histogram bounds per column, readable through the pg_stats view by the tables' owner.
-- For the columns below those samples are message texts, report reasons and evidence, moderators' notes, and grain
-- state (request notes, check-in notes, thanks notes, bios): copies that deletion's redaction and the retention job
-- never reach. Nothing filters, joins or sorts on these columns, so the planner loses nothing.
-- SET STATISTICS 0: ANALYZE no longer samples the column. ALTER COLUMN ... TYPE to the column's own type drops what an
-- earlier ANALYZE stored; the type is unchanged, so the table is not rewritten, and none of these columns is indexed.
ALTER TABLE messages ALTER COLUMN text SET STATISTICS 0;
ALTER TABLE messages ALTER COLUMN text TYPE text;

ALTER TABLE reports ALTER COLUMN reason SET STATISTICS 0;
ALTER TABLE reports ALTER COLUMN reason TYPE text;
ALTER TABLE reports ALTER COLUMN evidence SET STATISTICS 0;
ALTER TABLE reports ALTER COLUMN evidence TYPE jsonb;
ALTER TABLE reports ALTER COLUMN resolution_note SET STATISTICS 0;
ALTER TABLE reports ALTER COLUMN resolution_note TYPE text;

ALTER TABLE crisis_alerts ALTER COLUMN acknowledged_note SET STATISTICS 0;
ALTER TABLE crisis_alerts ALTER COLUMN acknowledged_note TYPE text;

ALTER TABLE orleansstorage ALTER COLUMN payloadbinary SET STATISTICS 0;
ALTER TABLE orleansstorage ALTER COLUMN payloadbinary TYPE bytea;
