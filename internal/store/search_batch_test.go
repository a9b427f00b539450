package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// searchBacklog is a store whose index was current before n units each
// saved a report, which the index has yet to follow, and its raw database.
type searchBacklog struct {
	s      *store.Store
	dsn    string
	db     *sql.DB
	rebind func(string) string
	round  *tiendo.Round
	units  []int64
	before int64 // search_state.audit_id before the saves
}

func newSearchBacklog(tb testing.TB, n, tasks int) *searchBacklog {
	tb.Helper()
	dsn := storetest.DSN(tb)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	bl := &searchBacklog{s: s, dsn: dsn}
	bl.db, bl.rebind = rawDB(tb, dsn)
	bl.round, _ = storetest.Fill(tb, s, n, tasks, 0)
	if err := s.RefreshSearch(ctx); err != nil {
		tb.Fatal(err)
	}
	bl.before = bl.cursor(tb)
	states, err := s.ReportStates(ctx, bl.round.ID)
	if err != nil {
		tb.Fatal(err)
	}
	for id := range states {
		bl.units = append(bl.units, id)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(bl.units); i = int(next.Add(1)) - 1 {
				if err := bl.save(i, "báo cáo"); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
	return bl
}

// save writes unit i's report: every section says text and the unit's
// own word "donvi<i>".
func (bl *searchBacklog) save(i int, text string) error {
	u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: bl.units[i]}
	rep, err := bl.s.Report(ctx, u, bl.round.ID, u.UnitID)
	if err != nil {
		return err
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = fmt.Sprintf("Đơn vị donvi%d: %s giải phóng mặt bằng.", i, text)
	}
	return bl.s.SaveReport(ctx, store.Actor{}, u, rep)
}

func (bl *searchBacklog) cursor(tb testing.TB) int64 {
	tb.Helper()
	var c int64
	if err := bl.db.QueryRowContext(ctx, `SELECT audit_id FROM search_state WHERE id = 1`).Scan(&c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// count returns the search_docs rows of reports, and of distinct reports.
func (bl *searchBacklog) count(tb testing.TB) (rows, reports int) {
	tb.Helper()
	if err := bl.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT report_id) FROM search_docs WHERE kind = 'section' AND folded LIKE '% donvi%'`).
		Scan(&rows, &reports); err != nil {
		tb.Fatal(err)
	}
	return rows, reports
}

// failOn makes writing the index of report id fail, until the returned
// function is called.
func (bl *searchBacklog) failOn(tb testing.TB, id int64) func() {
	tb.Helper()
	create := []string{fmt.Sprintf(`CREATE TRIGGER zz_fail BEFORE INSERT ON search_docs WHEN NEW.report_id = %d BEGIN SELECT RAISE(ABORT, 'zz_fail'); END`, id)}
	drop := []string{`DROP TRIGGER zz_fail`}
	if !strings.HasPrefix(bl.dsn, "sqlite:") {
		create = []string{`CREATE FUNCTION zz_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'zz_fail'; END $$`,
			fmt.Sprintf(`CREATE TRIGGER zz_fail BEFORE INSERT ON search_docs FOR EACH ROW WHEN (NEW.report_id = %d) EXECUTE FUNCTION zz_fail()`, id)}
		drop = []string{`DROP TRIGGER zz_fail ON search_docs`, `DROP FUNCTION zz_fail()`}
	}
	for _, q := range create {
		if _, err := bl.db.ExecContext(ctx, q); err != nil {
			tb.Fatal(err)
		}
	}
	return func() {
		tb.Helper()
		for _, q := range drop {
			if _, err := bl.db.ExecContext(ctx, q); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// A catch-up of many reports commits a batch at a time, so that the
// writes of a deadline rush wait for one batch, not for the whole of it:
// when writing the last report's index fails, the batches before it stay
// done, and the next refresh goes on from there, indexing every report
// once. A build from the tables does the same.
func TestSearchCatchesUpInBatches(t *testing.T) {
	const n = 250 // more than a batch
	bl := newSearchBacklog(t, n, 1)
	var last int64
	if err := bl.db.QueryRowContext(ctx, `SELECT entity_id FROM audit_log WHERE entity = 'unit_report' ORDER BY id DESC LIMIT 1`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	undo := bl.failOn(t, last)
	if err := bl.s.RefreshSearch(ctx); err == nil {
		t.Fatal("RefreshSearch with the last report's index failing: no error")
	}
	rows, _ := bl.count(t)
	if rows == 0 || rows >= n {
		t.Errorf("after a catch-up failing on its last report: %d reports indexed, want the batches before it (some, not all %d)", rows, n)
	}
	if c := bl.cursor(t); c <= bl.before {
		t.Errorf("the index's position stayed at %d, want it past the batches done", c)
	}
	undo()
	if err := bl.s.RefreshSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if rows, reports := bl.count(t); rows != n || reports != n {
		t.Errorf("after the catch-up: %d rows of %d reports, want one of each of %d", rows, reports, n)
	}

	// Building again from the tables: the part done stays done, what was
	// indexed before is still found meanwhile, and the build goes on.
	if err := bl.save(0, "kè biển"); err != nil {
		t.Fatal(err)
	}
	undo = bl.failOn(t, last)
	if err := bl.s.RebuildSearch(ctx); err == nil {
		t.Fatal("RebuildSearch with the last report's index failing: no error")
	}
	if rows, _ := bl.count(t); rows != n {
		t.Errorf("during the build: %d reports found, want the %d indexed before", rows, n)
	}
	undo()
	if err := bl.s.RefreshSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if rows, reports := bl.count(t); rows != n || reports != n {
		t.Errorf("after the build: %d rows of %d reports, want one of each of %d", rows, reports, n)
	}
	res, err := bl.s.Search(ctx, &tiendo.User{Role: tiendo.RoleAdmin}, "ke bien donvi0", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Errorf("the report saved before the build: %d results, want 1", len(res))
	}
}

// A search does at most one batch: with a larger backlog it finds what
// is indexed, and the next searches go on from there. A single save is
// found by the search after it.
func TestSearchDoesOneBatch(t *testing.T) {
	const n = 250
	bl := newSearchBacklog(t, n, 1)
	office := &tiendo.User{Role: tiendo.RoleAdmin}
	find := func(q string) int {
		t.Helper()
		res, err := bl.s.Search(ctx, office, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(res)
	}
	find("giai phong")
	if rows, _ := bl.count(t); rows == 0 || rows >= n {
		t.Errorf("after one search: %d reports indexed, want one batch (some, not all %d)", rows, n)
	}
	for range n {
		find("giai phong")
	}
	if rows, reports := bl.count(t); rows != n || reports != n {
		t.Errorf("after searches: %d rows of %d reports, want one of each of %d", rows, reports, n)
	}
	if err := bl.save(7, "đê điều"); err != nil {
		t.Fatal(err)
	}
	if got := find("de dieu donvi7"); got != 1 {
		t.Errorf("a report just saved: %d results, want 1", got)
	}
}

// FollowSearch indexes what is saved without any search, and several
// instances following at once index every report once.
func TestFollowSearchIndexesInTheBackground(t *testing.T) {
	const n = 250
	bl := newSearchBacklog(t, n, 1)
	other, err := store.Open(ctx, bl.dsn) // a second instance
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	bg, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, s := range []*store.Store{bl.s, other, bl.s} {
		wg.Go(func() { s.FollowSearch(bg, 5*time.Millisecond, nil) })
	}
	defer func() { stop(); wg.Wait() }()
	// Saves while they follow, from both instances.
	for i := range 20 {
		if err := bl.save(i, "trồng rừng"); err != nil {
			t.Fatal(err)
		}
	}
	// Wait for the index to reach the end of the log; the guard only ends
	// a test that would otherwise hang.
	guard := time.Now().Add(2 * time.Minute)
	for {
		var last int64
		if err := bl.db.QueryRowContext(ctx, `SELECT MAX(id) FROM audit_log`).Scan(&last); err != nil {
			t.Fatal(err)
		}
		var step int
		if err := bl.db.QueryRowContext(ctx, `SELECT rebuild_step FROM search_state`).Scan(&step); err != nil {
			t.Fatal(err)
		}
		if bl.cursor(t) >= last && step == 0 {
			break
		}
		if time.Now().After(guard) {
			t.Fatalf("the index is at %d, the log at %d: not followed", bl.cursor(t), last)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if rows, reports := bl.count(t); rows != n || reports != n {
		t.Errorf("followed in the background: %d rows of %d reports, want one of each of %d", rows, reports, n)
	}
	var planted int
	if err := bl.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs WHERE folded LIKE '% trong rung %'`).Scan(&planted); err != nil {
		t.Fatal(err)
	}
	if planted != 20 {
		t.Errorf("saved while following: %d reports indexed with their new text, want 20", planted)
	}
}

// BenchmarkSearchCatchUp measures what a catch-up of a deadline rush
// costs the writes that come during it: units units have each saved a
// report on 12 tasks since the index was current, then the index follows
// them (follow), or is built from the tables (build), while a unit saves
// its report again and again. write-wait-max is the longest one of those
// saves took: the longest write transaction of the catch-up it waited for
// (on SQLite; PostgreSQL's saves do not wait for the index). search is the
// first search after the saves, with no catch-up running.
//
//	go test ./internal/store -run '^$' -bench SearchCatchUp -benchtime 1x
func BenchmarkSearchCatchUp(b *testing.B) {
	const units = 3000
	bl := newSearchBacklog(b, units, 12)
	for _, bc := range []struct {
		name  string
		reset int64
	}{{"follow", bl.before}, {"build", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			var worst, total time.Duration
			saves := 0
			for b.Loop() {
				if _, err := bl.db.ExecContext(ctx, bl.rebind(`UPDATE search_state SET audit_id = ? WHERE id = 1`), bc.reset); err != nil {
					b.Fatal(err)
				}
				done := make(chan struct{})
				var probe sync.WaitGroup
				probe.Go(func() {
					for i := 0; ; i++ {
						select {
						case <-done:
							return
						default:
						}
						start := time.Now()
						if err := bl.save(i%units, "đo"); err != nil {
							b.Error(err)
							return
						}
						worst = max(worst, time.Since(start))
						saves++
					}
				})
				start := time.Now()
				if err := bl.s.RefreshSearch(ctx); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
				close(done)
				probe.Wait()
			}
			b.ReportMetric(float64(worst.Milliseconds()), "write-wait-max-ms")
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "catch-up-ms")
			b.Logf("%s %s: catch-up %v, %d saves during it, the longest %v", bl.s.Dialect(), bc.name, total/time.Duration(b.N), saves, worst)
		})
	}
	// The first search after the rush, with no FollowSearch running: how
	// long the request takes.
	b.Run("search", func(b *testing.B) {
		var took time.Duration
		for b.Loop() {
			if _, err := bl.db.ExecContext(ctx, bl.rebind(`UPDATE search_state SET audit_id = ? WHERE id = 1`), bl.before); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if _, err := bl.s.Search(ctx, &tiendo.User{Role: tiendo.RoleAdmin}, "giai phong", 0); err != nil {
				b.Fatal(err)
			}
			took += time.Since(start)
		}
		b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "search-ms")
	})
}

