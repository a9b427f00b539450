package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

var ctx = context.Background()

func code(err error) string { return tiendo.ErrorCode(err) }

// fixture is a store with two units, an office user and a reporter of each unit.
type fixture struct {
	s                  *store.Store
	a, b               *tiendo.Unit
	office, repA, repB *tiendo.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return fixtureOn(t, storetest.Open(t))
}

// fixtureOn puts newFixture's units and users into s.
func fixtureOn(t *testing.T, s *store.Store) *fixture {
	t.Helper()
	f := &fixture{s: s}
	f.a = &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ", Aliases: []string{"Phòng Nội vụ huyện"}}
	f.b = &tiendo.Unit{Code: "cah", Name: "Công an huyện"}
	for _, u := range []*tiendo.Unit{f.a, f.b} {
		if err := s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatalf("CreateUnit(%s): %v", u.Code, err)
		}
	}
	f.office = &tiendo.User{Username: "vanphong", FullName: "Văn phòng", Role: tiendo.RoleOffice}
	f.repA = &tiendo.User{Username: "pnv", Role: tiendo.RoleReporter, UnitID: f.a.ID}
	f.repB = &tiendo.User{Username: "cah", Role: tiendo.RoleReporter, UnitID: f.b.ID}
	for _, u := range []*tiendo.User{f.office, f.repA, f.repB} {
		if err := s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Username, err)
		}
	}
	return f
}

func TestUnits(t *testing.T) {
	f := newFixture(t)
	got, err := f.s.UnitByCode(ctx, "PNV")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Phòng Nội vụ" || len(got.Aliases) != 1 || got.Aliases[0] != "Phòng Nội vụ huyện" {
		t.Errorf("UnitByCode = %+v", got)
	}
	dup := &tiendo.Unit{Code: "pnv", Name: "Khác"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, dup); code(err) != tiendo.ECONFLICT {
		t.Errorf("duplicate code: got %v, want conflict", err)
	}
	bad := &tiendo.Unit{Code: "Có dấu", Name: ""}
	var e *tiendo.Error
	if err := f.s.CreateUnit(ctx, store.Actor{}, bad); !errors.As(err, &e) || e.Fields["code"] == "" || e.Fields["name"] == "" {
		t.Errorf("invalid unit: got %v, want field errors for code and name", err)
	}
	// Text is stored NFC: a decomposed "ộ" comes back composed.
	decomposed := &tiendo.Unit{Code: "x", Name: "Pho\u0300ng No\u0323\u0302i vu\u0323"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, decomposed); err != nil {
		t.Fatal(err)
	}
	if u, _ := f.s.Unit(ctx, decomposed.ID); u.Name != "Phòng Nội vụ" {
		t.Errorf("stored name %q, want NFC %q", u.Name, "Phòng Nội vụ")
	}
	// Vietnamese order: "Công an" before "Đội", "Đội" after "Dân".
	for _, n := range []struct{ code, name string }{{"doi", "Đội Quản lý"}, {"dan", "Dân vận"}} {
		if err := f.s.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: n.code, Name: n.name}); err != nil {
			t.Fatal(err)
		}
	}
	units, err := f.s.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	want := []string{"Công an huyện", "Dân vận", "Đội Quản lý", "Phòng Nội vụ", "Phòng Nội vụ"}
	if len(names) != len(want) {
		t.Fatalf("Units = %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("Units = %q, want %q", names, want)
			break
		}
	}
	if entries, err := f.s.AuditLog(ctx, "unit", 10); err != nil || len(entries) != 5 {
		t.Errorf("audit rows for units = %d, %v; want 5", len(entries), err)
	}
}

func TestAuthenticate(t *testing.T) {
	f := newFixture(t)
	u, err := f.s.Authenticate(ctx, " VanPhong ", "mật khẩu dài đủ")
	if err != nil || u.ID != f.office.ID {
		t.Fatalf("Authenticate = %v, %v", u, err)
	}
	_, errWrong := f.s.Authenticate(ctx, "vanphong", "sai mật khẩu rồi")
	_, errUnknown := f.s.Authenticate(ctx, "khongco", "sai mật khẩu rồi")
	if code(errWrong) != tiendo.EUNAUTHORIZED || code(errUnknown) != tiendo.EUNAUTHORIZED {
		t.Fatalf("errors %v, %v: want unauthorized", errWrong, errUnknown)
	}
	if tiendo.ErrorMessage(errWrong) != tiendo.ErrorMessage(errUnknown) {
		t.Errorf("messages differ: %q vs %q: they reveal whether the username exists", tiendo.ErrorMessage(errWrong), tiendo.ErrorMessage(errUnknown))
	}
	f.office.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, f.office); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "vanphong", "mật khẩu dài đủ"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("disabled user logged in: %v", err)
	}
	if err := f.s.SetPassword(ctx, store.Actor{}, f.repA.ID, "ngắn"); code(err) != tiendo.EINVALID {
		t.Errorf("short password: %v, want invalid", err)
	}
	if err := f.s.SetPassword(ctx, store.Actor{}, f.repA.ID, "một mật khẩu mới"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "pnv", "một mật khẩu mới"); err != nil {
		t.Errorf("new password refused: %v", err)
	}
	if err := f.s.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "x1", Role: tiendo.RoleReporter}, "mật khẩu dài đủ"); code(err) != tiendo.EINVALID {
		t.Errorf("reporter without unit: %v, want invalid", err)
	}
}

