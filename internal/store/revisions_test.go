package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Revisions are numbered by the order of submission, whatever the version
// (saves bump it), and name the submitter by full name, by username when
// there is no full name, and not at all when the submission has no user.
func TestRevisionsNumberAndSubmitter(t *testing.T) {
	f := newFixture(t)
	hoa := &tiendo.User{Username: "hoa", FullName: "Nguyễn Thị Hoa", Role: tiendo.RoleReporter, UnitID: f.a.ID}
	if err := f.s.CreateUser(ctx, store.Actor{}, hoa, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	// Each submission follows two saves, so versions skip numbers.
	send := func(by store.Actor, u *tiendo.User, text string) {
		t.Helper()
		for i := range 2 {
			rep, err := f.s.Report(ctx, u, r.ID, f.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			fill(rep, text, float64(i))
			if err := f.s.SaveReport(ctx, by, u, rep); err != nil {
				t.Fatal(err)
			}
		}
		rep, _ := f.s.Report(ctx, u, r.ID, f.a.ID)
		sub, err := f.s.ActOnReport(ctx, by, u, r.ID, f.a.ID, submit(rep.Version))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu")); err != nil {
			t.Fatal(err)
		}
	}
	send(store.Actor{UserID: hoa.ID}, hoa, "Lần một")
	send(store.Actor{UserID: f.repA.ID}, f.repA, "Lần hai")
	send(store.Actor{}, f.repA, "Lần ba")

	revs, err := f.s.Revisions(ctx, f.office, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ text, by, name string }{
		{"Lần một", "hoa", "Nguyễn Thị Hoa"},
		{"Lần hai", "pnv", "pnv"},
		{"Lần ba", "", ""},
	}
	if len(revs) != len(want) {
		t.Fatalf("revisions = %d, want %d", len(revs), len(want))
	}
	for i, w := range want {
		rv := revs[i]
		if rv.Number != i+1 {
			t.Errorf("revision %d (version %d): Number = %d, want %d", i, rv.Version, rv.Number, i+1)
		}
		if i > 0 && rv.Version <= revs[i-1].Version {
			t.Errorf("revision %d has version %d after version %d, want growing versions", i, rv.Version, revs[i-1].Version)
		}
		if got := rv.Report.Sections[0].ResultVsPlan; got != w.text {
			t.Errorf("revision %d holds %q, want %q", i+1, got, w.text)
		}
		if rv.SubmittedBy != w.by || rv.SubmitterName != w.name {
			t.Errorf("revision %d submitted by %q named %q, want %q named %q", i+1, rv.SubmittedBy, rv.SubmitterName, w.by, w.name)
		}
	}
	// The test means something only if versions and numbers differ.
	if revs[0].Version == 1 {
		t.Errorf("the first submission has version 1; the saves before it should have bumped it")
	}
}
