package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// RoundReports reads a round's reports together; each must be what the
// unit's own read gives, in the order of the round's units, and only those
// with the office.
func TestRoundReportsAsEachUnitReads(t *testing.T) {
	f := newFixture(t)
	s := f.s
	// Units a and b are the fixture's; c, d, e, g and h are added.
	units := []*tiendo.Unit{f.a, f.b}
	reporters := map[int64]*tiendo.User{f.a.ID: f.repA, f.b.ID: f.repB}
	for _, code := range []string{"c", "d", "e", "g", "h"} {
		u := &tiendo.Unit{Code: "xa" + code, Name: "UBND xã " + code}
		if err := s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		rep := &tiendo.User{Username: "bc" + code, Role: tiendo.RoleReporter, UnitID: u.ID}
		if err := s.CreateUser(ctx, store.Actor{}, rep, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
		units, reporters[u.ID] = append(units, u), rep
	}
	a, b, c, d, e, g, h := units[0].ID, units[1].ID, units[2].ID, units[3].ID, units[4].ID, units[5].ID, units[6].ID
	lead := func(ids ...int64) []tiendo.Assignee {
		var out []tiendo.Assignee
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return out
	}
	support := func(ids ...int64) []tiendo.Assignee {
		var out []tiendo.Assignee
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Support})
		}
		return out
	}
	target := func(text string, v float64) *tiendo.Target {
		return &tiendo.Target{Text: text, Comparator: tiendo.AtLeast, Value: v, Unit: "%"}
	}
	mkRound := func(title string) *tiendo.Round {
		r := &tiendo.Round{Title: title, Deadline: time.Now().Add(time.Hour), Status: tiendo.RoundOpen,
			Period:  tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
			UnitIDs: []int64{a, b, c, d, e, g, h},
			Tasks: []*tiendo.Task{
				{Label: "1", Text: "Cải cách hành chính", Assignees: append(lead(a), support(b, c)...),
					Targets: []*tiendo.Target{target("hồ sơ đúng hạn", 95), target("hồ sơ trực tuyến", 60)}},
				{Label: "2", Text: "Chuyển đổi số", Assignees: append(lead(b, c), support(h)...),
					Targets: []*tiendo.Target{target("dịch vụ công toàn trình", 80)}},
				{Label: "3", Text: "Phòng chống thiên tai", Assignees: lead(c, d, e)},
				{Label: "4", Text: "Xây dựng nông thôn mới", Assignees: append(lead(e, a, g), support(h)...),
					Targets: []*tiendo.Target{target("xã đạt chuẩn", 50), target("thu nhập bình quân", 10), {Text: "hộ nghèo giảm", Comparator: tiendo.AtLeast, Value: 1, Unit: "%", ReportedBy: e}}},
			},
		}
		if err := s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r, other := mkRound("Báo cáo 6 tháng"), mkRound("Báo cáo 6 tháng (đợt khác)")

	// write fills unit id's report in round with texts and values of its
	// own, and the contribution to the first task it supports, and saves it.
	write := func(round *tiendo.Round, id int64, mark string) {
		t.Helper()
		u := reporters[id]
		rep, err := s.Report(ctx, u, round.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k, sec := range rep.Sections {
			sec.Status = []string{"completed", "on_track", "behind"}[k%3]
			sec.ResultVsPlan = fmt.Sprintf("%s: kết quả nhiệm vụ %d", mark, sec.TaskID)
			sec.Obstacles = fmt.Sprintf("%s: vướng mắc %d", mark, k)
			for i := range sec.Actuals {
				n++
				v, sp := float64(40+id%10*3+int64(n)), float64(39+id%10*3+int64(i))+0.5
				sec.Actuals[i].Value, sec.Actuals[i].SamePeriod = &v, &sp
			}
		}
		if len(rep.Contributions) > 0 {
			rep.Contributions[0].Text = fmt.Sprintf("%s: phối hợp nhiệm vụ %d", mark, rep.Contributions[0].TaskID)
		}
		if err := s.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
			t.Fatalf("save %s: %v", mark, err)
		}
	}
	attach := func(round *tiendo.Round, id int64, name string) *tiendo.Attachment {
		t.Helper()
		at, err := s.AddAttachment(ctx, store.Actor{}, reporters[id], round.ID, id, name, []byte("%PDF-1.4 "+name))
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	step := func(round *tiendo.Round, u *tiendo.User, id int64, a tiendo.ReportAction, comment string) {
		t.Helper()
		rep, err := s.Report(ctx, f.office, round.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActOnReport(ctx, store.Actor{}, u, round.ID, id, store.ActRequest{Action: a, Version: rep.Version, Comment: comment, Confirm: true}); err != nil {
			t.Fatalf("%s unit %d: %v", a, id, err)
		}
	}
	for _, round := range []*tiendo.Round{r, other} {
		m := round.Title
		// a: submitted, with two files (a third, never sent, deleted).
		write(round, a, m+" a")
		attach(round, a, "a-1.pdf")
		gone := attach(round, a, "a-bo.pdf")
		attach(round, a, "a-2.pdf")
		if err := s.RemoveAttachment(ctx, store.Actor{}, reporters[a], round.ID, a, gone.ID); err != nil {
			t.Fatal(err)
		}
		step(round, reporters[a], a, tiendo.ReportSubmit, "")
		// b: a draft, with a file: not with the office.
		write(round, b, m+" b")
		attach(round, b, "b.pdf")
		// c: returned, revised and sent again, with a file; the file sent
		// the first time is removed, and stays stored for that revision.
		write(round, c, m+" c bản đầu")
		sent := attach(round, c, "c-cu.pdf")
		step(round, reporters[c], c, tiendo.ReportSubmit, "")
		step(round, f.office, c, tiendo.ReportReturn, "Bổ sung số liệu.")
		write(round, c, m+" c bản sửa")
		if err := s.RemoveAttachment(ctx, store.Actor{}, reporters[c], round.ID, c, sent.ID); err != nil {
			t.Fatal(err)
		}
		attach(round, c, "c.pdf")
		step(round, reporters[c], c, tiendo.ReportSubmit, "")
		// d: missing. e: accepted; it alone reports task 4's third target.
		write(round, e, m+" e")
		step(round, reporters[e], e, tiendo.ReportSubmit, "")
		step(round, f.office, e, tiendo.ReportAccept, "")
		// g: returned, back with the unit.
		write(round, g, m+" g")
		step(round, reporters[g], g, tiendo.ReportSubmit, "")
		step(round, f.office, g, tiendo.ReportReturn, "Viết lại.")
		// h: supports only, submitted.
		write(round, h, m+" h")
		step(round, reporters[h], h, tiendo.ReportSubmit, "")
	}

	full, err := s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		units []int64
	}{
		{"the round's units", full.UnitIDs},
		{"some units, in another order", []int64{h, d, e, b, a}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			round := *full
			round.UnitIDs = tc.units
			got, err := s.RoundReports(ctx, &round)
			if err != nil {
				t.Fatal(err)
			}
			var want []*tiendo.UnitReport
			for _, id := range tc.units {
				rep, err := s.Report(ctx, f.office, r.ID, id)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Status.Sent() {
					want = append(want, rep)
				}
			}
			var gotUnits, wantUnits []int64
			for _, rep := range got {
				gotUnits = append(gotUnits, rep.UnitID)
			}
			for _, rep := range want {
				wantUnits = append(wantUnits, rep.UnitID)
			}
			if !slices.Equal(gotUnits, wantUnits) {
				t.Fatalf("RoundReports gives units %v, want %v", gotUnits, wantUnits)
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("unit %d's report:\n got %s\nwant %s", want[i].UnitID, dump(got[i]), dump(want[i]))
				}
			}
		})
	}
	// The test holds what it says: the reports it compares have files,
	// values, contributions written and not, and a target for one lead only.
	reps, _ := s.RoundReports(ctx, full)
	var files, values, contributions, empty, actuals int
	for _, rep := range reps {
		files += len(rep.Attachments)
		for _, c := range rep.Contributions {
			if c.Text != "" {
				contributions++
			} else {
				empty++
			}
		}
		for _, sec := range rep.Sections {
			for _, a := range sec.Actuals {
				actuals++
				if a.Value != nil && a.SamePeriod != nil {
					values++
				}
			}
		}
	}
	// a: 2+2 values, c: 1, e: 3, h: none.
	if len(reps) != 4 || files != 3 || actuals != 8 || values != 8 || contributions != 2 || empty != 1 {
		t.Errorf("%d reports with %d files, %d values of %d, %d contributions written and %d not; want 4 reports, 3 files, 8 values of 8, 2 and 1 contributions",
			len(reps), files, values, actuals, contributions, empty)
	}
}

// dump shows a report with its pointers followed.
func dump(rep *tiendo.UnitReport) string {
	out := fmt.Sprintf("%+v", *rep)
	for _, sec := range rep.Sections {
		out += fmt.Sprintf("\n  section %+v", *sec)
		for _, a := range sec.Actuals {
			var v, sp any = a.Value, a.SamePeriod
			if a.Value != nil {
				v = *a.Value
			}
			if a.SamePeriod != nil {
				sp = *a.SamePeriod
			}
			out += fmt.Sprintf("\n    target %d: %v (same period %v)", a.TargetID, v, sp)
		}
	}
	return out
}
