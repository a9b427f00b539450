package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

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
	for _, want := range []string{"submissions/s: ", "errors: 0\n", "đã gửi: 12 được xác nhận, 12 ở trạng thái đã gửi", "RSS đỉnh của máy chủ: ", "pid "} {
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
