package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// A round's fingerprint stays as it is through what its consolidated
// report is not drafted from (a login, a new user, a report in another
// round, a unit's draft not yet sent), and moves with each thing it is
// drafted from: a report sent, returned, revised after its return; a task
// edited; a unit renamed; the issuing body or a cut-off day set; the audit
// log pruned. A successor names the round whose directive it reads.
func TestRoundFingerprintFollowsWhatDraftingReads(t *testing.T) {
	st := storetest.Open(t)
	a := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	b := &tiendo.Unit{Code: "cah", Name: "Công an huyện"}
	for _, u := range []*tiendo.Unit{a, b} {
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	users := map[string]*tiendo.User{}
	for _, u := range []*tiendo.User{
		{Username: "admin", Role: tiendo.RoleAdmin},
		{Username: "vanphong", Role: tiendo.RoleOffice},
		{Username: "pnv", Role: tiendo.RoleReporter, UnitID: a.ID},
		{Username: "cah", Role: tiendo.RoleReporter, UnitID: b.ID},
	} {
		if err := st.CreateUser(ctx, store.Actor{}, u, "mật khẩu thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		users[u.Username] = u
	}
	office, admin := users["vanphong"], users["admin"]
	deadline := time.Now().Add(72 * time.Hour)
	r := &tiendo.Round{Title: "Báo cáo quý", Status: tiendo.RoundOpen, Deadline: deadline, Source: "Công văn số 12/UBND về báo cáo quý.",
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nhiệm vụ một", Assignees: []tiendo.Assignee{{UnitID: a.ID, Role: tiendo.Lead}}},
			{Label: "2", Text: "Nhiệm vụ hai", Assignees: []tiendo.Assignee{{UnitID: b.ID, Role: tiendo.Lead}}},
		}}
	other := &tiendo.Round{Title: "Báo cáo tháng", Status: tiendo.RoundOpen, Deadline: deadline,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ khác", Assignees: []tiendo.Assignee{{UnitID: a.ID, Role: tiendo.Lead}}}}}
	for _, x := range []*tiendo.Round{r, other} {
		if err := st.CreateRound(ctx, store.Actor{}, x); err != nil {
			t.Fatal(err)
		}
	}
	read := func() store.RoundFingerprint {
		t.Helper()
		f, err := st.RoundFingerprint(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	last := read()
	if last.Earlier != 0 || last.Sent != 0 {
		t.Errorf("a new round without predecessor nor report: %+v", last)
	}
	same := func(step string) {
		t.Helper()
		if got := read(); got != last {
			t.Errorf("%s: the fingerprint moved from %+v to %+v", step, last, got)
			last = got
		}
	}
	moved := func(step string) {
		t.Helper()
		got := read()
		if got == last {
			t.Errorf("%s: the fingerprint stayed %+v", step, got)
		}
		last = got
	}

	if _, err := st.CreateSession(ctx, office.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	same("a login")
	if err := st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}, "mật khẩu thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	same("a user added")
	storetest.Submit(t, st, "pnv", other.ID, a.ID)
	same("a report in another round")
	cah, err := st.Report(ctx, users["cah"], r.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range cah.Sections {
		sec.ResultVsPlan = "Đang soạn, chưa gửi."
	}
	if err := st.SaveReport(ctx, store.Actor{}, users["cah"], cah); err != nil {
		t.Fatal(err)
	}
	same("a draft not yet sent")

	storetest.Submit(t, st, "pnv", r.ID, a.ID)
	moved("a report sent")
	rep, err := st.Report(ctx, office, r.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, office, r.ID, a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}
	moved("a report returned")
	if rep, err = st.Report(ctx, users["pnv"], r.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = "Đã bổ sung một phần."
	}
	if err := st.SaveReport(ctx, store.Actor{}, users["pnv"], rep); err != nil {
		t.Fatal(err)
	}
	moved("a returned report revised")
	if err := st.UpdateTaskText(ctx, store.Actor{}, office, r.ID, r.Tasks[1].ID, "Nhiệm vụ hai, sửa theo công văn"); err != nil {
		t.Fatal(err)
	}
	moved("a task edited")
	b.Name = "Công an huyện Hữu Lũng"
	if err := st.UpdateUnit(ctx, store.Actor{}, b); err != nil {
		t.Fatal(err)
	}
	moved("a unit renamed")
	if err := st.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: "Ủy ban nhân dân huyện Bắc Sơn"}); err != nil {
		t.Fatal(err)
	}
	moved("the issuing body set")
	if err := st.SetCutoffDay(ctx, store.Actor{}, admin, "", 20); err != nil {
		t.Fatal(err)
	}
	moved("the cut-off day set")
	if n, err := st.PruneAudit(ctx, store.Actor{}, time.Now().Add(time.Hour)); err != nil || n == 0 {
		t.Fatalf("prune: %d rows, %v", n, err)
	}
	moved("the audit log pruned")

	next, err := st.CreateSuccessor(ctx, store.Actor{}, office, r.ID, store.Successor{Title: "Báo cáo quý sau", Deadline: deadline.AddDate(0, 3, 0)})
	if err != nil {
		t.Fatal(err)
	}
	f, err := st.RoundFingerprint(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Earlier != r.ID {
		t.Errorf("the successor reads the directive of round %d, want %d", f.Earlier, r.ID)
	}
	if f.Round == 0 || f.Round == last.Round {
		t.Errorf("the successor's stamp is %d, the round's %d", f.Round, last.Round)
	}
}
