package store_test

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// fill completes unit a's report in memory so that it can be submitted.
func fill(rep *tiendo.UnitReport, text string, v float64) {
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", text
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
}

// On PostgreSQL a report's long texts, its revision and its audit rows are
// compressed with lz4 (migration 0013), which costs less CPU than pglz under
// a deadline rush.
func TestLongTextsCompressWithLZ4(t *testing.T) {
	dsn := storetest.DSN(t)
	if strings.HasPrefix(dsn, "sqlite:") {
		t.Skip("SQLite stores texts uncompressed; set " + storetest.EnvDatabaseURL + " to run this on PostgreSQL")
	}
	db, _ := rawDB(t, dsn)
	if _, err := db.Exec(`CREATE TEMP TABLE lz4_probe (t TEXT COMPRESSION lz4)`); err != nil {
		t.Skipf("this PostgreSQL cannot compress with lz4 (%v), so the migration keeps pglz", err)
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := fixtureOn(t, s)
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, err := s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(rep, strings.Repeat("Đơn vị đã triển khai đầy đủ kế hoạch, kết quả đạt khá so với cùng kỳ. ", 60), 1)
	if err := s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSubmit, rep.Version, "")); err != nil {
		t.Fatal(err)
	}
	for what, query := range map[string]string{
		"a section's text":        `SELECT pg_column_compression(result_vs_plan) FROM report_sections`,
		"the revision":            `SELECT pg_column_compression(body) FROM report_revisions`,
		"the save's audit record": `SELECT pg_column_compression(after) FROM audit_log WHERE entity = 'unit_report' AND action = 'save'`,
	} {
		var method sql.NullString
		if err := db.QueryRow(query).Scan(&method); err != nil {
			t.Errorf("%s: %v", what, err)
		} else if method.String != "lz4" {
			t.Errorf("%s is compressed with %q, want lz4", what, method.String)
		}
	}
}

func act(a tiendo.ReportAction, version int, comment string) store.ActRequest {
	return store.ActRequest{Action: a, Version: version, Comment: comment}
}

func TestReturnReviseResubmit(t *testing.T) {
	f := newFixture(t)
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	r := f.newRound(t, deadline)
	f.s.Now = func() time.Time { return deadline.Add(-time.Hour) }
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Bản đầu", 70)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	// The unit cannot change a submitted report; the office cannot save it.
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, sub); code(err) != tiendo.ECONFLICT {
		t.Errorf("save after submit: %v, want conflict", err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "x")); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("unit returns its own report: %v, want forbidden", err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "  ")); code(err) != tiendo.EINVALID {
		t.Errorf("return without a comment: %v, want invalid", err)
	}
	// Returned after the deadline, revised and resubmitted: still on time,
	// because timeliness is the first submission's.
	f.s.Now = func() time.Time { return deadline.Add(time.Hour) }
	ret, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu cùng kỳ"))
	if err != nil {
		t.Fatal(err)
	}
	if ret.Status != tiendo.ReportReturned || ret.ReturnComment != "Bổ sung số liệu cùng kỳ" {
		t.Errorf("returned report = %s %q", ret.Status, ret.ReturnComment)
	}
	if _, n, _ := f.s.Notifications(ctx, f.repA, 10); n != 1 {
		t.Errorf("unit a has %d unread notifications after the return, want 1", n)
	}
	rev, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rev, "Bản đã sửa", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rev); err != nil {
		t.Fatal(err)
	}
	if rev.Status != tiendo.ReportReturned {
		t.Errorf("a returned report being revised is %s, want still returned", rev.Status)
	}
	re, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, submit(rev.Version))
	if err != nil {
		t.Fatal(err)
	}
	if re.Late {
		t.Error("a report first submitted on time became late on resubmission")
	}
	acc, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportAccept, re.Version, ""))
	if err != nil || acc.Status != tiendo.ReportAccepted {
		t.Fatalf("accept: %v %v", acc, err)
	}
	revs, err := f.s.Revisions(ctx, f.repA, r.ID, f.a.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions = %d, %v; want 2", len(revs), err)
	}
	if revs[0].Report.Sections[0].ResultVsPlan != "Bản đầu" || revs[1].Report.Sections[0].ResultVsPlan != "Bản đã sửa" || revs[0].Late || !revs[1].Late {
		t.Errorf("revisions kept = %q (late %v), %q (late %v)", revs[0].Report.Sections[0].ResultVsPlan, revs[0].Late, revs[1].Report.Sections[0].ResultVsPlan, revs[1].Late)
	}
	if _, err := f.s.Revisions(ctx, f.repB, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unit b reads unit a's revisions: %v", err)
	}
	if _, n, _ := f.s.Notifications(ctx, f.office, 10); n != 2 {
		t.Errorf("office has %d unread notifications, want 2 (submitted, resubmitted)", n)
	}
}

