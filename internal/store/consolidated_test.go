package store_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

func issueWith(t *testing.T) store.Issue {
	return store.Issue{Issuer: "UBND huyện Thử", Symbol: "BC-UBND", DocType: "BC", Signer: "Nguyễn Văn A",
		Render: func(n int, at time.Time) (map[string][]byte, error) {
			return map[string][]byte{"docx": []byte(fmt.Sprintf("docx %02d %s", n, at.Format("2006-01-02")))}, nil
		}}
}

func TestConsolidatedWorkflow(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{leader, reader} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo tổng hợp", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.repA, c); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter drafts: %v", err)
	}
	if err := f.s.CreateDoc(ctx, store.Actor{UserID: f.office.ID}, f.office, c); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID}); code(err) != tiendo.ECONFLICT {
		t.Errorf("a second draft: %v", err)
	}
	if _, err := f.s.Doc(ctx, reader, r.ID, tiendo.DocReport); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a reader sees the draft: %v", err)
	}
	c.Parts[0].Text = "Mở đầu đã sửa"
	if err := f.s.UpdateDoc(ctx, store.Actor{}, f.office, c); err != nil || c.Version != 2 {
		t.Fatalf("update: %v, version %d", err, c.Version)
	}
	stale := *c
	stale.Version = 1
	if err := f.s.UpdateDoc(ctx, store.Actor{}, f.office, &stale); code(err) != tiendo.ECONFLICT {
		t.Errorf("stale update: %v", err)
	}
	if _, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, c.Version, issueWith(t)); code(err) != tiendo.ECONFLICT {
		t.Errorf("issuing a draft: %v, want conflict", err)
	}
	pending := func(u *tiendo.User) []store.PendingDoc {
		t.Helper()
		list, err := f.s.PendingDocs(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return list
	}
	if p := pending(leader); len(p) != 0 {
		t.Errorf("a draft is waiting for the leader: %+v", p)
	}
	sent, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if p := pending(leader); len(p) != 1 || p[0].RoundID != r.ID || p[0].Kind != tiendo.DocReport || p[0].RoundTitle != r.Title || p[0].SentAt.IsZero() {
		t.Errorf("waiting for the leader once sent: %+v, want this round's report", p)
	}
	if p := pending(f.office); len(p) != 0 {
		t.Errorf("waiting for the office, which does not approve: %+v", p)
	}
	if _, err := f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocApprove, sent.Version, ""); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("the office approves: %v", err)
	}
	ret, err := f.s.ActOnDoc(ctx, store.Actor{}, leader, r.ID, tiendo.DocReport, store.DocReturn, sent.Version, "Bổ sung số liệu")
	if err != nil || ret.Status != tiendo.DocDraft || ret.ReturnComment != "Bổ sung số liệu" {
		t.Fatalf("return: %v %v", ret, err)
	}
	// What waits for the office's next step: the returned draft to fix,
	// then the approved report to issue; nothing for anyone else.
	forOffice := func(u *tiendo.User) []store.PendingDoc {
		t.Helper()
		list, err := f.s.DocsForOffice(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return list
	}
	if p := forOffice(f.office); len(p) != 1 || p[0].RoundID != r.ID || !p[0].Returned {
		t.Errorf("returned, for the office: %+v, want this round's report marked returned", p)
	}
	if p := forOffice(leader); len(p) != 0 {
		t.Errorf("for the leader, who neither fixes nor issues: %+v", p)
	}
	sent, _ = f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocSend, ret.Version, "")
	ok, err := f.s.ActOnDoc(ctx, store.Actor{UserID: leader.ID}, leader, r.ID, tiendo.DocReport, store.DocApprove, sent.Version, "")
	if err != nil || ok.Status != tiendo.DocApproved {
		t.Fatalf("approve: %v %v", ok, err)
	}
	if p := pending(leader); len(p) != 0 {
		t.Errorf("still waiting for the leader once approved: %+v", p)
	}
	if p := forOffice(f.office); len(p) != 1 || p[0].Returned || p[0].Status != tiendo.DocApproved {
		t.Errorf("approved, for the office: %+v, want it waiting to be issued", p)
	}
	issued, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, ok.Version, issueWith(t))
	if err != nil || issued.Number != 1 || issued.Symbol != "BC-UBND" {
		t.Fatalf("issue: %+v %v", issued, err)
	}
	if p := forOffice(f.office); len(p) != 0 {
		t.Errorf("issued, still for the office: %+v", p)
	}
	got, err := f.s.Doc(ctx, reader, r.ID, tiendo.DocReport)
	if err != nil || got.Status != tiendo.DocIssued || got.Number != 1 {
		t.Errorf("the reader reads the issued report: %+v %v", got, err)
	}
	data, err := f.s.IssuedFile(ctx, reader, r.ID, tiendo.DocReport, "docx")
	if err != nil || string(data[:7]) != "docx 01" {
		t.Errorf("frozen file = %q, %v", data, err)
	}
	if err := f.s.UpdateDoc(ctx, store.Actor{}, f.office, got); code(err) != tiendo.ECONFLICT {
		t.Errorf("editing an issued report: %v, want conflict", err)
	}
	if _, n, _ := f.s.Notifications(ctx, reader, 10); n != 1 {
		t.Errorf("the reader has %d unread, want 1 (issued)", n)
	}
}

