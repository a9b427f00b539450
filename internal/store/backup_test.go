package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// acked is a submission the store acknowledged, and the text it carried.
type acked struct {
	unitID  int64
	version int
	text    string
}

// A backup taken while reports are being submitted holds every submission
// acknowledged before it began, whole, and restores to a store that opens
// and passes integrity_check.
func TestBackupUnderLoad(t *testing.T) {
	st := storetest.Open(t)
	if st.Dialect() == "postgres" {
		t.Skip("PostgreSQL is backed up with pg_dump (TestBackupPostgresAdvice)")
	}
	ctx := context.Background()
	round, _ := storetest.Fill(t, st, 120, 4, 0)

	var mu sync.Mutex
	var acks []acked
	enough := make(chan struct{})
	stop := make(chan struct{})
	units := make(chan int64, len(round.UnitIDs))
	for _, id := range round.UnitIDs {
		units <- id
	}
	close(units)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for id := range units {
				select {
				case <-stop:
					return
				default:
				}
				u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: id}
				rep, err := st.Report(ctx, u, round.ID, id)
				if err != nil {
					t.Error(err)
					return
				}
				text := fmt.Sprintf("Báo cáo của đơn vị %d: đã hoàn thành 1.234,5 triệu đồng, đạt 98,5%% kế hoạch.", id)
				v := 96.5
				for _, sec := range rep.Sections {
					sec.Status, sec.ResultVsPlan, sec.Obstacles = "on_track", text, "Không có vướng mắc."
					for i := range sec.Actuals {
						sec.Actuals[i].Value = &v
					}
				}
				if err := st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
					t.Error(err)
					return
				}
				got, err := st.ActOnReport(ctx, store.Actor{}, u, round.ID, id, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acks = append(acks, acked{id, got.Version, text})
				if len(acks) == 20 {
					close(enough)
				}
				mu.Unlock()
			}
		})
	}
	<-enough
	mu.Lock()
	before := append([]acked(nil), acks...)
	mu.Unlock()
	file := filepath.Join(t.TempDir(), "sao-luu.db")
	err := st.Backup(ctx, file) // the writers keep going meanwhile
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if len(acks) == len(round.UnitIDs) {
		t.Log("every unit submitted before the writers stopped; the backup may have run after the last write")
	}

	if err := st.Backup(ctx, file); err == nil {
		t.Error("a second backup overwrote the first")
	}

	restored := filepath.Join(t.TempDir(), "khoi-phuc.db")
	if err := store.Restore(ctx, "sqlite:"+restored, file, false); err != nil {
		t.Fatalf("restore: %v", err)
	}
	rs, err := store.Open(ctx, "sqlite:"+restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if err := rs.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range before {
		u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: a.unitID}
		rep, err := rs.Report(ctx, u, round.ID, a.unitID)
		if err != nil {
			t.Fatalf("unit %d: %v", a.unitID, err)
		}
		if rep.Status != tiendo.ReportSubmitted || rep.Version != a.version {
			t.Errorf("unit %d in the backup: %s v%d, want submitted v%d", a.unitID, rep.Status, rep.Version, a.version)
		}
		for _, sec := range rep.Sections {
			if sec.ResultVsPlan != a.text {
				t.Errorf("unit %d task %d in the backup: %q, want %q", a.unitID, sec.TaskID, sec.ResultVsPlan, a.text)
			}
		}
		revs, err := rs.Revisions(ctx, u, round.ID, a.unitID)
		if err != nil || len(revs) != 1 || revs[0].Version != a.version {
			t.Errorf("unit %d revisions in the backup: %v, %v", a.unitID, revs, err)
		}
	}
	t.Logf("%d submissions acknowledged before the backup, %d in all", len(before), len(acks))
}

// Restore checks the backup first, and does not replace a database that
// is open elsewhere unless forced.
func TestRestoreRefuses(t *testing.T) {
	if os.Getenv(storetest.EnvDatabaseURL) != "" {
		t.Skip("SQLite only")
	}
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "tiendo.db")
	st, err := store.Open(ctx, "sqlite:"+live)
	if err != nil {
		t.Fatal(err)
	}
	unit := &tiendo.Unit{Code: "xa-moi", Name: "UBND xã Mới"}
	if err := st.CreateUnit(ctx, store.Actor{}, unit); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "sao-luu.db")
	if err := st.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	// A later change that the restore must undo.
	if err := st.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: "xa-sau", Name: "UBND xã Sau"}); err != nil {
		t.Fatal(err)
	}

	if err := store.Restore(ctx, "sqlite:"+live, file, false); err == nil || !strings.Contains(err.Error(), "đang được dùng") {
		t.Errorf("restore over an open database: %v, want a refusal", err)
	}
	garbage := filepath.Join(dir, "hong.db")
	os.WriteFile(garbage, []byte(strings.Repeat("không phải SQLite ", 400)), 0o600)
	if err := store.Restore(ctx, "sqlite:"+filepath.Join(dir, "khac.db"), garbage, false); err == nil {
		t.Error("restored a file that is not a database")
	}
	if _, err := os.Stat(filepath.Join(dir, "khac.db")); err == nil {
		t.Error("a refused restore left a database behind")
	}

	st.Close()
	if err := store.Restore(ctx, "sqlite:"+live, file, false); err != nil {
		t.Fatalf("restore over a closed database: %v", err)
	}
	st, err = store.Open(ctx, "sqlite:"+live)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.UnitByCode(ctx, "xa-moi"); err != nil {
		t.Errorf("the backed-up unit: %v", err)
	}
	if _, err := st.UnitByCode(ctx, "xa-sau"); err == nil {
		t.Error("a unit created after the backup survived the restore")
	}
}

func TestBackupPostgresAdvice(t *testing.T) {
	dsn := "postgres://tiendo:bi-mat@db.example:5432/tiendo?sslmode=require&search_path=tinh_a"
	err := store.Backup(context.Background(), dsn, "tiendo.dump")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"pg_dump --format=custom --schema=tinh_a --file=tiendo.dump 'postgres://tiendo:xxxxx@db.example:5432/tiendo?sslmode=require'", "pg_restore --clean --if-exists --no-owner --schema=tinh_a"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("advice lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "bi-mat") {
		t.Errorf("advice repeats the password:\n%v", err)
	}
	if err := store.Restore(context.Background(), dsn, "tiendo.dump", false); err == nil || !strings.Contains(err.Error(), "pg_restore") {
		t.Errorf("restore on PostgreSQL: %v", err)
	}
}