func TestHeadApproval(t *testing.T) {
	f := newFixture(t)
	head := &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}
	if err := f.s.CreateUser(ctx, store.Actor{}, head, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Cần duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version)); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("reporter submits past the head: %v, want forbidden", err)
	}
	rv, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, ""))
	if err != nil || rv.Status != tiendo.ReportReview {
		t.Fatalf("send for review: %v %v", rv, err)
	}
	if _, n, _ := f.s.Notifications(ctx, head, 10); n != 1 {
		t.Errorf("the head has %d unread, want 1", n)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rv); code(err) != tiendo.ECONFLICT {
		t.Errorf("editing a report under review: %v, want conflict", err)
	}
	back, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, act(tiendo.ReportHeadReturn, rv.Version, "Viết rõ hơn"))
	if err != nil || back.Status != tiendo.ReportDraft {
		t.Fatalf("head returns: %v %v", back, err)
	}
	rv, _ = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, back.Version, ""))
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, submit(rv.Version))
	if err != nil || sub.Status != tiendo.ReportSubmitted {
		t.Fatalf("head approves: %v %v", sub, err)
	}
}

func TestLockAndReopen(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(-time.Hour))
	if err := f.s.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Muộn", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "khóa") {
		t.Errorf("save in a locked round: %v, want conflict saying it is locked", err)
	}
	if err := f.s.ReopenUnit(ctx, store.Actor{}, r.ID, f.a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Errorf("save after reopening for the unit: %v", err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil || !sub.Late {
		t.Errorf("late submission after reopening: %v, late=%v", err, sub != nil && sub.Late)
	}
	repB, _ := f.s.Report(ctx, f.repB, r.ID, f.b.ID)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repB, repB); code(err) != tiendo.ECONFLICT {
		t.Errorf("unit b, not reopened, saves: %v, want conflict", err)
	}
}

// A unit reopened while the round was still open is locked with the others
// when the round is locked: a reopening belongs to one lock.
func TestLockEndsAnEarlierReopening(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(-time.Hour))
	if err := f.s.ReopenUnit(ctx, store.Actor{}, r.ID, f.a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Muộn", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); code(err) != tiendo.ECONFLICT {
		t.Errorf("a unit reopened before the lock saves after it: %v, want conflict", err)
	}
}

// noErrors fails for each error errs gives, writing out the first three
// with what and counting the rest.
func noErrors(t *testing.T, what string, errs <-chan error) {
	t.Helper()
	failed := 0
	for err := range errs {
		if err != nil {
			if failed++; failed <= 3 {
				t.Errorf("%s: %v", what, err)
			}
		}
	}
	if failed > 3 {
		t.Errorf("and %d more", failed-3)
	}
}

// race runs eight calls of fn at once and returns how many succeeded; each
// of the others must be refused with a conflict.
func race(t *testing.T, what string, fn func(i int) error) (won int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { errs[i] = fn(i) })
	}
	wg.Wait()
	for _, err := range errs {
		switch code(err) {
		case "":
			won++
		case tiendo.ECONFLICT:
		default:
			t.Errorf("concurrent %s: %v", what, err)
		}
	}
	return won
}

