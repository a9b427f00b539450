package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// AuditNames names what a page of audit rows mentions, in one query per
// kind: units, users, rounds, unit reports (by unit and round), documents
// (by kind and round), tasks and targets. Zero, repeated and deleted IDs
// are no error; a deleted thing is simply not named.
func TestAuditNames(t *testing.T) {
	f := newFixture(t)
	gd := &tiendo.Unit{Code: "gddt", Name: "Phòng GD&ĐT"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, gd); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t, time.Now().Add(72*time.Hour))
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	doc := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, doc); err != nil {
		t.Fatal(err)
	}
	draft := &tiendo.Round{Title: "Đợt sẽ xóa", Deadline: time.Now().Add(time.Hour), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteDraftRound(ctx, store.Actor{}, draft.ID); err != nil {
		t.Fatal(err)
	}
	task, target := r.Tasks[0], r.Tasks[0].Targets[0]

	// More IDs than one IN list takes, most of them of nothing: the names
	// still come back, from every chunk.
	many := []int64{0, -1, gd.ID, f.a.ID, gd.ID}
	for id := int64(100000); id < 101200; id++ {
		many = append(many, id)
	}
	many = append(many, f.b.ID)
	n, err := f.s.AuditNames(ctx, store.AuditRefs{
		Units:     many,
		Users:     []int64{f.office.ID, f.repA.ID, f.repA.ID, 0},
		Rounds:    []int64{r.ID, draft.ID},
		Reports:   []int64{rep.ID, 999999},
		Documents: []int64{doc.ID},
		Tasks:     []int64{task.ID},
		Targets:   []int64{target.ID},
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{gd.ID: "Phòng GD&ĐT", f.a.ID: "Phòng Nội vụ", f.b.ID: "Công an huyện"} {
		if got := n.Units[id]; got != want {
			t.Errorf("unit %d: got %q, want %q", id, got, want)
		}
	}
	if len(n.Units) != 3 {
		t.Errorf("units: got %d names, want 3: %v", len(n.Units), n.Units)
	}
	if got, want := n.Users[f.office.ID], (store.UserName{Username: "vanphong", FullName: "Văn phòng"}); got != want {
		t.Errorf("office user: got %+v, want %+v", got, want)
	}
	if got, want := n.Users[f.repA.ID], (store.UserName{Username: "pnv"}); got != want {
		t.Errorf("reporter: got %+v, want %+v", got, want)
	}
	if got := n.Rounds[r.ID]; got != "Báo cáo 6 tháng" {
		t.Errorf("round: got %q, want its title", got)
	}
	if got, ok := n.Rounds[draft.ID]; ok {
		t.Errorf("deleted round: got %q, want no name", got)
	}
	if got, want := n.Reports[rep.ID], (store.ReportName{RoundID: r.ID, UnitID: f.a.ID, UnitCode: "pnv", UnitName: "Phòng Nội vụ", RoundTitle: "Báo cáo 6 tháng"}); got != want {
		t.Errorf("report: got %+v, want %+v", got, want)
	}
	if len(n.Reports) != 1 {
		t.Errorf("reports: got %v, want only report %d", n.Reports, rep.ID)
	}
	if got, want := n.Documents[doc.ID], (store.DocumentName{RoundID: r.ID, Kind: tiendo.DocReport, RoundTitle: "Báo cáo 6 tháng"}); got != want {
		t.Errorf("document: got %+v, want %+v", got, want)
	}
	if got, want := n.Tasks[task.ID], (store.TaskName{RoundID: r.ID, Label: "1", RoundTitle: "Báo cáo 6 tháng"}); got != want {
		t.Errorf("task: got %+v, want %+v", got, want)
	}
	if got, want := n.Targets[target.ID], (store.TargetName{Text: "đạt 70% trở lên", Unit: "%"}); got != want {
		t.Errorf("target: got %+v, want %+v", got, want)
	}

	// Nothing asked, nothing loaded, and still maps to read from.
	n, err = f.s.AuditNames(ctx, store.AuditRefs{})
	if err != nil || n.Units == nil || n.Reports == nil || len(n.Users) != 0 {
		t.Errorf("no refs: %+v, %v; want empty maps", n, err)
	}
}
