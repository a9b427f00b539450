package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// rawDB opens the test database behind the store's back, as someone with
// access to the database server could.
func rawDB(t testing.TB, dsn string) (*sql.DB, func(string) string) {
	t.Helper()
	driver, src, rebind := "pgx", dsn, func(q string) string {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
		return q
	}
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, src, rebind = "sqlite", "file:"+path+"?_pragma=busy_timeout(10000)", func(q string) string { return q }
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, rebind
}

// auditStore is a store with a few audited changes, and its raw database.
func auditStore(t *testing.T) (*store.Store, *sql.DB, func(string) string, []int64) {
	t.Helper()
	dsn := storetest.DSN(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range 5 {
		if err := s.CreateUnit(ctx, store.Actor{Address: "192.0.2.1"}, &tiendo.Unit{Code: fmt.Sprintf("dv%d", i), Name: fmt.Sprintf("Đơn vị <b>%d</b>", i)}); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := s.AuditLog(ctx, "", 100)
	if err != nil || len(entries) != 5 {
		t.Fatalf("audit log: %d rows, %v; want 5", len(entries), err)
	}
	var ids []int64
	for i := len(entries) - 1; i >= 0; i-- {
		ids = append(ids, entries[i].ID)
	}
	db, rebind := rawDB(t, dsn)
	return s, db, rebind, ids
}

func verify(t *testing.T, s *store.Store) *store.AuditReport {
	t.Helper()
	rep, err := s.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(ids []int64) (query string, args []any)
		broken func(ids []int64) int64 // the row verify must name
		says   string
	}{
		{"edited row", func(ids []int64) (string, []any) {
			return `UPDATE audit_log SET after = '{"code":"gia"}' WHERE id = ?`, []any{ids[2]}
		}, func(ids []int64) int64 { return ids[2] }, "đã bị sửa"},
		{"edited address", func(ids []int64) (string, []any) {
			return `UPDATE audit_log SET address = '10.0.0.1' WHERE id = ?`, []any{ids[0]}
		}, func(ids []int64) int64 { return ids[0] }, "đã bị sửa"},
		{"deleted row", func(ids []int64) (string, []any) {
			return `DELETE FROM audit_log WHERE id = ?`, []any{ids[2]}
		}, func(ids []int64) int64 { return ids[3] }, "bị xóa"},
		{"deleted newest row", func(ids []int64) (string, []any) {
			return `DELETE FROM audit_log WHERE id = ?`, []any{ids[4]}
		}, func(ids []int64) int64 { return ids[4] }, "đã bị xóa"},
		{"inserted row", func(ids []int64) (string, []any) {
			return `INSERT INTO audit_log (id, at, address, action, entity, entity_id, before, after, prev_hash, hash)
				SELECT id + 1000, at, address, action, entity, entity_id, before, after, hash, hash FROM audit_log WHERE id = ?`, []any{ids[4]}
		}, func(ids []int64) int64 { return ids[4] + 1000 }, "#"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, db, rebind, ids := auditStore(t)
			if rep := verify(t, s); !rep.OK() || rep.Rows != 5 || rep.HeadID != ids[4] {
				t.Fatalf("untouched log: %+v, want 5 rows, unbroken, head #%d", rep, ids[4])
			}
			q, args := tc.tamper(ids)
			if _, err := db.Exec(rebind(q), args...); err != nil {
				t.Fatal(err)
			}
			rep := verify(t, s)
			want := tc.broken(ids)
			if rep.OK() || rep.BrokenID != want || !strings.Contains(rep.Problem, fmt.Sprintf("#%d", want)) || !strings.Contains(rep.Problem, tc.says) {
				t.Errorf("after tampering: broken #%d %q, want #%d named and %q", rep.BrokenID, rep.Problem, want, tc.says)
			}
		})
	}
}

// Writers on many connections at once still build one unbroken chain: each
// takes the chain's row lock in turn.
func TestAuditChainConcurrentWriters(t *testing.T) {
	s := storetest.Open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				errs <- s.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: fmt.Sprintf("g%di%d", g, i), Name: "Đơn vị"})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if rep := verify(t, s); !rep.OK() || rep.Rows != 40 {
		t.Errorf("after 40 concurrent writes: %+v, want 40 rows unbroken", rep)
	}
}

// Pruning for retention keeps the rest verifiable through the anchor, and
// deleting the first row kept is still noticed.
func TestAuditPruneKeepsChainVerifiable(t *testing.T) {
	s, db, rebind, ids := auditStore(t)
	now := time.Now()
	s.Now = func() time.Time { return now.Add(48 * time.Hour) }
	if err := s.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: "moi", Name: "Đơn vị mới"}); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneAudit(ctx, store.Actor{}, now.Add(24*time.Hour))
	if err != nil || n != 5 {
		t.Fatalf("prune: %d, %v; want the 5 old rows", n, err)
	}
	rep := verify(t, s)
	if !rep.OK() || rep.AnchorID != ids[4] || rep.Rows != 2 {
		t.Fatalf("after pruning: %+v, want unbroken, anchored at #%d, 2 rows left", rep, ids[4])
	}
	first, _ := s.AuditLog(ctx, "unit", 1)
	if _, err := db.Exec(rebind(`DELETE FROM audit_log WHERE id = ?`), first[0].ID); err != nil {
		t.Fatal(err)
	}
	if rep := verify(t, s); rep.OK() || !strings.Contains(rep.Problem, "điểm neo") {
		t.Errorf("first kept row deleted: %+v, want a break at the anchor", rep)
	}
}

func TestAuditSearch(t *testing.T) {
	s, _, _, ids := auditStore(t)
	got, err := s.AuditSearch(ctx, store.AuditFilter{Entity: "unit", BeforeID: ids[3], Limit: 2})
	if err != nil || len(got) != 2 || got[0].ID != ids[2] || got[1].ID != ids[1] {
		t.Errorf("page before #%d: %+v, %v; want #%d, #%d", ids[3], got, err, ids[2], ids[1])
	}
	if got, _ := s.AuditSearch(ctx, store.AuditFilter{Action: "x' OR '1'='1"}); len(got) != 0 {
		t.Errorf("a quote in the filter matched %d rows, want none", len(got))
	}
}