// Several people submit the same version at once: exactly one submission
// wins, with one revision kept; the others are refused.
func TestConcurrentSubmit(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Đã triển khai.", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	won := race(t, "submit", func(int) error {
		_, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
		return err
	})
	revs, err := f.s.Revisions(ctx, f.repA, r.ID, f.a.ID)
	if won != 1 || err != nil || len(revs) != 1 {
		t.Errorf("%d concurrent submissions of version %d succeeded and %d revisions kept (%v), want 1 and 1", won, rep.Version, len(revs), err)
	}
}

// Two people save the same report at once: exactly one save wins; the other
// is refused, and nothing is overwritten silently.
func TestConcurrentSave(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	base, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	won := race(t, "save", func(i int) error {
		rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
		rep.Version = base.Version
		fill(rep, "Người thứ "+string(rune('A'+i)), float64(i))
		return f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
	})
	if won != 1 {
		t.Errorf("%d concurrent saves of version %d succeeded, want exactly 1", won, base.Version)
	}
	got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if got.Version != base.Version+1 {
		t.Errorf("version after the race = %d, want %d", got.Version, base.Version+1)
	}
}

// One person's autosaves of one report at once (two tabs, or the timer's
// and the page's last one as it is left): each replaces the one before.
// On PostgreSQL an autosave that deleted the row and then inserted its own
// failed on the primary key when another's insert committed in between.
func TestConcurrentAutosave(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	const workers, rounds = 8, 25
	errs := make(chan error, workers*rounds)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				errs <- f.s.SaveAutosave(ctx, f.repA, r.ID, f.a.ID, fmt.Sprintf(`{"t1":"bản %d.%d"}`, w, i))
			}
		})
	}
	wg.Wait()
	close(errs)
	noErrors(t, "an autosave beside others", errs)
	if body, _, err := f.s.Autosave(ctx, f.repA, r.ID, f.a.ID); err != nil || !strings.HasPrefix(body, `{"t1":"bản `) {
		t.Errorf("autosave after the race = %q, %v", body, err)
	}
}

func TestAutosaveAndContributions(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	if _, _, err := f.s.Autosave(ctx, f.repA, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("autosave before any: %v", err)
	}
	if err := f.s.SaveAutosave(ctx, f.repA, r.ID, f.a.ID, `{"t1":"đang gõ dở"}`); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveAutosave(ctx, f.repB, r.ID, f.a.ID, `{}`); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("unit b autosaves unit a's report: %v", err)
	}
	body, _, err := f.s.Autosave(ctx, f.repA, r.ID, f.a.ID)
	if err != nil || body != `{"t1":"đang gõ dở"}` {
		t.Errorf("autosave = %q, %v", body, err)
	}
	// Unit b supports task 1: it writes a contribution that unit a reads.
	repB, _ := f.s.Report(ctx, f.repB, r.ID, f.b.ID)
	if len(repB.Contributions) != 1 {
		t.Fatalf("unit b's contributions = %+v, want one for the task it supports", repB.Contributions)
	}
	repB.Contributions[0].Text = "Công an phối hợp rà soát hồ sơ."
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repB, repB); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Contributions(ctx, f.repA, r.ID, f.a.ID)
	if err != nil || len(got[r.Tasks[0].ID]) != 1 || got[r.Tasks[0].ID][0].UnitID != f.b.ID {
		t.Errorf("contributions to unit a's task = %+v, %v", got, err)
	}
	// A reader reads only what was sent: unit b's note is in its draft.
	reader := &tiendo.User{Role: tiendo.RoleReader}
	if got, err := f.s.Contributions(ctx, reader, r.ID, f.a.ID); err != nil || len(got) != 0 {
		t.Errorf("contributions a reader reads from an unsent report = %+v, %v; want none", got, err)
	}
	// Saving clears the autosave: it is no longer newer than the report.
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Autosave(ctx, f.repA, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("autosave after a save: %v, want none", err)
	}
}

