package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// The rush command runs end to end on a small round, through a real
// "tiendo serve" child process (this test binary, see TestMain), and every
// acknowledged submission is in the store.
func TestBenchRush(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process and hashes a password per unit")
	}
	t.Setenv("TIENDO_TEST_RUN_MAIN", "1") // the child is this binary running main()
	args := []string{"rush", "-units", "12", "-tasks", "3", "-clients", "4", "-matrix-every", "0"}
	if base := os.Getenv(storetest.EnvDatabaseURL); base != "" {
		args = append(args, "-database-url", base) // the rush makes its own schema there
	}
	var out, errOut bytes.Buffer
	if err := cmdBench(context.Background(), args, func(string) string { return "" }, &out, &errOut); err != nil {
		t.Fatalf("bench rush: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	for _, want := range []string{"submissions/s: ", "errors: 0\n", "bộ tạo tải chạy 1 luồng Go", "đã gửi: 12 được xác nhận, 12 ở trạng thái đã gửi", "RSS đỉnh của máy chủ: ", "pid "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, op := range rushOps {
		if !strings.Contains(out.String(), op+" ") {
			t.Errorf("no row for %s:\n%s", op, out.String())
		}
	}
}

func TestBenchRushFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"khac"},
		{"rush", "-units", "0"},
		{"rush", "-load-procs", "-1"},
		{"rush", "-url", "http://127.0.0.1:1"},
		{"rush", "-url", "http://127.0.0.1:1", "-database-url", "sqlite:x.db", "-cpuprofile", "p"},
	} {
		var out, errOut bytes.Buffer
		if err := cmdBench(context.Background(), args, func(string) string { return "" }, &out, &errOut); err == nil {
			t.Errorf("bench %q: no error", args)
		}
	}
}

// fillReport writes what the rush sends: every section and target filled
// so that a submission passes the report's checks without confirmation.
func TestFillReportIsSubmittable(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	fx, err := rushFixture(ctx, st, 2, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: fx.units[1].id}
	rep, err := st.Report(ctx, u, fx.round, u.UnitID)
	if err != nil {
		t.Fatal(err)
	}
	fillReport(rep, 1, "")
	for _, sec := range rep.Sections {
		if n := len(sec.ResultVsPlan + sec.VsSamePeriod + sec.Obstacles + sec.Recommendations + sec.NextSteps); n < 900 {
			t.Errorf("section of task %d has %d bytes of text, want about a kilobyte", sec.TaskID, n)
		}
	}
	if err := st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, u, fx.round, u.UnitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
		t.Errorf("the rush's report cannot be submitted: %v", err)
	}
}

// benchRound is a round of units units x 12 tasks for the store benchmarks,
// and a reporter for each unit.
func benchRound(b *testing.B, units int) (*store.Store, *rushFix, []*tiendo.User) {
	st := storetest.Open(b)
	fx, err := rushFixture(context.Background(), st, units, 12, false)
	if err != nil {
		b.Fatal(err)
	}
	users := make([]*tiendo.User, units)
	for i, u := range fx.units {
		users[i] = &tiendo.User{ID: 0, Role: tiendo.RoleReporter, UnitID: u.id}
	}
	return st, fx, users
}

// BenchmarkSaveReport saves a full 12-section draft (about 12 KB of text):
// the PUT of the rush without HTTP. On SQLite every save is one commit
// synced to disk by the single writer.
func BenchmarkSaveReport(b *testing.B) {
	st, fx, users := benchRound(b, 50)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		u := users[i%len(users)]
		rep, err := st.Report(ctx, u, fx.round, u.UnitID)
		if err != nil {
			b.Fatal(err)
		}
		fillReport(rep, i, fmt.Sprint(i))
		if err := st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSubmitReport submits a saved full report: the state change, the
// immutable revision, the notifications and the audit row.
func BenchmarkSubmitReport(b *testing.B) {
	n := b.N
	st, fx, users := benchRound(b, max(n, 1))
	ctx := context.Background()
	versions := make([]int, n)
	for i := range n {
		u := users[i]
		rep, err := st.Report(ctx, u, fx.round, u.UnitID)
		if err != nil {
			b.Fatal(err)
		}
		fillReport(rep, i, "")
		if err := st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
			b.Fatal(err)
		}
		versions[i] = rep.Version
	}
	b.ResetTimer()
	for i := range n {
		u := users[i]
		if _, err := st.ActOnReport(ctx, store.Actor{}, u, fx.round, u.UnitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: versions[i]}); err != nil {
			b.Fatal(err)
		}
	}
}

