package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// serverProc is "tiendo serve" running in a child process: this test
// binary, which runs main() when TIENDO_TEST_RUN_MAIN=1 (see TestMain).
type serverProc struct {
	cmd  *exec.Cmd
	base string
	out  *syncBuffer
}

func startServer(t *testing.T, dsn string) *serverProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "-addr", "127.0.0.1:0", "-database-url", dsn)
	cmd.Env = append(os.Environ(), "TIENDO_TEST_RUN_MAIN=1", "TIENDO_LOG_LEVEL=WARN")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProc{cmd: cmd, out: out}
	t.Cleanup(func() { p.kill() })
	p.base = "http://" + waitAddr(t, out)
	return p
}

// kill ends the server with SIGKILL: no shutdown, no checkpoint, no flush
// of anything the process holds; only what reached the kernel survives.
func (p *serverProc) kill() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	}
}

// loadFixture is a round of units units x tasks tasks on the SQLite file
// dsn names, with a reporter and an API token for every unit. The tokens
// are made through the store, not by logging in: a login is an argon2id
// hash, which this test does not need to spend.
func loadFixture(t *testing.T, dsn string, units, tasks int) *rushFix {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fx, err := rushFixture(ctx, st, units, tasks, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fx.units {
		if fx.units[i].token, _, err = st.CreateToken(ctx, fx.units[i].userID, ""); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

// ack is a write the server answered with a 2xx: unit i's report reached
// version with the content fillReport writes for salt.
type ack struct {
	i       int
	version int
	salt    string
	submit  bool
}

// reportLoad has workers goroutines take units that have not submitted
// yet and save and submit their reports, with content marked by salt, until
// every unit has submitted or a request fails (the server is gone). It calls
// onAck for every 2xx save and submission.
func reportLoad(c *client, fx *rushFix, workers int, salt string, onAck func(ack)) {
	reportLoadUntil(c, fx, workers, salt, onAck, func() bool { return false })
}

// reportLoadUntil is reportLoad that also stops taking units once stop
// says so.
func reportLoadUntil(c *client, fx *rushFix, workers int, salt string, onAck func(ack), stop func() bool) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			ctx := context.Background()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(fx.units) || stop() {
					return
				}
				u := fx.units[i]
				path := fmt.Sprintf("/api/v1/rounds/%d/reports/%s", fx.round, u.code)
				var rep tiendo.UnitReport
				if err := c.do(ctx, "get", "GET", path, u.token, nil, &rep); err != nil {
					return
				}
				if rep.Status == tiendo.ReportSubmitted {
					continue
				}
				fillReport(&rep, i, salt)
				var saved tiendo.UnitReport
				if err := c.do(ctx, "save", "PUT", path, u.token, &rep, &saved); err != nil {
					return
				}
				onAck(ack{i, saved.Version, salt, false})
				var sub tiendo.UnitReport
				if err := c.do(ctx, "submit", "POST", path+"/submit", u.token, map[string]any{"version": saved.Version}, &sub); err != nil {
					return
				}
				onAck(ack{i, sub.Version, salt, true})
			}
		})
	}
	wg.Wait()
}

// A server killed with SIGKILL at a random moment of a rush loses no
// submission it acknowledged, holds no half-written report, and its
// database passes integrity_check; three times over, on the same file.
func TestKillDuringRush(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "tiendo.db")
	const units = 60
	fx := loadFixture(t, dsn, units, 4)
	var mu sync.Mutex
	var acks []ack
	salts := map[string]bool{}
	for cycle := range 3 {
		salt := fmt.Sprintf("Lần gửi thứ %d.", cycle+1)
		salts[salt] = true
		srv := startServer(t, dsn)
		tr := &http.Transport{MaxIdleConnsPerHost: 8}
		c := &client{http: &http.Client{Transport: tr, Timeout: 30 * time.Second}, base: srv.base, ops: newRecorder()}
		// The kill comes after a random number of acknowledged
		// submissions and a random fraction of a request more, so it
		// lands before, inside and after different commits each time.
		killAt := 3 + rand.IntN(10)
		var submitted atomic.Int64
		var once sync.Once
		killed := make(chan struct{})
		kill := func() {
			time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
			srv.kill()
			close(killed)
		}
		reportLoad(c, fx, 6, salt, func(a ack) {
			mu.Lock()
			acks = append(acks, a)
			mu.Unlock()
			if a.submit && submitted.Add(1) == int64(killAt) {
				once.Do(func() { go kill() })
			}
		})
		once.Do(func() { go kill() }) // every unit had submitted: kill anyway
		<-killed
		tr.CloseIdleConnections()
		if ws, ok := srv.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("cycle %d: the server ended with %v, not SIGKILL\n%s", cycle, srv.cmd.ProcessState, srv.out.String())
		}
		t.Logf("cycle %d: killed after %d acknowledged submissions (aimed at %d)", cycle, submitted.Load(), killAt)
		checkAfterCrash(t, dsn, fx, acks, salts)
	}
	n := 0
	for _, a := range acks {
		if a.submit {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no submission was acknowledged: the test checked nothing")
	}
}