func TestAttachments(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	a, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "../../bao cao\r\n.pdf", []byte("%PDF-1.4 ..."))
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "bao cao__.pdf" || a.ContentType != "application/pdf" {
		t.Errorf("attachment = %q %q", a.Name, a.ContentType)
	}
	if _, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "x.html", []byte("<script>")); code(err) != tiendo.EINVALID {
		t.Errorf("an .html attachment: %v, want invalid", err)
	}
	// A file whose content is not what its name says is refused: a
	// picture renamed .docx would reach the office as a Word file Word
	// cannot open.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for name, data := range map[string][]byte{"bang-so-lieu.docx": png, "so-lieu.xlsx": docxBytes(t), "bao-cao.pdf": png, "anh.jpg": png, "van-ban.doc": png, "bang.xls": png} {
		if _, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, name, data); code(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "nội dung không khớp") {
			t.Errorf("%s with other content: %v, want invalid, saying the content does not match", name, err)
		}
	}
	for name, data := range map[string][]byte{"bang-so-lieu.docx": docxBytes(t), "anh-chup.png": png,
		// What e-office systems save as .doc and .xls, which Word and Excel open.
		"cong-van.doc": []byte(`{\rtf1\ansi Công văn}`), "trang.doc": []byte("\xef\xbb\xbf<html><body>Báo cáo</body></html>"),
		"xuat-excel.xls": []byte("<table><tr><td>Xã A</td><td>12</td></tr></table>"), "bang-2003.xls": []byte(`<?xml version="1.0"?><Workbook/>`)} {
		if _, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, name, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := f.s.AddAttachment(ctx, store.Actor{}, f.repB, r.ID, f.a.ID, "x.pdf", []byte("x")); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("unit b attaches to unit a: %v", err)
	}
	if _, _, err := f.s.Attachment(ctx, f.repB, a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unit b reads unit a's attachment: %v", err)
	}
	got, data, err := f.s.Attachment(ctx, f.office, a.ID)
	if err != nil || string(data) != "%PDF-1.4 ..." || got.Size != int64(len(data)) {
		t.Errorf("office reads the attachment: %v %q %v", got, data, err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if len(rep.Attachments) != 7 || rep.Status != tiendo.ReportDraft {
		t.Errorf("report after attaching = %s with %d attachments", rep.Status, len(rep.Attachments))
	}
	for in, want := range map[string]string{"a/b/c.docx": "c.docx", `C:\Users\x\bảng.xlsx`: "bảng.xlsx", "...": "tep-dinh-kem", "a:b?.pdf": "a_b_.pdf"} {
		if got := store.SanitizeFileName(in); got != want {
			t.Errorf("SanitizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// Last year's value for the same period is prefilled from the matching
// round, task label and target position.
func TestSamePeriodPrefill(t *testing.T) {
	f := newFixture(t)
	mk := func(year int) *tiendo.Round {
		r := &tiendo.Round{Title: "Đợt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
			Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: year, Index: 1},
			Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "a", Comparator: tiendo.AtLeast, Value: 1}, {Text: "b", Comparator: tiendo.AtLeast, Value: 2}}}}}
		if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	last := mk(2025)
	rep, _ := f.s.Report(ctx, f.repA, last.ID, f.a.ID)
	v1, v2 := 11.5, 22.0
	rep.Sections[0].Actuals[0].Value, rep.Sections[0].Actuals[1].Value = &v1, &v2
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	now := mk(2026)
	got, err := f.s.Report(ctx, f.repA, now.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := got.Sections[0].Actuals
	if a[0].SamePeriod == nil || *a[0].SamePeriod != 11.5 || a[1].SamePeriod == nil || *a[1].SamePeriod != 22 {
		t.Errorf("prefilled same period = %v, %v; want 11.5, 22", a[0].SamePeriod, a[1].SamePeriod)
	}
}

// A save that sends only some sections changes only those, and leaves rep
// as the whole stored report.
func TestPartialSave(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Lần đầu", 50)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	partial := &tiendo.UnitReport{RoundID: r.ID, UnitID: f.a.ID, Version: rep.Version,
		Sections: []*tiendo.Section{{TaskID: r.Tasks[0].ID, Status: "behind", ResultVsPlan: "Lần hai"}}}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, partial); err != nil {
		t.Fatal(err)
	}
	if len(partial.Sections) != 1 || partial.Sections[0].ResultVsPlan != "Lần hai" || len(partial.Sections[0].Actuals) != 1 ||
		partial.Sections[0].Actuals[0].Value == nil || *partial.Sections[0].Actuals[0].Value != 50 {
		t.Errorf("returned report = %+v: want the whole report with the value kept", partial.Sections[0])
	}
	got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if got.Sections[0].ResultVsPlan != "Lần hai" || *got.Sections[0].Actuals[0].Value != 50 || got.Version != partial.Version {
		t.Errorf("stored = %+v, version %d", got.Sections[0], got.Version)
	}
}

