package store

import "context"

// RecordRevisionsAsBefore0026 records the approved revisions as the store
// recorded them before migration 0026: the unit head, who approved, as the
// sender, and no approver. For the test of migration 0027, on both stores.
func (s *Store) RecordRevisionsAsBefore0026(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `UPDATE report_revisions SET submitted_by = approved_by, approved_by = NULL WHERE approved_by IS NOT NULL`)
	return err
}
