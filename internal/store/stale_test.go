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
