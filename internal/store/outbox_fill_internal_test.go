package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// For BenchmarkClaimMessages and TestClaimReadsOnlyPending (store_test): a
// large outbox written in a few statements, and the plans of a claim.

// OutboxRows are n outbox rows for FillOutbox, all alike but for their
// dedupe keys (Key and a number) and units (FirstUnit, FirstUnit+1 ...
// FirstUnit+Units-1, in turn).
type OutboxRows struct {
	N             int
	Key           string
	Kind, Status  string
	RoundID       int64
	FirstUnit     int64
	Units         int
	NextAttemptAt time.Time
	ClaimedUntil  time.Time // zero: none
}

// FillOutbox adds r's rows to the outbox in one statement.
func (s *Store) FillOutbox(ctx context.Context, r OutboxRows) error {
	ts := "?"
	if s.dialect == postgres {
		ts = "CAST(? AS TIMESTAMPTZ)"
	}
	claimedBy := ""
	if !r.ClaimedUntil.IsZero() {
		claimedBy = "bench"
	}
	_, err := s.db.ExecContext(ctx, s.q(`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < CAST(? AS INTEGER))
		INSERT INTO outbox (kind, dedupe_key, round_id, unit_id, email, subject, body, link, status, attempts, next_attempt_at,
			claimed_by, claimed_until, created_at)
		SELECT CAST(? AS TEXT), CAST(? AS TEXT) || i, CAST(? AS BIGINT), CAST(? AS BIGINT) + i % CAST(? AS INTEGER),
			'vanthu@xa.example', 'Hôm nay là hạn cuối gửi báo cáo', 'Kính gửi: Anh/Chị,

Đề nghị đơn vị gửi báo cáo đúng hạn.', '/rounds/1/reports/dv', CAST(? AS TEXT), 1, `+ts+`, CAST(? AS TEXT), `+ts+`, `+ts+`
		FROM g`), r.N, r.Kind, r.Key, r.RoundID, r.FirstUnit, r.Units, r.Status, r.NextAttemptAt.UTC(),
		claimedBy, nullTime(r.ClaimedUntil), r.NextAttemptAt.UTC())
	if err != nil {
		return fmt.Errorf("fill outbox %s: %w", r.Key, err)
	}
	return nil
}

// Analyze updates the planner's statistics, as autovacuum or "PRAGMA
// optimize" would on a server that has run a while.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "ANALYZE")
	return err
}

// ExplainClaim returns the plans of a claim's two statements
// (ClaimMessages) at the store's clock: on SQLite EXPLAIN QUERY PLAN, on
// PostgreSQL EXPLAIN ANALYZE, run in a transaction that is rolled back.
func (s *Store) ExplainClaim(ctx context.Context, limit int) (expire, claim string, err error) {
	e, c := s.claimStatements(s.now(), "explain", limit, time.Minute)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", "", err
	}
	defer tx.Rollback()
	explain := func(st statement) (string, error) {
		if s.dialect == postgres {
			return planLines(tx.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+st.query, st.args...))
		}
		return planLines(tx.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st.query, st.args...))
	}
	if expire, err = explain(e); err != nil {
		return "", "", err
	}
	claim, err = explain(c)
	return expire, claim, err
}

// planLines joins a plan's rows: PostgreSQL's one column, or SQLite's
// detail column (the last of four).
func planLines(rows *sql.Rows, err error) (string, error) {
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		if err := rows.Scan(vals...); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%v\n", *vals[len(vals)-1].(*any))
	}
	return b.String(), rows.Err()
}

// SetMessageStatus sets the status of messages ids, as MarkSent and the
// like would one by one.
func (s *Store) SetMessageStatus(ctx context.Context, status string, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := append([]any{status}, anys(ids)...)
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE outbox SET status = ?, claimed_by = '', claimed_until = NULL WHERE id IN (`+placeholders(len(ids))+`)`), args...)
	return err
}