// A report waits for the unit head only where there is one: sending it to
// a unit without an active head account is refused, and a reporter can take
// back what waits (the head's account disabled since), to edit it.
func TestReviewNeedsAHeadAndCanBeWithdrawn(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Cần duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, ""))
	if code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "chưa có tài khoản lãnh đạo đơn vị") {
		t.Fatalf("sending for review with no head: %v, want a conflict that names the missing head account", err)
	}
	if got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID); got.Status != tiendo.ReportDraft {
		t.Errorf("a refused send left the report %s", got.Status)
	}

	head := &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}
	if err := f.s.CreateUser(ctx, store.Actor{}, head, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	rv, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, ""))
	if err != nil || rv.Status != tiendo.ReportReview {
		t.Fatalf("send for review: %v %v", rv, err)
	}
	head.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, head); err != nil {
		t.Fatal(err)
	}
	back, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, act(tiendo.ReportWithdrawReview, rv.Version, ""))
	if err != nil || back.Status != tiendo.ReportDraft || back.ReturnComment != "" {
		t.Fatalf("withdraw: %+v %v, want a draft without a return reason", back, err)
	}
	back.Sections[0].ResultVsPlan = "Đã sửa sau khi rút lại"
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, back); err != nil {
		t.Errorf("editing the withdrawn report: %v", err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportWithdrawReview, back.Version, "")); code(err) != tiendo.ECONFLICT {
		t.Errorf("withdrawing a draft: %v, want conflict", err)
	}
	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "unit_report", EntityID: back.ID, Action: string(tiendo.ReportWithdrawReview)})
	if err != nil || len(entries) != 1 || entries[0].UserID != f.repA.ID {
		t.Errorf("audit of the withdrawal: %+v %v", entries, err)
	}

	// A report the office returned goes back to "returned", with the
	// office's reason the reporter was fixing it for.
	head.Disabled = false
	if err := f.s.UpdateUser(ctx, store.Actor{}, head); err != nil {
		t.Fatal(err)
	}
	cur, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	rv, _ = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, cur.Version, ""))
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, submit(rv.Version))
	if err != nil {
		t.Fatal(err)
	}
	ret, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu quý II"))
	if err != nil {
		t.Fatal(err)
	}
	rv, err = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, ret.Version, ""))
	if err != nil {
		t.Fatal(err)
	}
	back, err = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportWithdrawReview, rv.Version, ""))
	if err != nil || back.Status != tiendo.ReportReturned || back.ReturnComment != "Bổ sung số liệu quý II" {
		t.Errorf("withdrawing a report the office had returned: %+v %v, want it returned with the office's reason", back, err)
	}
}

