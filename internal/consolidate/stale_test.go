package consolidate

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
)

// A part is out of date when a report it uses changed after it was drawn
// (sent, sent again, or returned to its unit) and drawing it again would
// say something else; a part drawn after the change, whatever the office
// wrote in it since, is not.
func TestFindStale(t *testing.T) {
	const thue = 2 // Chi cục Thuế khu vực I, sole lead of task 6
	seed := seedInput(t)
	name := seed.Units[thue].Name
	drawn := seed.Round.Deadline.Add(48 * time.Hour) // after every report of the seed
	at := func(string) time.Time { return drawn }
	partsOf := func(in Input) []tiendo.ReportPart {
		var out []tiendo.ReportPart
		for _, s := range Draft(in) {
			out = append(out, tiendo.ReportPart{Key: s.Key, Heading: s.Heading, Text: s.Text})
		}
		return out
	}
	task1, task6 := TaskKey(seed.Round.Tasks[0].ID), TaskKey(seed.Round.Tasks[5].ID)
	keys := func(s *Stale) []string {
		var out []string
		for _, p := range s.Parts {
			out = append(out, p.Key)
		}
		return out
	}
	// sentAt is the seed with the tax office's report sent at when.
	sentAt := func(when time.Time) Input {
		in := seedInput(t)
		for _, r := range in.Reports {
			if r.UnitID == thue {
				r.SubmittedAt = when
			}
		}
		return in
	}
	returned := func() Input {
		in := withStatus(t, thue, tiendo.ReportReturned)
		in.Returned = []int64{thue}
		return in
	}

	if s := FindStale(seed, partsOf(seed), at, nil); s != nil {
		t.Errorf("a draft of the reports as they are is out of date: %+v", s)
	}

	// Drawn before the tax office's report came.
	unsent := partsOf(withStatus(t, thue, tiendo.ReportDraft))
	s := FindStale(sentAt(drawn.Add(time.Hour)), unsent, at, nil)
	if s == nil {
		t.Fatal("a report sent after the draft: nothing out of date")
	}
	if !slices.Equal(s.Units, []string{name}) || len(s.Returned) != 0 {
		t.Errorf("units %v, returned %v; want %s sent since", s.Units, s.Returned, name)
	}
	if k := keys(s); k[0] != KeyOpening || !slices.Contains(k, task6) || !slices.Contains(k, KeyLateUnits) || slices.Contains(k, task1) || slices.Contains(k, KeyClosing) {
		t.Errorf("parts %v: want the opening, task 6 and the late units, not task 1 nor the closing", k)
	}
	if want := "Có báo cáo mới của " + name + " gửi sau khi lập dự thảo: cần tạo lại phần mở đầu, "; !strings.HasPrefix(s.Summary(), want) {
		t.Errorf("summary %q, want it to start %q", s.Summary(), want)
	}
	// The same report, sent before the parts were drawn: what differs is
	// the office's own writing.
	if s := FindStale(sentAt(drawn.Add(-time.Hour)), unsent, at, nil); s != nil {
		t.Errorf("parts drawn after the report and edited since are out of date: %v", keys(s))
	}

	// Drawn while the tax office's report counted, returned since.
	counted := partsOf(seed)
	s = FindStale(returned(), counted, at, map[int64]time.Time{thue: drawn.Add(time.Hour)})
	if s == nil {
		t.Fatal("a report returned after the draft: nothing out of date")
	}
	if !slices.Equal(s.Returned, []string{name}) || len(s.Units) != 0 {
		t.Errorf("units %v, returned %v; want %s returned since", s.Units, s.Returned, name)
	}
	if k := keys(s); !slices.Contains(k, task6) || !slices.Contains(k, KeyLateUnits) || slices.Contains(k, task1) {
		t.Errorf("parts %v: want task 6 and the late units, not task 1", k)
	}
	for _, p := range s.Parts {
		if !slices.Equal(p.Returned, []string{name}) || len(p.Units) != 0 {
			t.Errorf("%s: units %v, returned %v", p.Name, p.Units, p.Returned)
		}
	}
	if want := "Báo cáo của " + name + " bị trả lại để bổ sung sau khi lập dự thảo: cần tạo lại "; !strings.HasPrefix(s.Summary(), want) {
		t.Errorf("summary %q, want it to start %q", s.Summary(), want)
	}
	for _, tt := range []struct {
		name string
		at   map[int64]time.Time
	}{
		{"returned before the parts were drawn", map[int64]time.Time{thue: drawn.Add(-time.Hour)}},
		{"no time of the return", nil},
	} {
		if s := FindStale(returned(), counted, at, tt.at); s != nil {
			t.Errorf("%s: out of date: %v", tt.name, keys(s))
		}
	}

	// Both: one sentence says both.
	both := returned()
	for _, r := range both.Reports {
		if r.UnitID == 10 { // Ban Chỉ huy Quân sự huyện
			r.SubmittedAt = drawn.Add(2 * time.Hour)
		}
	}
	s = FindStale(both, partsOf(withStatus(t, 10, tiendo.ReportDraft)), at, map[int64]time.Time{thue: drawn.Add(time.Hour)})
	if s == nil || !strings.HasPrefix(s.Summary(), "Sau khi lập dự thảo, có báo cáo mới của "+both.Units[10].Name+" gửi đến, và báo cáo của "+name+" bị trả lại để bổ sung: cần tạo lại ") {
		t.Errorf("a report sent and another returned: %+v", s)
	}
}

// NameList names twenty units, then counts the rest.
func TestNameList(t *testing.T) {
	var names []string
	for i := range 23 {
		names = append(names, "Xã "+string(rune('A'+i)))
	}
	if got := NameList(names[:2]); got != "Xã A, Xã B" {
		t.Errorf("two: %q", got)
	}
	if got := NameList(names); !strings.HasSuffix(got, "Xã T và 3 đơn vị khác") || strings.Contains(got, "Xã U") {
		t.Errorf("23: %q", got)
	}
}