func TestSessions(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	f.s.Now = func() time.Time { return now }
	secret, err := f.s.CreateSession(ctx, f.repA.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := f.s.SessionUser(ctx, secret); err != nil || u.ID != f.repA.ID {
		t.Fatalf("SessionUser = %v, %v", u, err)
	}
	if _, err := f.s.SessionUser(ctx, secret+"x"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("wrong secret: %v", err)
	}
	now = now.Add(store.IdleTimeout - time.Minute)
	if _, err := f.s.SessionUser(ctx, secret); err != nil {
		t.Errorf("session within idle time: %v", err)
	}
	now = now.Add(store.IdleTimeout + time.Minute)
	if _, err := f.s.SessionUser(ctx, secret); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("idle session still valid: %v", err)
	}
	secret, _ = f.s.CreateSession(ctx, f.repA.ID, "", "")
	if err := f.s.DeleteSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SessionUser(ctx, secret); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("deleted session still valid: %v", err)
	}
	// A password change ends every session and token of the user.
	secret, _ = f.s.CreateSession(ctx, f.repA.ID, "", "")
	token, _, _ := f.s.CreateToken(ctx, f.repA.ID, "")
	if u, err := f.s.TokenUser(ctx, token); err != nil || u.ID != f.repA.ID {
		t.Fatalf("TokenUser = %v, %v", u, err)
	}
	f.s.SetPassword(ctx, store.Actor{}, f.repA.ID, "một mật khẩu mới")
	if _, err := f.s.SessionUser(ctx, secret); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("session survived a password change: %v", err)
	}
	if _, err := f.s.TokenUser(ctx, token); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("token survived a password change: %v", err)
	}
	token, _, _ = f.s.CreateToken(ctx, f.repB.ID, "")
	now = now.Add(store.TokenLifetime + time.Hour)
	if _, err := f.s.TokenUser(ctx, token); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("expired token valid: %v", err)
	}
}

// newRound creates an open round with one task led by unit a and supported
// by b, and one led by b, due at deadline.
func (f *fixture) newRound(t *testing.T, deadline time.Time) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{
		Title: "Báo cáo 6 tháng", Deadline: deadline, Status: tiendo.RoundOpen,
		Period:  tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1},
		UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nâng chỉ số PAR INDEX", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Support}},
				Targets: []*tiendo.Target{{Text: "đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}}},
			{Label: "2", Text: "Giảm số vụ phạm pháp hình sự", Assignees: []tiendo.Assignee{{UnitID: f.b.ID, Role: tiendo.Lead}}},
		},
	}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRounds(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, tiendo.DeadlineBefore(2022, 6, 7))
	if len(r.UnitIDs) != 2 {
		t.Errorf("UnitIDs = %v: a unit given work must be asked to report", r.UnitIDs)
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tasks) != 2 || len(got.Tasks[0].Assignees) != 2 || got.Tasks[0].Assignees[0].Role != tiendo.Lead ||
		len(got.Tasks[0].Targets) != 1 || got.Tasks[0].Targets[0].Value != 70 {
		t.Errorf("Round = %+v", got)
	}
	if !got.Deadline.Equal(tiendo.DeadlineBefore(2022, 6, 7)) {
		t.Errorf("Deadline = %v", got.Deadline)
	}
	// A draft round is hidden from units; an open one shows to the units asked.
	draft := &tiendo.Round{Title: "Nháp", Deadline: time.Now(), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Round(ctx, f.repA, draft.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("reporter sees a draft round: %v", err)
	}
	list, err := f.s.Rounds(ctx, f.repA)
	if err != nil || len(list) != 1 || list[0].ID != r.ID {
		t.Errorf("reporter's rounds = %v, %v; want only the open one", list, err)
	}
	list, _ = f.s.Rounds(ctx, f.office)
	if len(list) != 2 {
		t.Errorf("office sees %d rounds, want 2", len(list))
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, draft.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, draft.ID); code(err) != tiendo.ECONFLICT {
		t.Errorf("second publish: %v, want conflict", err)
	}
	if _, err := f.s.Round(ctx, f.repA, draft.ID); err != nil {
		t.Errorf("reporter cannot see the published round: %v", err)
	}
}

