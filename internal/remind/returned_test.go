package remind_test

import (
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A report the office returned is owed again: Owing lists its unit, the
// schedule plans for it and a "đôn đốc" reaches it, and the message says
// the report was returned for revision rather than never sent.
func TestNudgeReachesReturnedReports(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 29, 15, 0))
	f.submitA(t)
	rep, err := f.s.Report(ctx, f.office, f.round.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, f.round.ID, f.a.ID,
		store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu cùng kỳ"}); err != nil {
		t.Fatal(err)
	}
	owing, err := f.svc.Owing(ctx, f.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	units := map[int64]tiendo.ReportStatus{}
	for _, o := range owing {
		units[o.Unit.ID] = o.Status
	}
	if len(units) != 2 || units[f.a.ID] != tiendo.ReportReturned {
		t.Errorf("owing = %v, want unit a (returned) and unit b", units)
	}
	planned := map[string]bool{}
	for _, p := range f.svc.Schedule(owing, f.clock.Now().Add(7*24*time.Hour)) {
		planned[p.Unit.Code] = true
	}
	if !planned["pnv"] || !planned["cah"] {
		t.Errorf("the schedule plans for %v, want both units", planned)
	}
	got, err := f.svc.Nudge(ctx, store.Actor{}, f.office, f.round.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 2 || got.Messages != 2 {
		t.Errorf("nudge = %+v, want 2 units, 2 messages", got)
	}
	f.svc.Tick(ctx)
	var body string
	for _, m := range f.smtp.Messages() {
		if m.To[0] == "pnv@huulung.example" && strings.HasPrefix(m.Subject(), "Văn phòng đôn đốc") {
			body = m.Body
		}
	}
	if !strings.Contains(body, "đã được Văn phòng trả lại để bổ sung; đơn vị chưa gửi lại.") || strings.Contains(body, "chưa gửi báo cáo") {
		t.Errorf("unit a's đôn đốc does not say its report was returned:\n%s", body)
	}
}
