-- The long texts that every report writes are compressed with lz4 instead of
-- pglz: the report's section texts and contributions, the revision kept at
-- each submission, the audit row's before and after, and the autosaved form.
-- Under a deadline rush this takes about a twentieth of the CPU a submission
-- costs on PostgreSQL (docs/BENCHMARKS.md). Only values written from now on
-- use lz4; PostgreSQL reads both. A server built without lz4 (or older than
-- PostgreSQL 14) keeps pglz, which is why the statements run from EXECUTE,
-- where their error can be caught.
DO $$
DECLARE
	stmt TEXT;
BEGIN
	FOREACH stmt IN ARRAY ARRAY[
		'ALTER TABLE report_sections ALTER COLUMN result_vs_plan SET COMPRESSION lz4, ALTER COLUMN vs_same_period SET COMPRESSION lz4, ALTER COLUMN obstacles SET COMPRESSION lz4, ALTER COLUMN recommendations SET COMPRESSION lz4, ALTER COLUMN next_steps SET COMPRESSION lz4',
		'ALTER TABLE report_contributions ALTER COLUMN text SET COMPRESSION lz4',
		'ALTER TABLE report_revisions ALTER COLUMN body SET COMPRESSION lz4',
		'ALTER TABLE audit_log ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4',
		'ALTER TABLE report_autosaves ALTER COLUMN body SET COMPRESSION lz4'
	] LOOP
		EXECUTE stmt;
	END LOOP;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
	RAISE NOTICE 'lz4 is not available on this server; long texts stay compressed with pglz';
END
$$;