// checkAfterCrash restarts the server on dsn and checks, through the API,
// that every acknowledged write is there whole, and, through the store,
// that the database is intact and its audit chain unbroken.
func checkAfterCrash(t *testing.T, dsn string, fx *rushFix, acks []ack, salts map[string]bool) {
	t.Helper()
	srv := startServer(t, dsn)
	defer srv.kill()
	c := &client{http: &http.Client{Timeout: 30 * time.Second}, base: srv.base, ops: newRecorder()}
	ctx := context.Background()

	last := map[int]ack{} // the latest acknowledged write of each unit
	for _, a := range acks {
		if a.version > last[a.i].version {
			last[a.i] = a
		}
	}
	for i, u := range fx.units {
		var rep tiendo.UnitReport
		path := fmt.Sprintf("/api/v1/rounds/%d/reports/%s", fx.round, u.code)
		if err := c.do(ctx, "get", "GET", path, u.token, nil, &rep); err != nil {
			t.Fatalf("after restart: %v\n%s", err, srv.out.String())
		}
		a, acked := last[i]
		switch {
		case acked && rep.Version < a.version:
			t.Errorf("unit %d: acknowledged version %d (submit %v), found version %d: an acknowledged write is lost", i, a.version, a.submit, rep.Version)
		case acked && a.submit && rep.Status != tiendo.ReportSubmitted:
			t.Errorf("unit %d: acknowledged submission, found %s", i, rep.Status)
		}
		if rep.Status == tiendo.ReportMissing {
			continue
		}
		// Whatever is stored is one whole attempt: every section holds
		// the content one save sent, none mixes two or stops half-way.
		whole := false
		for salt := range salts {
			want := cloneReport(&rep)
			fillReport(want, i, salt)
			if reflect.DeepEqual(want.Sections, rep.Sections) {
				whole = true
				if acked && a.version == rep.Version && a.salt != salt {
					t.Errorf("unit %d v%d: content of %q, acknowledged with %q", i, rep.Version, salt, a.salt)
				}
			}
		}
		if !whole {
			t.Errorf("unit %d v%d (%s): stored sections are not what any save sent", i, rep.Version, rep.Status)
		}
		if acked && a.submit {
			var revs struct{ Revisions []revisionCheck }
			if err := c.do(ctx, "get", "GET", path+"/revisions", u.token, nil, &revs); err != nil {
				t.Fatal(err)
			}
			if len(revs.Revisions) != 1 || revs.Revisions[0].Version != a.version || !reflect.DeepEqual(revs.Revisions[0].Report.Sections, rep.Sections) {
				t.Errorf("unit %d: the submission's revision is not kept whole: %+v", i, revs.Revisions)
			}
		}
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	// The audit chain survived too: no row lost or half-written.
	if rep, err := st.VerifyAudit(ctx); err != nil || !rep.OK() {
		t.Fatalf("audit chain after the crash: %+v, %v", rep, err)
	}
}

type revisionCheck struct {
	Version int
	Report  *tiendo.UnitReport
}

// cloneReport copies rep's sections deeply enough for fillReport to write
// into the copy.
func cloneReport(rep *tiendo.UnitReport) *tiendo.UnitReport {
	c := *rep
	c.Sections = make([]*tiendo.Section, len(rep.Sections))
	for i, s := range rep.Sections {
		sc := *s
		sc.Actuals = make([]tiendo.Actual, len(s.Actuals))
		for j, a := range s.Actuals {
			sc.Actuals[j] = tiendo.Actual{TargetID: a.TargetID, SamePeriod: a.SamePeriod}
		}
		c.Sections[i] = &sc
	}
	return &c
}

// EnvPGRestart opts in to TestRestartPostgresDuringRush: it restarts the
// PostgreSQL server that TIENDO_TEST_DATABASE_URL points at, which would
// break any other test suite using that server at the same moment. Point
// the tests at a cluster of their own (pg_createcluster) to run it.
const EnvPGRestart = "TIENDO_TEST_PG_RESTART"

// A PostgreSQL server restarted under load (a clean restart, then an
// immediate one, which is a crash as far as the database is concerned and
// recovers from its write-ahead log) loses no submission the app
// acknowledged and holds no half-written report; the app reconnects by
// itself and takes submissions again.
func TestRestartPostgresDuringRush(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts the PostgreSQL server")
	}
	base := os.Getenv(storetest.EnvDatabaseURL)
	if base == "" {
		t.Skip("needs PostgreSQL: set " + storetest.EnvDatabaseURL)
	}
	if os.Getenv(EnvPGRestart) != "1" {
		t.Skipf("restarts the PostgreSQL server of %s: set %s=1 to run it, against a server no other test uses", storetest.EnvDatabaseURL, EnvPGRestart)
	}
	if os.Geteuid() != 0 {
		t.Skip("restarting PostgreSQL with pg_ctlcluster needs root")
	}
	if _, err := exec.LookPath("pg_ctlcluster"); err != nil {
		t.Skip("no pg_ctlcluster to restart PostgreSQL with")
	}
	version, cluster := pgCluster(t, base)

	dsn := storetest.DSN(t)
	const units = 90
	fx := loadFixture(t, dsn, units, 4)
	srv := startServer(t, dsn)
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	c := &client{http: &http.Client{Transport: tr, Timeout: 30 * time.Second}, base: srv.base, ops: newRecorder()}
	var mu sync.Mutex
	var acks []ack
	salts := map[string]bool{}
	onAck := func(a ack) {
		mu.Lock()
		acks = append(acks, a)
		mu.Unlock()
	}
	submitted := func() int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, a := range acks {
			if a.submit {
				n++
			}
		}
		return n
	}
	for cycle, mode := range []string{"fast", "immediate"} {
		salt := fmt.Sprintf("Lần gửi thứ %d.", cycle+1)
		salts[salt] = true
		// The restart comes after a few more acknowledged submissions,
		// while six clients keep writing.
		restartAt := submitted() + 3 + rand.IntN(8)
		restarted := make(chan error, 1)
		var once sync.Once
		restart := func() {
			time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
			out, err := exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", "--mode", mode, version, cluster, "restart").CombinedOutput()
			if err != nil {
				err = fmt.Errorf("pg_ctlcluster %s %s restart (%s): %v\n%s", version, cluster, mode, err, out)
			}
			restarted <- err
		}
		reportLoad(c, fx, 6, salt, func(a ack) {
			onAck(a)
			if a.submit && submitted() >= restartAt {
				once.Do(func() { go restart() })
			}
		})
		once.Do(func() { go restart() }) // every unit had submitted: restart anyway
		if err := <-restarted; err != nil {
			t.Fatal(err)
		}
		t.Logf("cycle %d: PostgreSQL restarted (%s) after %d acknowledged submissions", cycle, mode, submitted())

		// The same server process goes on once PostgreSQL is back: its
		// pool drops the dead connections. A few requests may fail while
		// that happens; the load is run again until half the units (in
		// the first cycle) or all of them have submitted.
		before, until := submitted(), (cycle+1)*units/2
		for try := 0; try < 20 && submitted() < until; try++ {
			reportLoadUntil(c, fx, 6, salt, onAck, func() bool { return submitted() >= until })
			time.Sleep(100 * time.Millisecond)
		}
		if submitted() == before && before < units {
			t.Fatalf("cycle %d: no submission acknowledged after PostgreSQL came back\n%s", cycle, srv.out.String())
		}
		t.Logf("cycle %d: %d acknowledged submissions after the restart", cycle, submitted()-before)
		checkAfterCrash(t, dsn, fx, acks, salts)
	}
	if submitted() == 0 {
		t.Fatal("no submission was acknowledged: the test checked nothing")
	}
}

// pgCluster finds the version and name of the local PostgreSQL cluster that
// listens on dsn's port, from pg_lsclusters.
func pgCluster(t *testing.T, dsn string) (version, name string) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	out, err := exec.Command("pg_lsclusters", "--no-header").Output()
	if err != nil {
		t.Skipf("pg_lsclusters: %v", err)
	}
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) >= 3 && f[2] == port {
			return f[0], f[1]
		}
	}
	t.Skipf("no local cluster listens on port %s (pg_lsclusters)", port)
	return "", ""
}
