package store

import (
	"context"
	"fmt"
)

// RoundFingerprint is what a round's consolidated report is drafted from
// (reportdoc.Input, and what tells which of its parts are out of date), as
// a value that changes whenever any of it does, and only then: a login, a
// report in another round or a unit's draft not yet sent leave it as it is.
// Two fingerprints of one round read at different times are equal only if
// nothing drafting reads changed in between, so an answer drawn after
// reading one holds as long as the fingerprint does. Each field says what
// it follows and why that is enough.
type RoundFingerprint struct {
	// Round is the round's stamp (sqlRoundStamp): its row, tasks,
	// targets, assignees and units asked change only with an audit row
	// about the round.
	Round int64
	// Earlier is the round whose directive EarlierSource reads, 0 when
	// none: a round's source is written when it is created and never
	// changed, so which round it comes from decides it.
	Earlier int64
	// Shared is the newest audit row about what every round's report
	// reads: the units (names and tree), the body running tiendo
	// (OwnIssuer), the issuers' cut-off days (RoundWindow), and the audit
	// log's pruning, which takes the records of parts drawn and reports
	// returned (DocPartsDrawn, ReportsReturned).
	Shared int64
	// Sent and Versions are how many of the round's reports were ever
	// submitted, and the sum of their versions. A report not yet
	// submitted counts nowhere in the report (it is missing, as it is
	// without a row); one submitted keeps its submission time, returned or
	// not, and every change to it, its sections, values and contributions
	// moves its version up (SaveReport, ActOnReport), so the sum grows
	// with each.
	Sent, Versions int64
}

// RoundFingerprint reads round roundID's fingerprint, in one query: what is
// read after it is at least as new.
func (s *Store) RoundFingerprint(ctx context.Context, roundID int64) (RoundFingerprint, error) {
	var f RoundFingerprint
	err := s.rdb.QueryRowContext(ctx, s.q(sqlRoundFingerprint), roundID, roundID, roundID).
		Scan(&f.Round, &f.Earlier, &f.Shared, &f.Sent, &f.Versions)
	if err != nil {
		return RoundFingerprint{}, fmt.Errorf("store: round fingerprint: %w", err)
	}
	return f, nil
}

// sqlRoundFingerprint walks the chain of predecessors as EarlierSource does,
// to the first with a directive. The shared stamp is the largest of one
// newest row per entity, each an end of the index audit_log_entity_latest
// (migration 0030): asked for the four entities at once, PostgreSQL read
// the whole log backwards by id.
const sqlRoundFingerprint = `WITH RECURSIVE chain(id, has, depth) AS (
		SELECT p.id, COALESCE(p.source, '') <> '', 1 FROM rounds r JOIN rounds p ON p.id = r.predecessor_id WHERE r.id = ?
		UNION ALL
		SELECT p.id, COALESCE(p.source, '') <> '', c.depth + 1 FROM chain c JOIN rounds cr ON cr.id = c.id
			JOIN rounds p ON p.id = cr.predecessor_id WHERE NOT c.has AND c.depth < 100)
	SELECT (` + sqlRoundStamp + `),
		COALESCE((SELECT id FROM chain WHERE has ORDER BY depth LIMIT 1), 0),
		(SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(id) AS m FROM audit_log WHERE entity = 'unit'
			UNION ALL SELECT MAX(id) FROM audit_log WHERE entity = 'own_issuer'
			UNION ALL SELECT MAX(id) FROM audit_log WHERE entity = 'issuer_setting'
			UNION ALL SELECT MAX(id) FROM audit_log WHERE entity = 'audit_log') shared),
		COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT)
	FROM unit_reports WHERE round_id = ? AND submitted_at IS NOT NULL`
