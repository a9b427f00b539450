package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The outgoing register lists every issued document, consolidated reports
// and công văn alike, newest first, with its round; a year filters it; the
// units may not read it.
func TestOutgoingRegister(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{leader, reader} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	issue := func(at time.Time, kind tiendo.DocKind, subject string) *tiendo.Round {
		t.Helper()
		f.s.Now = func() time.Time { return at }
		r := f.newRound(t, at.Add(24*time.Hour))
		version, in := approvedDoc(t, f, leader, r, kind, subject)
		if _, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, kind, version, in); err != nil {
			t.Fatal(err)
		}
		return r
	}
	zone := tiendo.Zone
	old := issue(time.Date(2025, 12, 30, 9, 0, 0, 0, zone), tiendo.DocReport, "Báo cáo năm 2025")
	cv := issue(time.Date(2026, 1, 5, 8, 0, 0, 0, zone), tiendo.DocDirective, "báo cáo quý I năm 2026")
	// The units are told the number as the register writes it.
	if ns, _, err := f.s.Notifications(ctx, f.repA, 20); err != nil || !slices.ContainsFunc(ns, func(n store.Notification) bool {
		return strings.Contains(n.Title, "Công văn số 01/UBND-VP")
	}) {
		t.Errorf("the unit's notifications %+v (%v) do not name \"Công văn số 01/UBND-VP\"", ns, err)
	}
	bc := issue(time.Date(2026, 3, 2, 15, 30, 0, 0, zone), tiendo.DocReport, "Báo cáo quý I năm 2026")
	// A report drafted but not issued is not in the register.
	f.s.Now = func() time.Time { return time.Date(2026, 3, 3, 8, 0, 0, 0, zone) }
	draft := f.newRound(t, time.Date(2026, 4, 1, 0, 0, 0, 0, zone))
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, &tiendo.Document{Kind: tiendo.DocReport, RoundID: draft.ID, Subject: "Dự thảo"}); err != nil {
		t.Fatal(err)
	}

	summary := func(ls []store.RegisterLine) []string {
		var out []string
		for _, l := range ls {
			out = append(out, fmt.Sprintf("%d %02d/%s %s %s %d %s %s %s", l.Year, l.Number, l.Symbol, l.DocType, l.Kind, l.RoundID, l.Subject, l.Signer, l.IssuedAt.In(zone).Format("02/01/2006")))
		}
		return out
	}
	got, err := f.s.OutgoingRegister(ctx, reader, 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("2026 02/BC-UBND BC report %d Báo cáo quý I năm 2026 Nguyễn Văn A 02/03/2026", bc.ID),
		fmt.Sprintf("2026 01/UBND-VP CV directive %d báo cáo quý I năm 2026 Hoàng Thị Bình 05/01/2026", cv.ID),
	}
	if !slices.Equal(summary(got), want) {
		t.Errorf("the register of 2026 =\n%q\nwant\n%q", summary(got), want)
	}
	if len(got) > 0 && (got[0].RoundTitle != bc.Title || got[0].Issuer != "UBND huyện Thử") {
		t.Errorf("first line: round %q, issuer %q", got[0].RoundTitle, got[0].Issuer)
	}

	all, err := f.s.OutgoingRegister(ctx, leader, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := summary(all); len(s) != 3 || !slices.Equal(s[:2], want) ||
		s[2] != fmt.Sprintf("2025 01/BC-UBND BC report %d Báo cáo năm 2025 Nguyễn Văn A 30/12/2025", old.ID) {
		t.Errorf("the whole register =\n%q", s)
	}
	if none, err := f.s.OutgoingRegister(ctx, f.office, 2024); err != nil || len(none) != 0 {
		t.Errorf("the register of 2024 = %v, %v; want empty", none, err)
	}
	years, err := f.s.RegisterYears(ctx, f.office)
	if err != nil || !slices.Equal(years, []int{2026, 2025}) {
		t.Errorf("years = %v, %v; want [2026 2025]", years, err)
	}

	for _, u := range []*tiendo.User{f.repA, {Username: "tppnv", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}, nil} {
		if _, err := f.s.OutgoingRegister(ctx, u, 2026); code(err) != tiendo.EFORBIDDEN {
			t.Errorf("%v reads the register: %v, want forbidden", u, err)
		}
		if _, err := f.s.RegisterYears(ctx, u); code(err) != tiendo.EFORBIDDEN {
			t.Errorf("%v reads the register's years: %v, want forbidden", u, err)
		}
	}
}

// approvedDoc makes round r's document of kind, sends it and has leader
// approve it: its version, and what issuing it takes (a công văn with the
// office's symbol and signer).
func approvedDoc(t *testing.T, f *fixture, leader *tiendo.User, r *tiendo.Round, kind tiendo.DocKind, subject string) (int, store.Issue) {
	t.Helper()
	c := &tiendo.Document{Kind: kind, RoundID: r.ID, Subject: subject, Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	sent, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, kind, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	ok, err := f.s.ActOnDoc(ctx, store.Actor{}, leader, r.ID, kind, store.DocApprove, sent.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	in := issueWith(t)
	if kind == tiendo.DocDirective {
		in.Symbol, in.DocType, in.Signer = "UBND-VP", "CV", "Hoàng Thị Bình"
	}
	return ok.Version, in
}
