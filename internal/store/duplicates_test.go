package store_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A save that names a task, a target or a supported task twice is refused
// with a message naming it, and writes nothing: taking the last one, as
// before, silently lost the first one's other fields.
func TestSaveReportRefusesDuplicates(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	task, target := r.Tasks[0], r.Tasks[0].Targets[0]
	one, two := 12.0, 40.0

	base, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(base, "Đã triển khai.", 50)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, base); err != nil {
		t.Fatal(err)
	}
	saved := base.Version

	for _, tc := range []struct {
		name  string
		user  *tiendo.User
		unit  int64
		edit  func(rep *tiendo.UnitReport)
		names []string // in the message
	}{
		{"a task twice", f.repA, f.a.ID, func(rep *tiendo.UnitReport) {
			again := *rep.Sections[0]
			again.ResultVsPlan = "Bản thứ hai."
			rep.Sections = append(rep.Sections, &again)
		}, []string{"nhiệm vụ " + task.Label, "mã " + strconv.FormatInt(task.ID, 10)}},
		{"a target twice", f.repA, f.a.ID, func(rep *tiendo.UnitReport) {
			sec := rep.Sections[0]
			sec.Actuals = []tiendo.Actual{{TargetID: target.ID, Value: &one}, {TargetID: target.ID, SamePeriod: &two}}
		}, []string{"“" + target.Text + "”", "mã " + strconv.FormatInt(target.ID, 10)}},
		{"a supported task twice", f.repB, f.b.ID, func(rep *tiendo.UnitReport) {
			rep.Contributions = append(rep.Contributions, tiendo.Contribution{TaskID: task.ID, Text: "Một lần nữa."})
		}, []string{"phối hợp", "nhiệm vụ " + task.Label}},
	} {
		rep, err := f.s.Report(ctx, tc.user, r.ID, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		version := rep.Version
		tc.edit(rep)
		err = f.s.SaveReport(ctx, store.Actor{}, tc.user, rep)
		if code(err) != tiendo.EINVALID {
			t.Errorf("%s: %v, want invalid", tc.name, err)
			continue
		}
		for _, s := range tc.names {
			if !strings.Contains(tiendo.ErrorMessage(err), s) {
				t.Errorf("%s: message %q does not name %q", tc.name, tiendo.ErrorMessage(err), s)
			}
		}
		after, err := f.s.Report(ctx, tc.user, r.ID, tc.unit)
		if err != nil {
			t.Fatal(err)
		}
		if after.Version != version {
			t.Errorf("%s: version %d after the refused save, want %d (nothing written)", tc.name, after.Version, version)
		}
	}
	// Unit a's saved report is as it was.
	after, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	sec := after.Sections[0]
	if after.Version != saved || sec.ResultVsPlan != "Đã triển khai." || len(sec.Actuals) != 1 || sec.Actuals[0].Value == nil || *sec.Actuals[0].Value != 50 {
		t.Errorf("after the refused saves: version %d, section %+v, want version %d as saved", after.Version, sec, saved)
	}
	// One of each is still taken.
	after.Sections[0].Actuals[0].Value = &one
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, after); err != nil {
		t.Errorf("a save with each task and target once: %v", err)
	}
}

// The store refuses a value no target can take, whoever calls it: the form
// checks as typed, but the API and any other caller rely on this one.
func TestSaveReportRefusesImpossibleValues(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	target := r.Tasks[0].Targets[0]
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(rep, "Đã triển khai.", 1e300)
	err = f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
	var e *tiendo.Error
	key := "g" + strconv.FormatInt(target.ID, 10) + ".value"
	if code(err) != tiendo.EINVALID || !errors.As(err, &e) || !strings.Contains(e.Fields[key], "Số liệu quá lớn") {
		t.Fatalf("saving 1e300: %v, want invalid with %s naming it", err, key)
	}
	got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if got.Version != 0 || got.Sections[0].Actuals[0].Value != nil { // never saved before
		t.Errorf("a refused save wrote version %d, value %v", got.Version, got.Sections[0].Actuals[0].Value)
	}
}
