package remind_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// The office ticks the units to chase and adds a note: only those units
// are chased, by e-mail through the SMTP server and in the app, both
// carrying the note (trimmed, in NFC, its line ends plain); the units not
// ticked are counted apart, a unit chased within the hour is still left
// alone, and a unit that sent its report since the page was drawn is named
// as no longer owing. A form with nothing ticked, or a note too long, sends
// nothing.
func TestNudgeChosenUnitsWithNote(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 29, 15, 0))
	c := &tiendo.Unit{Code: "ptp", Name: "Phòng Tư pháp"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, c); err != nil {
		t.Fatal(err)
	}
	repC := &tiendo.User{Username: "ptp", FullName: "Đỗ Thị Pháp", Email: "ptp@huulung.example", Role: tiendo.RoleReporter, UnitID: c.ID}
	if err := f.s.CreateUser(ctx, store.Actor{}, repC, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{
		Title: "Báo cáo công tác cải cách hành chính năm 2026", Deadline: tiendo.DeadlineBefore(2026, 12, 2),
		Period:  tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026},
		UnitIDs: []int64{f.a.ID, f.b.ID, c.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách thủ tục hành chính",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}, {UnitID: c.ID, Role: tiendo.Lead}}}},
	}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	actor := store.Actor{UserID: f.office.ID, Address: "10.0.0.5"}
	adhoc := func() int {
		t.Helper()
		msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind == store.KindAdhoc {
				n++
			}
		}
		return n
	}

	// Refused: nothing ticked, a note one character too long.
	for _, c := range []struct {
		req   remind.NudgeRequest
		field string
		says  string
	}{
		{remind.NudgeRequest{Units: []int64{}}, "unit", "Chưa chọn đơn vị nào"},
		{remind.NudgeRequest{Units: []int64{f.a.ID}, Note: strings.Repeat("ờ", remind.MaxNoteLen+1)}, "note", "Ghi chú dài 301 ký tự; hãy rút gọn còn tối đa 300 ký tự."},
	} {
		_, err := f.svc.NudgeWith(ctx, actor, f.office, r.ID, c.req)
		var te *tiendo.Error
		if tiendo.ErrorCode(err) != tiendo.EINVALID || !asError(err, &te) || !strings.Contains(te.Fields[c.field], c.says) {
			t.Errorf("NudgeWith(%s) = %v, want invalid with field %s saying %q", c.field, err, c.field, c.says)
		}
	}
	if n := adhoc(); n != 0 {
		t.Fatalf("refused presses queued %d messages", n)
	}

	// Units a and c, with a note typed in decomposed form, with a Windows
	// line end and spaces around.
	typed := norm.NFD.String("  Đề nghị gửi trước 16 giờ hôm nay\r\nđể kịp tổng hợp trình lãnh đạo.\t ")
	const note = "Đề nghị gửi trước 16 giờ hôm nay\nđể kịp tổng hợp trình lãnh đạo."
	got, err := f.svc.NudgeWith(ctx, actor, f.office, r.ID, remind.NudgeRequest{Key: "k1", Units: []int64{c.ID, f.a.ID}, Note: typed})
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 2 || got.Messages != 2 || got.Emails != 2 || got.Notices != 2 || got.Unpicked != 1 || !slices.Equal(got.UnpickedIDs, []int64{f.b.ID}) || got.Recent != 0 ||
		!slices.Equal(got.ChasedIDs, []int64{f.a.ID, c.ID}) || len(got.Gone) != 0 {
		t.Errorf("chasing a and c = %+v, want a and c chased, b not ticked", got)
	}
	f.svc.Tick(ctx)
	mailed := map[string]string{}
	for _, m := range f.smtp.Messages() {
		if strings.HasPrefix(m.Subject(), "Văn phòng đôn đốc") {
			mailed[m.To[0]] = m.Subject() + "\n" + m.Body
		}
	}
	if len(mailed) != 2 || mailed["pnv@huulung.example"] == "" || mailed["ptp@huulung.example"] == "" {
		t.Fatalf("đôn đốc mailed to %v, want pnv and ptp only", f.received())
	}
	for to, m := range mailed {
		for _, want := range []string{
			"Văn phòng đôn đốc gửi báo cáo: " + r.Title + " (còn 2 ngày, hạn " + remind.FormatDeadline(r.Deadline) + "). Ghi chú: Đề nghị gửi trước 16 giờ hôm nay để kịp tổng hợp trình lãnh đạo.\n",
			"\n\nGhi chú của Văn phòng: " + note + "\n\nVăn phòng đề nghị đơn vị hoàn thiện và gửi báo cáo đúng hạn.",
		} {
			if !strings.Contains(m, want) {
				t.Errorf("the e-mail to %s lacks %q:\n%s", to, want, m)
			}
		}
	}
	bell := func(u *tiendo.User) []string {
		t.Helper()
		items, _, err := f.s.Notifications(ctx, u, 20)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range items {
			if n.Kind == store.KindAdhoc {
				out = append(out, n.Title)
			}
		}
		return out
	}
	for _, u := range []*tiendo.User{f.repA, repC} {
		if titles := bell(u); len(titles) != 1 || !strings.HasSuffix(titles[0], "Ghi chú: Đề nghị gửi trước 16 giờ hôm nay để kịp tổng hợp trình lãnh đạo.") || !norm.NFC.IsNormalString(titles[0]) {
			t.Errorf("%s's bell: %q, want one đôn đốc carrying the note in NFC", u.Username, titles)
		}
	}
	if titles := bell(f.repB); len(titles) != 0 {
		t.Errorf("unit b was not ticked, yet its bell has %q", titles)
	}

	// Ten minutes on, a and b: a was chased within the hour and is left
	// alone; b is chased, without a note. c, not ticked, could not have
	// been (the form shows it chased lately): it counts as chased lately,
	// not as left out by choice.
	f.clock.Add(10 * time.Minute)
	got, err = f.svc.NudgeWith(ctx, actor, f.office, r.ID, remind.NudgeRequest{Key: "k2", Units: []int64{f.a.ID, f.b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 1 || !slices.Equal(got.ChasedIDs, []int64{f.b.ID}) || got.Recent != 2 || !slices.Equal(got.RecentIDs, []int64{f.a.ID, c.ID}) ||
		got.Unpicked != 0 || len(got.RecentAt) != 1 || !got.RecentAt[0].Equal(at(11, 29, 15, 0)) {
		t.Errorf("chasing a and b ten minutes on = %+v, want b chased, a and c chased at 15:00 left alone", got)
	}
	f.svc.Tick(ctx)
	for _, m := range f.smtp.Messages() {
		if m.To[0] == "cah@huulung.example" && strings.Contains(m.Subject()+m.Body, "Ghi chú") {
			t.Errorf("b's đôn đốc carries a note nobody typed:\n%s\n%s", m.Subject(), m.Body)
		}
	}

	// Unit c sends its report; the office, on the page drawn before, ticks
	// c: it is named as no longer owing, and nothing is sent.
	submit(t, f, repC, r.ID, c.ID)
	before := adhoc()
	f.clock.Add(2 * time.Hour)
	got, err = f.svc.NudgeWith(ctx, actor, f.office, r.ID, remind.NudgeRequest{Key: "k3", Units: []int64{c.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 0 || got.Messages != 0 || !slices.Equal(got.Gone, []int64{c.ID}) || got.Unpicked != 2 {
		t.Errorf("chasing c after it sent = %+v, want c gone, a and b not ticked", got)
	}
	if n := adhoc(); n != before {
		t.Errorf("chasing a unit that sent queued %d messages", n-before)
	}
	// Nudge, as the API calls it, still chases every unit owing.
	got, err = f.svc.Nudge(ctx, actor, f.office, r.ID, "k4")
	if err != nil {
		t.Fatal(err)
	}
	if got.Units != 2 || got.Unpicked != 0 || !slices.Equal(got.ChasedIDs, []int64{f.a.ID, f.b.ID}) {
		t.Errorf("Nudge without a choice = %+v, want a and b", got)
	}
}

// asError is errors.As for *tiendo.Error.
func asError(err error, te **tiendo.Error) bool {
	e, ok := err.(*tiendo.Error)
	if ok {
		*te = e
	}
	return ok
}

// submit makes u send unit's report in round.
func submit(t *testing.T, f *fixture, u *tiendo.User, round, unit int64) {
	t.Helper()
	rep, err := f.s.Report(ctx, u, round, unit)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "completed", "Hoàn thành kế hoạch"
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: u.ID}, u, round, unit, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
		t.Fatal(err)
	}
}