// A reader (Huyện ủy, HĐND) reads what units sent, not their drafts: the
// report, its files and search all hold back a draft until it is submitted.
func TestReaderReadsOnlySentReports(t *testing.T) {
	f := newFixture(t)
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	if err := f.s.CreateUser(ctx, store.Actor{}, reader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Bản nháp chưa gửi về khoanh nuôi rừng", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	file, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "so-lieu.pdf", []byte("%PDF-1.4 số liệu nháp"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Report(ctx, reader, r.ID, f.a.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reader reads a draft: %v, want forbidden", err)
	}
	if _, _, err := f.s.Attachment(ctx, reader, file.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reader downloads a draft's file: %v, want forbidden", err)
	}
	found := func(u *tiendo.User) bool {
		res, err := f.s.Search(ctx, u, "khoanh nuoi rung", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res {
			if h.Kind == store.SearchSection {
				return true
			}
		}
		return false
	}
	if found(reader) {
		t.Errorf("search shows a reader a draft's text")
	}
	if !found(f.office) {
		t.Errorf("search does not show the office the draft's text; the test would prove nothing")
	}

	rep, _ = f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.Report(ctx, reader, r.ID, f.a.ID); err != nil || got.Status != tiendo.ReportSubmitted {
		t.Errorf("a reader reads a sent report: %v %v", got, err)
	}
	if _, _, err := f.s.Attachment(ctx, reader, file.ID); err != nil {
		t.Errorf("a reader downloads a sent report's file: %v", err)
	}
	if !found(reader) {
		t.Errorf("search does not show a reader a sent report's text")
	}
	// Returned for revision, the report is the unit's working copy again;
	// the file that went with the submission stays readable.
	rep, _ = f.s.Report(ctx, f.office, r.ID, f.a.ID)
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, rep.Version, "Bổ sung")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Report(ctx, reader, r.ID, f.a.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reader reads a report back with its unit: %v, want forbidden", err)
	}
	if _, _, err := f.s.Attachment(ctx, reader, file.ID); err != nil {
		t.Errorf("a reader downloads a file that went with the submission: %v", err)
	}
	// What was sent stays readable, as the refusal says, under its
	// submissions.
	if revs, err := f.s.Revisions(ctx, reader, r.ID, f.a.ID); err != nil || len(revs) != 1 {
		t.Errorf("a reader reads the submissions of a returned report: %d, %v; want the one sent", len(revs), err)
	}
}

// docxBytes is the smallest zip that is a Word document as far as an
// attachment's check goes: it holds word/document.xml.
func docxBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Several files attached at once to a report not yet begun (a form that
// uploads each file on its own request): each is attached, to one report.
// On PostgreSQL each read that there was no report and made one, and all
// but the first failed on the report's key.
func TestAttachAtOnceToANewReport(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, fmt.Sprintf("tep-%d.pdf", i), []byte("%PDF-1.4 "+fmt.Sprint(i)))
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Errorf("a file attached beside others: %v", err)
		}
	}
	if rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID); err != nil || len(rep.Attachments) != n {
		t.Errorf("the report lists %d files (%v), want %d", len(rep.Attachments), err, n)
	}
}

// A file attached while the report is being submitted either goes with the
// submission, and its revision lists it, or is refused: never attached to
// a report already sent, where the office would see a file the unit did
// not send. On PostgreSQL the attachment read the report a draft before
// the submission committed, and inserted its file after it.
func TestAttachBesideSubmit(t *testing.T) {
	f := newFixture(t)
	for i := range 10 {
		r := f.newRound(t, time.Now().Add(time.Hour))
		rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
		fill(rep, "Đã triển khai.", 1)
		if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var attachErr, submitErr error
		wg.Go(func() {
			_, attachErr = f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "muon.pdf", []byte("%PDF-1.4 muộn"))
		})
		wg.Go(func() {
			_, submitErr = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
		})
		wg.Wait()
		if submitErr != nil {
			t.Fatalf("round %d: submit: %v", i, submitErr)
		}
		if attachErr != nil && code(attachErr) != tiendo.ECONFLICT {
			t.Fatalf("round %d: attach: %v", i, attachErr)
		}
		got, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, err := f.s.Revisions(ctx, f.repA, r.ID, f.a.ID)
		if err != nil || len(revs) != 1 {
			t.Fatalf("round %d: %d revisions, %v", i, len(revs), err)
		}
		if len(got.Attachments) != len(revs[0].Report.Attachments) {
			t.Errorf("round %d: the submitted report lists %d files, its submission %d (attach: %v)", i, len(got.Attachments), len(revs[0].Report.Attachments), attachErr)
		}
	}
}