func TestReportSaveSubmit(t *testing.T) {
	f := newFixture(t)
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	r := f.newRound(t, deadline)
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != tiendo.ReportMissing || len(rep.Sections) != 1 || len(rep.Sections[0].Actuals) != 1 {
		t.Fatalf("empty report = %+v", rep)
	}
	if _, err := f.s.Report(ctx, f.repB, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unit b reads unit a's report: %v", err)
	}
	v := 65.5
	rep.Sections[0].ResultVsPlan = "Đạt 65,5%"
	rep.Sections[0].Actuals[0].Value = &v
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repB, rep); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("unit b saves unit a's report: %v", err)
	}
	stale := *rep
	if err := f.s.SaveReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != 1 || rep.Status != tiendo.ReportDraft {
		t.Errorf("after save: version %d status %s", rep.Version, rep.Status)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, &stale); code(err) != tiendo.ECONFLICT {
		t.Errorf("stale save: %v, want conflict", err)
	}
	got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if got.Sections[0].ResultVsPlan != "Đạt 65,5%" || got.Sections[0].Actuals[0].Value == nil || *got.Sections[0].Actuals[0].Value != 65.5 {
		t.Errorf("saved report = %+v", got.Sections[0])
	}
	// On time is strictly before the deadline: a submission at the deadline is late.
	f.s.Now = func() time.Time { return deadline.Add(-time.Second) }
	// Submitting needs every field: the status is missing.
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(got.Version)); code(err) != tiendo.EINVALID {
		t.Fatalf("submit without a status: %v, want invalid", err)
	}
	got.Sections[0].Status = "on_track"
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, got); err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(got.Version))
	if err != nil {
		t.Fatal(err)
	}
	if sub.Late || sub.Status != tiendo.ReportSubmitted {
		t.Errorf("submitted a second early: late=%v status=%s", sub.Late, sub.Status)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(sub.Version)); code(err) != tiendo.ECONFLICT {
		t.Errorf("second submit: %v, want conflict", err)
	}
	f.s.Now = func() time.Time { return deadline }
	repB, _ := f.s.Report(ctx, f.repB, r.ID, f.b.ID)
	repB.Sections[0].Status, repB.Sections[0].ResultVsPlan = "completed", "Đã xong."
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repB, repB); err != nil {
		t.Fatal(err)
	}
	subB, err := f.s.ActOnReport(ctx, store.Actor{}, f.repB, r.ID, f.b.ID, submit(repB.Version))
	if err != nil || !subB.Late {
		t.Errorf("submitted at the deadline: %v, late=%v; want late", err, subB != nil && subB.Late)
	}
	list, _ := f.s.Rounds(ctx, f.office)
	if list[0].Submitted != 2 || list[0].OnTime != 1 || list[0].Expected != 2 {
		t.Errorf("summary = %+v", list[0])
	}
	// A report returned for revision was received all the same, as the
	// round page's rates count it (watch.RoundRates): the list and the home
	// page must not say otherwise.
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: subB.Version, Comment: "Bổ sung số liệu."}); err != nil {
		t.Fatal(err)
	}
	list, _ = f.s.Rounds(ctx, f.office)
	if s := list[0]; s.Submitted != 2 || s.OnTime != 1 || s.Drafts != 0 || s.Missing() != 0 {
		t.Errorf("after returning a report: received %d, on time %d, drafts %d, missing %d; want 2, 1, 0, 0", s.Submitted, s.OnTime, s.Drafts, s.Missing())
	}
}

func TestPublishNotifiesUnits(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Đợt mới", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := f.s.Notifications(ctx, f.repA, 10); n != 0 {
		t.Fatalf("unread before publishing = %d", n)
	}
	if err := f.s.PublishRound(ctx, store.Actor{UserID: f.office.ID}, r.ID); err != nil {
		t.Fatal(err)
	}
	list, unread, err := f.s.Notifications(ctx, f.repA, 10)
	if err != nil || unread != 1 || len(list) != 1 || list[0].Link != "/rounds/"+itoa(r.ID) || !strings.Contains(list[0].Title, "01/12/2026") {
		t.Errorf("unit a's notifications = %+v, unread %d, %v", list, unread, err)
	}
	if _, n, _ := f.s.Notifications(ctx, f.repB, 10); n != 0 {
		t.Errorf("unit b, not asked, was notified (%d)", n)
	}
	if err := f.s.MarkNotificationsRead(ctx, f.repA); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.UnreadCount(ctx, f.repA); n != 0 {
		t.Errorf("unread after marking read = %d", n)
	}
}

