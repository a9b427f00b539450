package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

func TestSuccessorAndSeries(t *testing.T) {
	f := newFixture(t)
	first := f.newRound(t, tiendo.DeadlineBefore(2025, 6, 7))
	rep, _ := f.s.Report(ctx, f.repA, first.ID, f.a.ID)
	v := 64.0
	rep.Sections[0].Status, rep.Sections[0].ResultVsPlan = "completed", "Xong."
	rep.Sections[0].Actuals[0].Value = &v
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, first.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}
	next := store.Successor{Title: "6 tháng đầu năm 2026", Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
		Deadline: tiendo.DeadlineBefore(2026, 6, 7)}
	if _, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.repA, first.ID, next); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter starts a round: %v", err)
	}
	all, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Tasks) != 2 || all.Status != tiendo.RoundDraft || len(all.Tasks[0].Targets) != 1 {
		t.Fatalf("successor = %d tasks, %s", len(all.Tasks), all.Status)
	}
	// Unit a completed task 1; unit b never reported on task 2.
	next.Unfinished = true
	unfinished, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	if len(unfinished.Tasks) != 1 || unfinished.Tasks[0].Label != "2" {
		t.Errorf("unfinished successor tasks = %d (first %q), want only task 2", len(unfinished.Tasks), unfinished.Tasks[0].Label)
	}
	// The successor's target follows back to the first round's value.
	f.s.PublishRound(ctx, store.Actor{}, all.ID)
	tg, points, err := f.s.Series(ctx, f.office, all.Tasks[0].Targets[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Value != 70 || len(points) != 2 || points[0].RoundID != first.ID || points[0].Value == nil || *points[0].Value != 64 || points[1].Value != nil {
		t.Errorf("series = %+v", points)
	}
	if _, pts, _ := f.s.Series(ctx, f.repB, all.Tasks[0].Targets[0].ID); len(pts) != 0 {
		t.Errorf("unit b sees unit a's values: %+v", pts)
	}
}

func TestLinkCandidatesAndLinkTasks(t *testing.T) {
	f := newFixture(t)
	mk := func(title string, p tiendo.Period, status tiendo.RoundStatus, due time.Time) *tiendo.Round {
		t.Helper()
		r := &tiendo.Round{Title: title, Period: p, Status: status, Deadline: due, UnitIDs: []int64{f.a.ID},
			Tasks: []*tiendo.Task{{Label: "1", Text: "Nâng chỉ số PAR INDEX", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{
					{Text: "đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"},
					{Text: "02 xã đạt chuẩn", Comparator: tiendo.AtLeast, Value: 2, Unit: "xã"}}}}}
		if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	q := func(y, i int) tiendo.Period { return tiendo.Period{Kind: tiendo.PeriodQuarter, Year: y, Index: i} }
	older := mk("Quý III/2024", q(2024, 3), tiendo.RoundClosed, tiendo.DeadlineBefore(2024, 9, 20))
	sameLastYear := mk("Quý I/2025", q(2025, 1), tiendo.RoundClosed, tiendo.DeadlineBefore(2025, 3, 20))
	prev := mk("Quý IV/2025", q(2025, 4), tiendo.RoundClosed, tiendo.DeadlineBefore(2025, 12, 20))
	mk("Quý IV/2025 (nháp bỏ dở)", q(2025, 4), tiendo.RoundDraft, tiendo.DeadlineBefore(2025, 12, 21))
	latest := mk("Báo cáo chuyên đề", tiendo.Period{Kind: tiendo.PeriodOther, Year: 2026}, tiendo.RoundOpen, tiendo.DeadlineBefore(2026, 1, 10))
	cur := mk("Quý I/2026", q(2026, 1), tiendo.RoundDraft, tiendo.DeadlineBefore(2026, 3, 20))
	mk("Quý II/2026", q(2026, 2), tiendo.RoundDraft, tiendo.DeadlineBefore(2026, 6, 20)) // later: never a candidate

	r, earlier, links, err := f.s.LinkCandidates(ctx, f.office, cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, e := range earlier {
		got = append(got, e.ID)
	}
	if want := []int64{sameLastYear.ID, prev.ID, latest.ID}; r.ID != cur.ID || fmt.Sprint(got) != fmt.Sprint(want) || len(links) != 0 {
		t.Errorf("candidates = %v (links %v), want %v: same quarter last year, the quarter before, the latest earlier round", got, links, want)
	}
	_ = older

	// Targets paired across positions, as the office confirmed them.
	link := store.TaskLink{TaskID: cur.Tasks[0].ID, PredecessorID: sameLastYear.Tasks[0].ID, Targets: []store.TargetLink{
		{TargetID: cur.Tasks[0].Targets[0].ID, PredecessorID: sameLastYear.Tasks[0].Targets[1].ID}}}
	if _, err := f.s.LinkTasks(ctx, store.Actor{}, f.repA, cur.ID, []store.TaskLink{link}); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter links: %v", err)
	}
	// All or none: a bad second link leaves the first unsaved.
	bad := store.TaskLink{TaskID: prev.Tasks[0].ID, PredecessorID: older.Tasks[0].ID}
	if _, err := f.s.LinkTasks(ctx, store.Actor{}, f.office, cur.ID, []store.TaskLink{link, bad}); code(err) != tiendo.EINVALID {
		t.Errorf("a task of another round: %v", err)
	}
	if _, _, links, _ := f.s.LinkCandidates(ctx, f.office, cur.ID); len(links) != 0 {
		t.Errorf("a refused batch saved %v", links)
	}
	for _, l := range []store.TaskLink{
		{TaskID: cur.Tasks[0].ID, PredecessorID: cur.Tasks[0].ID},
		{TaskID: cur.Tasks[0].ID, PredecessorID: 0},
		{TaskID: cur.Tasks[0].ID, PredecessorID: prev.Tasks[0].ID, Targets: []store.TargetLink{{TargetID: cur.Tasks[0].Targets[0].ID, PredecessorID: sameLastYear.Tasks[0].Targets[0].ID}}},
		{TaskID: cur.Tasks[0].ID, PredecessorID: prev.Tasks[0].ID, Targets: []store.TargetLink{
			{TargetID: cur.Tasks[0].Targets[0].ID, PredecessorID: prev.Tasks[0].Targets[0].ID},
			{TargetID: cur.Tasks[0].Targets[1].ID, PredecessorID: prev.Tasks[0].Targets[0].ID}}},
	} {
		if _, err := f.s.LinkTasks(ctx, store.Actor{}, f.office, cur.ID, []store.TaskLink{l}); code(err) != tiendo.EINVALID {
			t.Errorf("LinkTasks(%+v) = %v, want invalid", l, err)
		}
	}
	if _, err := f.s.LinkTasks(ctx, store.Actor{}, f.office, 999999, []store.TaskLink{link}); code(err) != tiendo.ENOTFOUND {
		t.Errorf("no such round: %v", err)
	}
	n, err := f.s.LinkTasks(ctx, store.Actor{UserID: f.office.ID}, f.office, cur.ID, []store.TaskLink{link})
	if err != nil || n != 1 {
		t.Fatalf("LinkTasks = %d, %v", n, err)
	}
	if _, _, links, _ := f.s.LinkCandidates(ctx, f.office, cur.ID); links[cur.Tasks[0].ID] != sameLastYear.Tasks[0].ID {
		t.Errorf("links = %v", links)
	}
	// The first target continues last year's second; the second continues nothing.
	f.s.PublishRound(ctx, store.Actor{}, cur.ID)
	if _, pts, err := f.s.Series(ctx, f.office, cur.Tasks[0].Targets[0].ID); err != nil || len(pts) != 2 || pts[0].TargetID != sameLastYear.Tasks[0].Targets[1].ID {
		t.Errorf("series of the first target = %+v, %v", pts, err)
	}
	if _, pts, _ := f.s.Series(ctx, f.office, cur.Tasks[0].Targets[1].ID); len(pts) != 1 {
		t.Errorf("series of the unpaired target = %+v, want only its own round", pts)
	}
	audit, _ := f.s.AuditLog(ctx, "task", 1)
	if len(audit) != 1 || audit[0].Action != "link" || audit[0].UserID != f.office.ID || !strings.Contains(audit[0].After, `"targets"`) {
		t.Errorf("audit = %+v", audit)
	}
}

// Last year's value follows the links the office confirmed, not the labels:
// this year the directive lists the task's targets the other way round,
// under another number or the same one. Without links, last year's values
// come by label and position (none when the label differs); once the office
// links the targets, the links win.
func TestSamePeriodFollowsLinks(t *testing.T) {
	for _, tc := range []struct {
		label            string
		before1, before2 *float64
	}{
		{"4", nil, nil},
		{"1", ptr(65.5), ptr(3)},
	} {
		t.Run("label "+tc.label, func(t *testing.T) { samePeriodFollowsLinks(t, tc.label, tc.before1, tc.before2) })
	}
}

func ptr(v float64) *float64 { return &v }

func samePeriodFollowsLinks(t *testing.T, label string, before1, before2 *float64) {
	f := newFixture(t)
	q := func(y int) tiendo.Period { return tiendo.Period{Kind: tiendo.PeriodQuarter, Year: y, Index: 1} }
	last := &tiendo.Round{Title: "Quý I/2025", Period: q(2025), Status: tiendo.RoundOpen, Deadline: time.Now().Add(24 * time.Hour), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Chỉ số PAR INDEX đạt 70%", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"},
				{Text: "02 xã đạt chuẩn", Comparator: tiendo.AtLeast, Value: 2, Unit: "xã"}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, last); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.Report(ctx, f.repA, last.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	par, xa := 65.5, 3.0
	rep.Sections[0].Actuals[0].Value, rep.Sections[0].Actuals[1].Value = &par, &xa
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CloseRound(ctx, store.Actor{}, last.ID); err != nil {
		t.Fatal(err)
	}
	cur := &tiendo.Round{Title: "Quý I/2026", Period: q(2026), Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: label, Text: "Đẩy mạnh cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "03 xã đạt chuẩn", Comparator: tiendo.AtLeast, Value: 3, Unit: "xã"},
				{Text: "Chỉ số PAR INDEX đạt 75%", Comparator: tiendo.AtLeast, Value: 75, Unit: "%"}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, cur); err != nil {
		t.Fatal(err)
	}
	same := func() (a, b *float64) {
		t.Helper()
		rep, err := f.s.Report(ctx, f.repA, cur.ID, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Sections[0].Actuals[0].SamePeriod, rep.Sections[0].Actuals[1].SamePeriod
	}
	show := func(v *float64) string {
		if v == nil {
			return "none"
		}
		return fmt.Sprint(*v)
	}
	if a, b := same(); show(a) != show(before1) || show(b) != show(before2) {
		t.Fatalf("before linking: %s %s, want %s %s", show(a), show(b), show(before1), show(before2))
	}
	link := store.TaskLink{TaskID: cur.Tasks[0].ID, PredecessorID: last.Tasks[0].ID, Targets: []store.TargetLink{
		{TargetID: cur.Tasks[0].Targets[0].ID, PredecessorID: last.Tasks[0].Targets[1].ID},
		{TargetID: cur.Tasks[0].Targets[1].ID, PredecessorID: last.Tasks[0].Targets[0].ID}}}
	if _, err := f.s.LinkTasks(ctx, store.Actor{}, f.office, cur.ID, []store.TaskLink{link}); err != nil {
		t.Fatal(err)
	}
	if a, b := same(); a == nil || b == nil || *a != 3 || *b != 65.5 {
		t.Errorf("after linking: %v %v, want 3 xã and 65,5%%", a, b)
	}
}

// A successor round no longer takes its predecessor's directive text, and
// migration 0014 empties the copies that earlier versions made, leaving
// every other round's text alone.
func TestSuccessorSourceNotCopied(t *testing.T) {
	dsn := storetest.DSN(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := fixtureOn(t, s)
	const text = "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG\nThực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy."
	first := &tiendo.Round{Title: "6 tháng 2022", Deadline: tiendo.DeadlineBefore(2022, 6, 10), Status: tiendo.RoundOpen, Source: text,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := s.CreateRound(ctx, store.Actor{}, first); err != nil {
		t.Fatal(err)
	}
	next := store.Successor{Title: "6 tháng 2026", Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
		Deadline: tiendo.DeadlineBefore(2026, 6, 10)}
	copied, err := s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	own, err := s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.CreateSuccessor(ctx, store.Actor{}, f.office, copied.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Round(ctx, f.office, copied.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != "" {
		t.Fatalf("the successor took the directive's text: %q", got.Source)
	}
	// What an earlier version stored: the predecessor's text copied, down a
	// chain of two successors; and a successor whose office pasted its own
	// directive.
	db, rebind := rawDB(t, dsn)
	for _, x := range []struct {
		id   int64
		text string
	}{{copied.ID, text}, {again.ID, text}, {own.ID, "Công văn số 45/UBND-VP năm 2026"}} {
		if _, err := db.ExecContext(ctx, rebind(`UPDATE rounds SET source = ? WHERE id = ?`), x.text, x.id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, rebind(`DELETE FROM schema_migrations WHERE name = ?`), "0014_successor_source.sql"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.Open(ctx, dsn) // runs 0014 again
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{first.ID: text, copied.ID: "", again.ID: "", own.ID: "Công văn số 45/UBND-VP năm 2026"} {
		got, err := s.Round(ctx, f.office, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Source != want {
			t.Errorf("round %d after the migration: source %q, want %q", id, got.Source, want)
		}
	}
	// The emptied rounds still reach the text their chain began with, for
	// the place name and the body they answer to.
	for id, want := range map[int64]string{first.ID: "", copied.ID: text, again.ID: text} {
		if got, err := s.EarlierSource(ctx, id); err != nil || got != want {
			t.Errorf("EarlierSource(round %d) = %q, %v; want %q", id, got, err, want)
		}
	}
}

// MoveEarlierYears rewrites a draft's earlier years in its tasks and
// targets, audits each text it changes, and refuses whoever may not manage
// rounds and a round already published.
func TestMoveEarlierYears(t *testing.T) {
	st := storetest.Open(t)
	ctx := t.Context()
	unit := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	if err := st.CreateUnit(ctx, store.Actor{}, unit); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Báo cáo năm 2027", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{unit.ID},
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2027},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Tuyển quân năm 2022 theo Luật Nghĩa vụ quân sự năm 2015",
			Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "hoàn thành 100% chỉ tiêu năm 2022", Comparator: tiendo.Equal, Value: 100, Unit: "%"}}}}}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	if _, err := st.MoveEarlierYears(ctx, store.Actor{}, &tiendo.User{Role: tiendo.RoleReporter, UnitID: unit.ID}, r.ID); tiendo.ErrorCode(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter moving the years: %v, want forbidden", err)
	}
	n, err := st.MoveEarlierYears(ctx, store.Actor{}, office, r.ID)
	if err != nil || n != 2 {
		t.Fatalf("MoveEarlierYears = %d, %v; want 2 texts", n, err)
	}
	got, err := st.Round(ctx, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if task, tg := got.Tasks[0].Text, got.Tasks[0].Targets[0].Text; task != "Tuyển quân năm 2027 theo Luật Nghĩa vụ quân sự năm 2015" || tg != "hoàn thành 100% chỉ tiêu năm 2027" {
		t.Errorf("after the move: task %q, target %q", task, tg)
	}
	log, err := st.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, e := range log {
		actions[e.Action] = actions[e.Action] || strings.Contains(e.Before, "2022") && strings.Contains(e.After, "2027")
	}
	if !actions["update_task"] || !actions["update_target"] {
		t.Errorf("audit rows %+v, want update_task and update_target from 2022 to 2027", actions)
	}
	if n, err := st.MoveEarlierYears(ctx, store.Actor{}, office, r.ID); err != nil || n != 0 {
		t.Errorf("moving again = %d, %v; want nothing to move", n, err)
	}
	if err := st.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveEarlierYears(ctx, store.Actor{}, office, r.ID); tiendo.ErrorCode(err) != tiendo.ECONFLICT {
		t.Errorf("moving the years of a published round: %v, want a conflict", err)
	}
}