// rushHTTP is the fixture of BenchmarkRushHTTP, built once per process so
// that -count repeats measure the rush and not its setup.
var rushHTTP struct {
	once  sync.Once
	err   error
	st    *store.Store
	fx    *rushFix
	base  string
	next  int // the next unit that has not submitted
	close func()
}

// rushHTTPUnits bounds the submissions of one process's BenchmarkRushHTTP
// runs: a unit submits once.
const rushHTTPUnits = 1600

// BenchmarkRushHTTP is the rush without its setup and logins: b.N units
// each read, save and submit their full report over HTTP, 64 at a time,
// against serve() in this process with its load generator. It reports
// submissions/s and the process's CPU time per submission (server and load
// generator together), which varies less than wall time on a shared
// machine. The units, their reporters (one argon2id hash each) and their
// tokens are made once per process; use at most 1,600 submissions in all,
// e.g. -benchtime 250x -count 6.
func BenchmarkRushHTTP(b *testing.B) {
	ctx := context.Background()
	rushHTTP.once.Do(func() { rushHTTP.err = startRushHTTP(ctx) })
	if rushHTTP.err != nil {
		b.Fatal(rushHTTP.err)
	}
	units := rushHTTP.fx.units[rushHTTP.next:]
	if b.N > len(units) {
		b.Skipf("%d submissions asked, %d units left: run fewer (-benchtime, -count)", b.N, len(units))
	}
	units = units[:b.N]
	rushHTTP.next += b.N
	tr := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}
	defer tr.CloseIdleConnections()
	c := &client{http: &http.Client{Transport: tr, Timeout: time.Minute}, base: rushHTTP.base, ops: newRecorder()}
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	hostBefore, hostOK := hostCPU()
	b.ResetTimer()
	start := time.Now()
	parallel(64, len(units), start.Add(time.Hour), func(i int) {
		if err := c.fullReport(ctx, rushHTTP.fx.round, units[i], i, ""); err != nil {
			b.Error(err)
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	// The machine's CPU counts PostgreSQL's backends too, which do half the
	// work of a rush on PostgreSQL and none of which this process sees.
	if hostAfter, ok := hostCPU(); ok && hostOK {
		b.ReportMetric(float64((hostAfter-hostBefore).Microseconds())/1000/float64(b.N), "host-cpu-ms/op")
	}
}

// hostCPU is the CPU time the whole machine has spent busy, from the first
// line of /proc/stat; ok is false where there is no such file.
func hostCPU() (busy time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line)
	if len(fields) < 5 || fields[0] != "cpu" {
		return 0, false
	}
	var ticks int64
	for i, f := range fields[1:] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, false
		}
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 7 { // steal, guest and guest_nice: not this machine's work
			break
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / 100, true // USER_HZ is 100 on Linux
}

// startRushHTTP builds BenchmarkRushHTTP's fixture and server. They live
// until the process ends (TestMain closes them).
func startRushHTTP(ctx context.Context) error {
	dsn, cleanup, err := rushDatabase(ctx, rushConfig{DatabaseURL: os.Getenv(storetest.EnvDatabaseURL)})
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		cleanup()
		return err
	}
	fail := func(err error) error {
		st.Close()
		cleanup()
		return err
	}
	fx, err := rushFixture(ctx, st, rushHTTPUnits, 12, true)
	if err != nil {
		return fail(err)
	}
	for i := range fx.units {
		u := &fx.units[i]
		if u.token, _, err = st.CreateToken(ctx, u.userID, ""); err != nil {
			return fail(err)
		}
	}
	base, stop, err := serveInProcess(ctx, st, io.Discard)
	if err != nil {
		return fail(err)
	}
	rushHTTP.base, rushHTTP.st, rushHTTP.fx = base, st, fx
	rushHTTP.close = func() {
		stop()
		st.Close()
		cleanup()
	}
	return nil
}