// A draft round can be deleted with everything in it, audited; a published
// one cannot, and nothing of it is touched.
func TestDeleteDraftRound(t *testing.T) {
	f := newFixture(t)
	office := store.Actor{UserID: f.office.ID}
	draft := &tiendo.Round{Title: "Đợt tạo nhầm", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "giảm 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteDraftRound(ctx, office, draft.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Round(ctx, f.office, draft.ID); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("deleted round still read: %v", err)
	}
	list, err := f.s.Rounds(ctx, f.office)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.ID == draft.ID {
			t.Errorf("the rounds list still has the deleted round")
		}
	}
	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: draft.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Action != "delete" || !strings.Contains(entries[0].Before, "Đợt tạo nhầm") || entries[0].UserID != f.office.ID {
		t.Errorf("deletion not audited with the title and the office: %+v", entries)
	}
	if err := f.s.DeleteDraftRound(ctx, office, draft.ID); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("deleting it again: %v, want not found", err)
	}

	// A draft with a successor stays, so the successor keeps its links; a
	// draft's công văn waiting for a leader takes its notice with it.
	first := &tiendo.Round{Title: "Đợt nháp có đợt sau", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, first); err != nil {
		t.Fatal(err)
	}
	next, err := f.s.CreateSuccessor(ctx, office, f.office, first.ID, store.Successor{Title: "Đợt sau", Deadline: tiendo.DeadlineBefore(2027, 6, 1),
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2027}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteDraftRound(ctx, office, first.ID); tiendo.ErrorCode(err) != tiendo.ECONFLICT {
		t.Errorf("deleting a draft another round continues: %v, want a conflict", err)
	}
	// So does a draft one of whose tasks another round's task continues.
	linked := &tiendo.Round{Title: "Đợt nháp có nhiệm vụ được nối", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	later := &tiendo.Round{Title: "Đợt khác", Deadline: tiendo.DeadlineBefore(2027, 12, 1), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	for _, r := range []*tiendo.Round{linked, later} {
		if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.LinkTask(ctx, office, f.office, later.Tasks[0].ID, linked.Tasks[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteDraftRound(ctx, office, linked.ID); tiendo.ErrorCode(err) != tiendo.ECONFLICT {
		t.Errorf("deleting a draft whose task another continues: %v, want a conflict", err)
	}
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	c := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: next.ID, Subject: "Giao nhiệm vụ", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SendDoc(ctx, office, f.office, c); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := f.s.Notifications(ctx, leader, 10); n != 1 {
		t.Fatalf("the leader has %d notices of the công văn, want 1", n)
	}
	if err := f.s.DeleteDraftRound(ctx, office, next.ID); err != nil {
		t.Fatal(err)
	}
	if list, n, _ := f.s.Notifications(ctx, leader, 10); n != 0 || len(list) != 0 {
		t.Errorf("the deleted round's notices stay: %+v", list)
	}

	open := &tiendo.Round{Title: "Đợt đã phát hành", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, open); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, office, open.ID); err != nil {
		t.Fatal(err)
	}
	err = f.s.DeleteDraftRound(ctx, office, open.ID)
	if tiendo.ErrorCode(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "đã phát hành") {
		t.Errorf("deleting a published round: %v, want a conflict that says it is published", err)
	}
	if r, err := f.s.Round(ctx, f.office, open.ID); err != nil || r.Status != tiendo.RoundOpen {
		t.Errorf("published round after a refused delete: %+v, %v", r, err)
	}
}

// Notifications come newest first by their time, not by the order their
// rows were written: a round published for a past date after one published
// today is listed after it.
func TestNotificationsNewestFirst(t *testing.T) {
	f := newFixture(t)
	clock := f.s.Now
	t.Cleanup(func() { f.s.Now = clock })
	now := time.Now()
	for _, tc := range []struct {
		title string
		at    time.Time
	}{{"Đợt hôm nay", now}, {"Đợt tuần trước", now.AddDate(0, 0, -7)}} {
		r := &tiendo.Round{Title: tc.title, Deadline: now.AddDate(0, 0, 10), UnitIDs: []int64{f.a.ID}}
		if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		f.s.Now = func() time.Time { return tc.at }
		if err := f.s.PublishRound(ctx, store.Actor{UserID: f.office.ID}, r.ID); err != nil {
			t.Fatal(err)
		}
		f.s.Now = clock
	}
	list, _, err := f.s.Notifications(ctx, f.repA, 10)
	if err != nil || len(list) != 2 || !list[0].CreatedAt.After(list[1].CreatedAt) {
		t.Errorf("notifications = %+v, %v; want two, the newer first", list, err)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func submit(version int) store.ActRequest {
	return store.ActRequest{Action: tiendo.ReportSubmit, Version: version}
}