// A build reaches the entries written just before it, on PostgreSQL too,
// where entries younger than the lag for ones in flight once stopped it:
// the next refresh then indexed again everything written in the last 30
// seconds, after a rush the whole build twice.
func TestSearchBuildReachesRecentEntries(t *testing.T) {
	bl := newSearchBacklog(t, 5, 1)
	if err := bl.s.RebuildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	var last int64
	if err := bl.db.QueryRowContext(ctx, `SELECT MAX(id) FROM audit_log`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if c := bl.cursor(t); c != last {
		t.Errorf("after a build the index is at %d, want the log's last entry %d", c, last)
	}
}

// On PostgreSQL an audit id missing for less than searchLag (a transaction
// still in flight, or rolled back a moment ago) holds the position before
// it; when more changed items than a batch follow it, the catch-up still
// ends, rather than redoing the same batch until the gap is old.
func TestSearchCatchUpPastARecentGap(t *testing.T) {
	bl := newSearchBacklog(t, 150, 1) // 150 reports saved after the index was current
	if strings.HasPrefix(bl.dsn, "sqlite:") {
		t.Skip("SQLite commits audit ids in order: no gap to wait for (set TIENDO_TEST_DATABASE_URL to run it on PostgreSQL)")
	}
	if _, err := bl.db.ExecContext(ctx, bl.rebind(`DELETE FROM audit_log WHERE id = ?`), bl.before+1); err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := bl.s.RefreshSearch(c); err != nil {
		t.Errorf("RefreshSearch past a recent gap: %v (position %d, before %d); want it to end", err, bl.cursor(t), bl.before)
	}
}
