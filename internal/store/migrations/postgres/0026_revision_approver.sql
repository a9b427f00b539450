-- A submission the unit head approves (a round that asks for the head's
-- approval) was written and sent for review by a reporter, and sent on by
-- the head: the revision now names both, the reporter as its sender and
-- the head as its approver. Before, it named only the head, as its sender;
-- 0027 names the reporters of the approvals recorded so far.
ALTER TABLE report_revisions ADD COLUMN approved_by BIGINT REFERENCES users(id);

