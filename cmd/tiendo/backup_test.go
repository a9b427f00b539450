package main

import (
	"context"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// "tiendo backup" copies the database of a server process that is busy
// taking submissions; "tiendo restore" refuses to replace it while the
// server runs and, once it has stopped, brings back a database that holds
// every submission acknowledged before the backup began.
func TestBackupCommandUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "tiendo.db")
	fx := loadFixture(t, dsn, 30, 4)
	srv := startServer(t, dsn)
	c := &client{http: &http.Client{Timeout: 30 * time.Second}, base: srv.base, ops: newRecorder()}

	var mu sync.Mutex
	var acks []ack
	enough := make(chan struct{})
	loadDone := make(chan struct{})
	go func() {
		defer close(loadDone)
		reportLoad(c, fx, 4, "Trước khi sao lưu.", func(a ack) {
			mu.Lock()
			defer mu.Unlock()
			acks = append(acks, a)
			if len(acks) == 20 {
				close(enough)
			}
		})
	}()
	<-enough
	mu.Lock()
	before := append([]ack(nil), acks...)
	mu.Unlock()
	file := filepath.Join(dir, "sao-luu.db")
	if out, err := runCmd(t, "", "backup", "-database-url", dsn, file); err != nil || !strings.Contains(out, "toàn vẹn: ok") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "restore", "-database-url", dsn, file); err == nil || !strings.Contains(err.Error(), "đang được dùng") {
		t.Errorf("restore over the running server's database: %v\n%s", err, out)
	}
	<-loadDone
	if errs := c.ops.errorCount(); errs != 0 {
		t.Errorf("%d requests failed while the backup ran: %v", errs, c.ops.sample)
	}
	srv.kill()

	restored := "sqlite:" + filepath.Join(dir, "khoi-phuc.db")
	if out, err := runCmd(t, "", "restore", "-database-url", restored, file); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range before {
		u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: fx.units[a.i].id}
		rep, err := st.Report(ctx, u, fx.round, u.UnitID)
		if err != nil {
			t.Fatal(err)
		}
		want := cloneReport(rep)
		fillReport(want, a.i, a.salt)
		if rep.Version < a.version {
			t.Errorf("unit %d: acknowledged v%d before the backup, the backup has v%d", a.i, a.version, rep.Version)
			continue
		}
		if a.submit {
			n++
			if rep.Status != tiendo.ReportSubmitted {
				t.Errorf("unit %d: submitted before the backup, %s in it", a.i, rep.Status)
			}
			if !reflect.DeepEqual(rep.Sections, want.Sections) {
				t.Errorf("unit %d: the backup does not hold the submitted report whole", a.i)
			}
		}
	}
	if n == 0 {
		t.Fatal("no submission before the backup: the test checked nothing")
	}
	t.Logf("%d submissions acknowledged before the backup, all in it; %d writes in all", n, len(acks))
}

func TestBackupCommandPostgres(t *testing.T) {
	out, err := runCmd(t, "", "backup", "-database-url", "postgres://tiendo@db.example/tiendo", "tiendo.dump")
	if err == nil || !strings.Contains(err.Error(), "pg_dump --format=custom --file=tiendo.dump 'postgres://tiendo@db.example/tiendo'") {
		t.Errorf("backup on PostgreSQL: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "", "restore", "-database-url", "postgres://tiendo@db.example/tiendo", "tiendo.dump"); err == nil || !strings.Contains(err.Error(), "pg_restore") {
		t.Errorf("restore on PostgreSQL: %v", err)
	}
	if _, err := runCmd(t, "", "backup"); err == nil {
		t.Error("backup without a file succeeded")
	}
}
