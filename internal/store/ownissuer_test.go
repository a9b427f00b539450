package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// approvedReport drafts round r's consolidated report, has it sent and
// approved by leader, and returns it ready to issue.
func approvedReport(t *testing.T, f *fixture, leader *tiendo.User, r *tiendo.Round) *tiendo.Document {
	t.Helper()
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo " + r.Title, Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	sent, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	ok, err := f.s.ActOnDoc(ctx, store.Actor{UserID: leader.ID}, leader, r.ID, tiendo.DocReport, store.DocApprove, sent.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func newLeader(t *testing.T, f *fixture, username, name string) *tiendo.User {
	t.Helper()
	u := &tiendo.User{Username: username, FullName: name, Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	return u
}

// A body's outgoing register is one series a year: the same body written
// another way ("UBND huyện", "ỦY BAN NHÂN DÂN HUYỆN") continues it, and once
// the body running tiendo is set, a report of a round made from another
// body's directive (the province's) is numbered in it too, never given a
// number the series has already given.
func TestRegisterOneSeriesPerBody(t *testing.T) {
	f := newFixture(t)
	leader := newLeader(t, f, "lanhdao", "Hoàng Văn Minh")
	f.s.Now = func() time.Time { return time.Date(2026, 9, 21, 9, 0, 0, 0, tiendo.Zone) }
	issue := func(r *tiendo.Round, issuer string) *tiendo.Document {
		t.Helper()
		c := approvedReport(t, f, leader, r)
		in := issueWith(t)
		in.Issuer, in.Signer = issuer, "Hoàng Văn Minh"
		got, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, c.Version, in)
		if err != nil {
			t.Fatalf("issue as %q: %v", issuer, err)
		}
		return got
	}
	deadline := time.Date(2026, 9, 20, 0, 0, 0, 0, tiendo.Zone)
	if got := issue(f.newRound(t, deadline), "UBND huyện Hữu Lũng"); got.Number != 1 {
		t.Errorf("first report: number %d, want 1", got.Number)
	}
	if got := issue(f.newRound(t, deadline), "ỦY  BAN NHÂN DÂN HUYỆN HỮU LŨNG"); got.Number != 2 {
		t.Errorf("the same body in capitals: number %d, want 2 (one series)", got.Number)
	}

	// Not set, the store has only the caller's word; set, the body
	// running tiendo issues whatever the caller names.
	if o, err := f.s.OwnIssuer(ctx); err != nil || o.Name != "" {
		t.Fatalf("own issuer before it is set: %+v, %v; want none", o, err)
	}
	admin := &tiendo.User{Username: "admin", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetOwnIssuer(ctx, store.Actor{}, f.office, store.OwnIssuer{Name: "Ủy ban nhân dân huyện Hữu Lũng"}); tiendo.ErrorCode(err) != tiendo.EFORBIDDEN {
		t.Errorf("the office sets the own issuer: %v, want forbidden", err)
	}
	if err := f.s.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: "  "}); tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "Hãy nhập tên cơ quan") {
		t.Errorf("an empty own issuer: %v, want invalid, saying what to enter", err)
	}
	if err := f.s.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: "Ủy ban nhân dân huyện Hữu Lũng", Place: " Hữu  Lũng "}); err != nil {
		t.Fatal(err)
	}
	if o, err := f.s.OwnIssuer(ctx); err != nil || o.Name != "Ủy ban nhân dân huyện Hữu Lũng" || o.Place != "Hữu Lũng" {
		t.Errorf("own issuer = %+v, %v", o, err)
	}

	province := f.newRound(t, deadline)
	province.Issuer = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" // the round's directive came from the province
	got := issue(province, province.Issuer)
	if got.Number != 3 {
		t.Errorf("report of a round from the province's directive: number %d, want 3 in the district's series", got.Number)
	}
	lines, err := f.s.OutgoingRegister(ctx, f.office, 2026)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		n := fmt.Sprintf("%02d/%s", l.Number, l.Symbol)
		if seen[n] {
			t.Errorf("the register gives %s twice: %+v", n, lines)
		}
		seen[n] = true
		if l.Number == 3 && l.Issuer != "Ủy ban nhân dân huyện Hữu Lũng" {
			t.Errorf("report 03 is registered as issued by %q, want the body running tiendo", l.Issuer)
		}
	}
	if len(lines) != 3 {
		t.Errorf("the register has %d lines, want 3", len(lines))
	}
	entries, err := f.s.Register(ctx, "UBND HUYỆN HỮU LŨNG", 2026)
	if err != nil || len(entries) != 3 {
		t.Errorf("the district's series lists %d entries (%v), want 3", len(entries), err)
	}
}

// An approved report is issued under the leader who approved it, and no
// one else: another name is refused, in Vietnamese, naming the approver,
// and nothing is numbered; withdrawn and approved again by the other
// leader, it is issued under them.
func TestIssueSignerMustBeApprover(t *testing.T) {
	f := newFixture(t)
	minh := newLeader(t, f, "lanhdao", "Hoàng Văn Minh")
	an := newLeader(t, f, "phochutich", "Nguyễn Văn An")
	r := f.newRound(t, time.Now().Add(24*time.Hour))
	c := approvedReport(t, f, minh, r)
	if c.ApprovedBy != minh.ID {
		t.Fatalf("approved by %d, want %d", c.ApprovedBy, minh.ID)
	}
	in := issueWith(t)
	in.Signer = "Nguyễn Văn Không Duyệt"
	_, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, c.Version, in)
	var e *tiendo.Error
	if tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "Người ký phải là lãnh đạo đã duyệt báo cáo: Hoàng Văn Minh") {
		t.Fatalf("issue under someone who did not approve: %v, want invalid naming the approver", err)
	} else if errors.As(err, &e); e.Fields["signer_name"] == "" {
		t.Errorf("the refusal marks no field: %+v", e)
	}
	if got, _ := f.s.Doc(ctx, f.office, r.ID, tiendo.DocReport); got.Status != tiendo.DocApproved || got.Number != 0 {
		t.Errorf("after the refusal the report is %s, number %d; want approved, unnumbered", got.Status, got.Number)
	}
	if lines, _ := f.s.OutgoingRegister(ctx, f.office, 0); len(lines) != 0 {
		t.Errorf("the refused issue is in the register: %+v", lines)
	}

	// To be signed by another leader it goes back for that leader's approval.
	back, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocWithdraw, c.Version, "")
	if err != nil || back.Status != tiendo.DocDraft {
		t.Fatalf("withdraw the approved report: %+v, %v", back, err)
	}
	sent, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocSend, back.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	ok, err := f.s.ActOnDoc(ctx, store.Actor{UserID: an.ID}, an, r.ID, tiendo.DocReport, store.DocApprove, sent.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	in.Signer = "Hoàng Văn Minh" // approved before, not now
	if _, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, ok.Version, in); tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "Nguyễn Văn An") {
		t.Errorf("issue under the earlier approver: %v, want invalid naming Nguyễn Văn An", err)
	}
	in.Signer = "nguyễn văn  an" // as typed, case and spacing aside
	issued, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, ok.Version, in)
	if err != nil || issued.Status != tiendo.DocIssued {
		t.Fatalf("issue under the approver: %+v, %v", issued, err)
	}
}
