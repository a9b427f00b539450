package store_test

import (
	"errors"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

func TestCutoffSetting(t *testing.T) {
	f := newFixture(t)
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	const huyen = "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"
	r := f.newRound(t, tiendo.DeadlineBefore(2022, 6, 7))
	r.Issuer = huyen
	day := func(issuer string) int {
		t.Helper()
		d, err := f.s.CutoffDay(ctx, issuer)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Nothing set: the provinces' 15th.
	if got := day(huyen); got != tiendo.DefaultCutoffDay {
		t.Errorf("default cut-off day = %d, want %d", got, tiendo.DefaultCutoffDay)
	}
	w, d, err := f.s.RoundWindow(ctx, r)
	if err != nil || d != 15 || w.From.Format("02/01/2006") != "15/12/2021" || w.To.Format("02/01/2006") != "14/06/2022" {
		t.Errorf("RoundWindow = %v-%v (day %d), %v; want 15/12/2021-14/06/2022", w.From, w.To, d, err)
	}

	// Only the administrator sets it.
	if err := f.s.SetCutoffDay(ctx, store.Actor{}, f.office, huyen, 1); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("the office sets the cut-off: %v, want forbidden", err)
	}
	// The issuer's own day, found under another spelling of its name
	// (tone placement "UỶ"/"ỦY", case, spaces).
	if err := f.s.SetCutoffDay(ctx, store.Actor{UserID: admin.ID}, admin, huyen, 1); err != nil {
		t.Fatal(err)
	}
	if got := day("Uỷ ban nhân dân  huyện Hữu Lũng"); got != 1 {
		t.Errorf("cut-off day under another spelling = %d, want 1", got)
	}
	if w, _, _ := f.s.RoundWindow(ctx, r); w.From.Format("02/01/2006") != "01/01/2022" || w.To.Format("02/01/2006") != "30/06/2022" {
		t.Errorf("calendar window = %v-%v, want 01/01/2022-30/06/2022", w.From, w.To)
	}
	// A default for the others; an update of the same issuer replaces its row.
	if err := f.s.SetCutoffDay(ctx, store.Actor{}, admin, "", 20); err != nil {
		t.Fatal(err)
	}
	if got := day("UBND xã Tân Thành"); got != 20 {
		t.Errorf("another issuer's day = %d, want the default 20", got)
	}
	if err := f.s.SetCutoffDay(ctx, store.Actor{}, admin, "Ủy ban nhân dân huyện Hữu Lũng", 10); err != nil {
		t.Fatal(err)
	}
	if got := day(huyen); got != 10 {
		t.Errorf("updated day = %d, want 10", got)
	}
	list, err := f.s.CutoffSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Issuer != "" || list[0].Day != 20 || list[0].Applies != 20 ||
		list[1].Issuer != "Ủy ban nhân dân huyện Hữu Lũng" || list[1].Day != 10 || list[1].UpdatedAt.IsZero() {
		t.Errorf("settings = %+v", list)
	}
	// Day 0 removes the issuer's own: the default applies again.
	if err := f.s.SetCutoffDay(ctx, store.Actor{}, admin, huyen, 0); err != nil {
		t.Fatal(err)
	}
	if got := day(huyen); got != 20 {
		t.Errorf("after removal = %d, want the default 20", got)
	}

	// Bad input: a clear field error, and nothing changes.
	for _, tt := range []struct {
		issuer string
		day    int
		field  string
	}{
		{huyen, 29, "cutoff_day"},
		{huyen, 31, "cutoff_day"},
		{huyen, -1, "cutoff_day"},
		{"", 0, "cutoff_day"},
		{" ... ", 15, "issuer"},
		{strings.Repeat("Ủy ban ", 60), 15, "issuer"},
	} {
		var e *tiendo.Error
		err := f.s.SetCutoffDay(ctx, store.Actor{}, admin, tt.issuer, tt.day)
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || e.Fields[tt.field] == "" {
			t.Errorf("SetCutoffDay(%q, %d) = %v, want a field error on %s", tt.issuer, tt.day, err, tt.field)
		}
	}
	if got := day(huyen); got != 20 {
		t.Errorf("after refused input = %d, want 20", got)
	}
	entries, err := f.s.AuditLog(ctx, "issuer_setting", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || entries[len(entries)-1].UserID != admin.ID || !strings.Contains(entries[0].Before, `"cutoff_day":10`) {
		t.Errorf("audit = %+v, want 4 rows, the first by the admin", entries)
	}
}
