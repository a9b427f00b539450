-- The approvals recorded before 0026 named the unit head as the sender of
-- the revision: they are found in the audit log, as a submission ("submit")
-- of a report that was waiting for review ("before" in state review), whose
-- version ("after") is the revision's. The head, the submission's user,
-- becomes its approver, and whoever last sent the report for review before
-- the approval ("send_review") becomes its sender. A revision whose sending
-- for review the log no longer holds (pruned) is left as it was, and so is
-- every revision that already names an approver. The audit rows' JSON is
-- read only where it is JSON (CASE), so that no other row can fail.
CREATE TEMPORARY TABLE approvals AS
SELECT rv.id AS revision_id,
	(SELECT sr.user_id FROM audit_log sr
		WHERE sr.entity = 'unit_report' AND sr.entity_id = a.entity_id AND sr.action = 'send_review' AND sr.id < a.id
		ORDER BY sr.id DESC LIMIT 1) AS writer
FROM audit_log a JOIN report_revisions rv ON rv.report_id = a.entity_id
WHERE a.entity = 'unit_report' AND a.action = 'submit' AND rv.approved_by IS NULL
	AND CASE WHEN json_valid(a.before) AND json_valid(a.after)
		THEN json_extract(a.before, '$.status') = 'review' AND json_extract(a.after, '$.version') = rv.version
		ELSE 0 END
	AND EXISTS (SELECT 1 FROM audit_log sr
		WHERE sr.entity = 'unit_report' AND sr.entity_id = a.entity_id AND sr.action = 'send_review' AND sr.id < a.id);

UPDATE report_revisions SET
	approved_by = submitted_by,
	submitted_by = (SELECT writer FROM approvals WHERE revision_id = report_revisions.id)
WHERE id IN (SELECT revision_id FROM approvals);

DROP TABLE approvals;
