package store_test

import (
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A deadline the pages could never take (a date is typed from 1900 to
// 2200) is refused wherever a program can send one: stored, a deadline in
// 9999 broke every JSON answer that wrote the round (a year past 9999 in
// Zone), starting with the answer to the extension that stored it.
func TestDeadlineOutOfRangeIsRefused(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC) // 10000-01-01 in Zone
	office := store.Actor{UserID: f.office.ID}
	refused := func(what string, err error) {
		t.Helper()
		var e *tiendo.Error
		if code(err) != tiendo.EINVALID || !asError(err, &e) || !strings.Contains(e.Fields["deadline"], "1900") {
			t.Errorf("%s in year 9999: %v, want EINVALID saying the years a deadline may take", what, err)
		}
	}
	refused("ExtendDeadline", f.s.ExtendDeadline(ctx, office, f.office, r.ID, far, "Chờ số liệu"))
	_, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, far, "Chờ ký")
	refused("ExtendUnitDeadline", err)
	refused("CreateRound", f.s.CreateRound(ctx, office, &tiendo.Round{Title: "Đợt xa", Deadline: far, UnitIDs: []int64{f.a.ID}}))
	_, err = f.s.CreateSuccessor(ctx, office, f.office, r.ID, store.Successor{Deadline: far,
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026}})
	refused("CreateSuccessor", err)
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil || !got.Deadline.Equal(tiendo.DeadlineBefore(2026, 6, 7)) {
		t.Fatalf("round after the refusals = %v, %v; want its deadline unchanged", got.Deadline, err)
	}
	if uds, err := f.s.UnitDeadlines(ctx, r.ID); err != nil || len(uds) != 0 {
		t.Errorf("unit deadlines after the refusal = %+v, %v; want none", uds, err)
	}
	// The edges are taken.
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, tiendo.DeadlineBefore(2200, 12, 31), "Chờ số liệu"); err != nil {
		t.Errorf("ExtendDeadline to 31/12/2200: %v, want it taken", err)
	}
}

// A round's period is checked when the round is made, as it is when a
// draft is edited: a successor sent with a kind no form offers, or a year
// that did not parse, was stored as it came.
func TestCreateRoundChecksPeriod(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	office := store.Actor{UserID: f.office.ID}
	for _, p := range []tiendo.Period{
		{Kind: "tuần", Year: 2026},
		{Kind: tiendo.PeriodYear, Year: 0},
		{Kind: tiendo.PeriodYear, Year: 1<<63 - 1},
		{Kind: tiendo.PeriodMonth, Year: 2026, Index: 13},
	} {
		_, err := f.s.CreateSuccessor(ctx, office, f.office, r.ID, store.Successor{Deadline: tiendo.DeadlineBefore(2027, 1, 10), Period: p})
		var e *tiendo.Error
		if code(err) != tiendo.EINVALID || !asError(err, &e) || len(e.Fields) == 0 {
			t.Errorf("successor of period %+v: %v, want EINVALID naming the field", p, err)
		}
	}
	rounds, err := f.s.Rounds(ctx, f.office)
	if err != nil || len(rounds) != 1 {
		t.Errorf("rounds after the refusals: %d, %v; want only the first", len(rounds), err)
	}
}

// A key typed into an address or a filter that no stored text can equal
// (a NUL, bytes that are not UTF-8) finds nothing. PostgreSQL refuses such
// a parameter with an error, which the pages and the API answered 500.
func TestLookupsByUnstorableTextFindNothing(t *testing.T) {
	f := newFixture(t)
	for _, key := range []string{"pnv\x00", "\xff\xfe", "a\x00b"} {
		if _, err := f.s.UnitByCode(ctx, key); code(err) != tiendo.ENOTFOUND {
			t.Errorf("UnitByCode(%q): %v, want not found", key, err)
		}
		if _, err := f.s.UnitIDByCode(ctx, f.office, key); code(err) != tiendo.ENOTFOUND {
			t.Errorf("UnitIDByCode(%q): %v, want not found", key, err)
		}
		if _, err := f.s.UserByUsername(ctx, key); code(err) != tiendo.ENOTFOUND {
			t.Errorf("UserByUsername(%q): %v, want not found", key, err)
		}
		if list, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: key}); err != nil || len(list) != 0 {
			t.Errorf("AuditSearch(entity %q): %d rows, %v; want none, no error", key, len(list), err)
		}
		if list, err := f.s.AuditSearch(ctx, store.AuditFilter{Action: key}); err != nil || len(list) != 0 {
			t.Errorf("AuditSearch(action %q): %d rows, %v; want none, no error", key, len(list), err)
		}
	}
	// A login with such a name, or with a name of a megabyte, is a wrong
	// login, counted as one.
	for _, name := range []string{"vanphong\x00", "\xff", strings.Repeat("a", 1<<20), strings.Repeat("ạ", 5000)} {
		if _, err := f.s.Login(ctx, store.DefaultThrottle, name, fixturePassword, "10.0.0.9"); code(err) != tiendo.EUNAUTHORIZED {
			t.Errorf("Login(%q…): %v, want a wrong login", name[:min(len(name), 12)], err)
		}
	}
	if _, err := f.s.Login(ctx, store.DefaultThrottle, "vanphong", fixturePassword, "10.0.0.8"); err != nil {
		t.Errorf("the right login after them: %v", err)
	}
}

// A NUL typed into the issuer of a cut-off day is dropped, as from every
// text the store keeps; PostgreSQL refused the save with an error.
func TestCutoffIssuerDropsNUL(t *testing.T) {
	f := newFixture(t)
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, fixturePassword); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetCutoffDay(ctx, store.Actor{}, admin, "Ủy ban nhân dân\x00 huyện", 10); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.CutoffSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range list {
		found = found || c.Issuer == "Ủy ban nhân dân huyện"
		if strings.Contains(c.Issuer, "\x00") {
			t.Errorf("issuer stored with its NUL: %q", c.Issuer)
		}
	}
	if !found {
		t.Errorf("settings = %+v, want the issuer without its NUL", list)
	}
}

// fixturePassword is every newFixture user's password.
const fixturePassword = "mật khẩu dài đủ"

// A report a program sends with a section or target the unit's report
// does not have, or a status no form offers, is refused saying what to
// send instead, not only what is wrong.
func TestSaveReportRefusalsSayWhatToSend(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(72*time.Hour))
	for _, c := range []struct {
		name   string
		change func(rep *tiendo.UnitReport)
		want   string
	}{
		{"a status no form offers", func(rep *tiendo.UnitReport) { rep.Sections[0].Status = "xong" }, `"completed" (Đã hoàn thành)`},
		{"a task it does not lead", func(rep *tiendo.UnitReport) { rep.Sections[0].TaskID = 1 << 40 }, "hãy chỉ gửi các phần"},
		{"a target of no task of it", func(rep *tiendo.UnitReport) {
			rep.Sections[0].Actuals = append(rep.Sections[0].Actuals, tiendo.Actual{TargetID: 1 << 40})
		}, "hãy chỉ gửi các chỉ tiêu"},
	} {
		rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.change(rep)
		err = f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
		if code(err) != tiendo.EINVALID || !strings.Contains(tiendo.ErrorMessage(err), c.want) || !strings.Contains(tiendo.ErrorMessage(err), "chưa được lưu") {
			t.Errorf("%s: %v, want EINVALID saying %q and that nothing was saved", c.name, err, c.want)
		}
	}
}