// One approved report issued by several clicks at once (a double click, or
// two instances): it is issued once, with one number; the others are
// refused. On PostgreSQL each read the report approved before the first
// committed, waited on the register's counter, and then issued it again
// under the next number.
func TestIssueOneReportAtOnce(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	version, in := approvedDoc(t, f, leader, r, tiendo.DocReport, "Báo cáo phát hành một lần")
	won := race(t, "issue", func(int) error {
		_, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, version, in)
		return err
	})
	entries, err := f.s.Register(ctx, in.Issuer, time.Now().In(tiendo.Zone).Year())
	if won != 1 || err != nil || len(entries) != 1 {
		t.Errorf("%d issues of version %d succeeded and the register has %d entries (%v), want 1 and 1", won, version, len(entries), err)
	}
}

// Register numbers are consecutive and unique even when many reports are
// issued at the same moment (on PostgreSQL: from concurrent connections).
func TestRegisterNumbersUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	f.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu dài đủ")
	const n = 8
	versions := make([]int, n)
	rounds := make([]*tiendo.Round, n)
	for i := range n {
		rounds[i] = f.newRound(t, time.Now().Add(time.Hour))
		c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: rounds[i].ID, Subject: fmt.Sprint("Báo cáo ", i)}
		if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
			t.Fatal(err)
		}
		s1, _ := f.s.ActOnDoc(ctx, store.Actor{}, f.office, rounds[i].ID, tiendo.DocReport, store.DocSend, c.Version, "")
		s2, err := f.s.ActOnDoc(ctx, store.Actor{}, leader, rounds[i].ID, tiendo.DocReport, store.DocApprove, s1.Version, "")
		if err != nil {
			t.Fatal(err)
		}
		versions[i] = s2.Version
	}
	var wg sync.WaitGroup
	numbers := make([]int, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, rounds[i].ID, tiendo.DocReport, versions[i], issueWith(t))
			if err == nil {
				numbers[i] = c.Number
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Ints(numbers)
	for i, got := range numbers {
		if got != i+1 {
			t.Fatalf("numbers = %v, want 1..%d", numbers, n)
		}
	}
	entries, err := f.s.Register(ctx, "UBND huyện Thử", time.Now().In(tiendo.Zone).Year())
	if err != nil || len(entries) != n {
		t.Errorf("register = %d entries, %v", len(entries), err)
	}
	// Rows registered before series existed are listed under their body
	// however its name is written now.
	if err := f.s.MarkRegisterLegacy(ctx); err != nil {
		t.Fatal(err)
	}
	entries, err = f.s.Register(ctx, "ỦY BAN NHÂN DÂN HUYỆN THỬ", time.Now().In(tiendo.Zone).Year())
	if err != nil || len(entries) != n {
		t.Errorf("register of the older rows, the name written out = %d entries, %v; want %d", len(entries), err, n)
	}
}
