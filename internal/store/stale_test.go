package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A document's parts are drawn when it is drafted; a part drawn again is
// recorded with its text, in one step, and only that part counts as drawn
// then. A refused step records nothing.
func TestDocPartsDrawn(t *testing.T) {
	f := newFixture(t)
	clock := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	f.s.Now = func() time.Time { return clock }
	r := f.newRound(t, clock.Add(72*time.Hour))
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: "Trên cơ sở báo cáo của 01 cơ quan, đơn vị"}, {Key: "late-units", Text: "Đơn vị chưa gửi báo cáo: Công an huyện."}}}
	if err := f.s.CreateDoc(ctx, store.Actor{UserID: f.office.ID}, f.office, c); err != nil {
		t.Fatal(err)
	}
	drawn, err := f.s.DocPartsDrawn(ctx, f.office, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if !drawn.Created.Equal(clock) || !drawn.At("opening").Equal(clock) || len(drawn.Parts) != 0 {
		t.Fatalf("drafted: %+v, want every part drawn at %v", drawn, clock)
	}
	if _, err := f.s.DocPartsDrawn(ctx, f.repA, r.ID, tiendo.DocReport); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter reads when the parts were drawn: %v, want forbidden", err)
	}

	clock = clock.Add(time.Hour)
	edited := *c
	edited.Parts = []tiendo.ReportPart{{Key: "opening", Text: "Trên cơ sở báo cáo của 02 cơ quan, đơn vị"}, {Key: "late-units", Text: "Văn phòng sửa tay."}}
	for _, bad := range []struct {
		name string
		u    *tiendo.User
		keys []string
		ver  int
		want string
	}{
		{"a reporter", f.repA, []string{"opening"}, c.Version, tiendo.EFORBIDDEN},
		{"no part", f.office, nil, c.Version, tiendo.EINVALID},
		{"a part it has not", f.office, []string{"task-999"}, c.Version, tiendo.EINVALID},
		{"an old version", f.office, []string{"opening"}, c.Version - 1, tiendo.ECONFLICT},
	} {
		d := edited
		d.Parts = append([]tiendo.ReportPart(nil), edited.Parts...)
		d.Version = bad.ver
		if err := f.s.RegenerateDoc(ctx, store.Actor{}, bad.u, &d, bad.keys); code(err) != bad.want {
			t.Errorf("%s: %v, want %s", bad.name, err, bad.want)
		}
	}
	if d, _ := f.s.DocPartsDrawn(ctx, f.office, r.ID, tiendo.DocReport); len(d.Parts) != 0 {
		t.Errorf("refused steps recorded parts drawn: %+v", d.Parts)
	}

	if err := f.s.RegenerateDoc(ctx, store.Actor{UserID: f.office.ID}, f.office, &edited, []string{"opening"}); err != nil {
		t.Fatal(err)
	}
	if edited.Version != c.Version+1 {
		t.Errorf("version %d after drawing a part again, want %d", edited.Version, c.Version+1)
	}
	saved, err := f.s.Doc(ctx, f.office, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Parts[0].Text != "Trên cơ sở báo cáo của 02 cơ quan, đơn vị" || saved.Parts[1].Text != "Văn phòng sửa tay." {
		t.Errorf("saved parts %+v, want the form's text", saved.Parts)
	}
	drawn, err = f.s.DocPartsDrawn(ctx, f.office, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if got := drawn.At("opening"); !got.Equal(clock) {
		t.Errorf("opening drawn at %v, want %v (drawn again)", got, clock)
	}
	if got := drawn.At("late-units"); !got.Equal(clock.Add(-time.Hour)) {
		t.Errorf("late units drawn at %v, want %v (only edited)", got, clock.Add(-time.Hour))
	}
	// An edit alone is not a drawing.
	clock = clock.Add(time.Hour)
	if err := f.s.UpdateDoc(ctx, store.Actor{}, f.office, &edited); err != nil {
		t.Fatal(err)
	}
	if d, _ := f.s.DocPartsDrawn(ctx, f.office, r.ID, tiendo.DocReport); !d.At("opening").Equal(clock.Add(-time.Hour)) {
		t.Errorf("an edit moved the opening's drawing to %v", d.At("opening"))
	}
}

// A report returned to its unit is known with the time of its last return
// until it is sent again; a report never returned, or sent again, is not.
func TestReportsReturned(t *testing.T) {
	f := newFixture(t)
	clock := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	f.s.Now = func() time.Time { return clock }
	r := f.newRound(t, clock.Add(72*time.Hour))
	sent := f.sendReport(t, f.repA, f.a, r)
	f.sendReport(t, f.repB, f.b, r)
	returned := func() map[int64]time.Time {
		t.Helper()
		got, err := f.s.ReportsReturned(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := returned(); len(got) != 0 {
		t.Fatalf("before any return: %v", got)
	}

	returnAt := func(at time.Time, version int) {
		t.Helper()
		clock = at
		if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: version, Comment: "Bổ sung số liệu"}); err != nil {
			t.Fatal(err)
		}
	}
	first := clock.Add(time.Hour)
	returnAt(first, sent.Version)
	if got := returned(); len(got) != 1 || !got[f.a.ID].Equal(first) {
		t.Fatalf("after the return: %v, want Phòng Nội vụ's at %v", got, first)
	}
	// Saved while back with the unit: still returned then.
	clock = clock.Add(time.Hour)
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if got := returned(); !got[f.a.ID].Equal(first) {
		t.Errorf("after a save: %v, want the return at %v", got, first)
	}
	// Sent again: it counts, and is not returned.
	clock = clock.Add(time.Hour)
	again, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	if got := returned(); len(got) != 0 {
		t.Errorf("sent again: %v, want none", got)
	}
	// Returned a second time: the later return.
	second := clock.Add(time.Hour)
	returnAt(second, again.Version)
	if got := returned(); !got[f.a.ID].Equal(second) {
		t.Errorf("returned again: %v, want %v", got, second)
	}
	// The return pruned from the audit log: the report's last change
	// stands for it, which is never earlier.
	clock = second.Add(time.Hour)
	rep, err = f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.PruneAudit(ctx, store.Actor{}, second.Add(time.Minute)); err != nil || n == 0 {
		t.Fatalf("prune: %d rows, %v", n, err)
	}
	if got := returned(); !got[f.a.ID].Equal(clock) {
		t.Errorf("the return pruned: %v, want the last save's %v", got, clock)
	}
}
