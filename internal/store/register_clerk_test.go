package store_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// issueModel issues round r's document of kind, approved by leader, with a
// frozen model (the "json" file reportdoc keeps) of the given letter kind,
// "Kính gửi" and "Nơi nhận".
func issueModel(t *testing.T, f *fixture, leader *tiendo.User, kind tiendo.DocKind, letter bool, to, dist []string) int {
	t.Helper()
	r := f.newRound(t, time.Now().Add(24*time.Hour))
	version, in := approvedDoc(t, f, leader, r, kind, "Tiến độ quý I")
	model := map[string]any{"Kind": 0, "Recipients": to, "Distribution": dist, "Body": []any{map[string]any{"Kind": 0}}}
	if letter {
		model["Kind"] = 1
	}
	data, _ := json.Marshal(model)
	in.Render = func(int, time.Time) (map[string][]byte, error) {
		return map[string][]byte{"docx": []byte("docx"), "json": data}, nil
	}
	d, err := f.s.IssueDoc(ctx, store.Actor{}, f.office, r.ID, kind, version, in)
	if err != nil {
		t.Fatal(err)
	}
	return d.Number
}

// The register keeps where an issued document went, as its "Kính gửi" and
// "Nơi nhận" list it (but "Như trên" and the file copy), who keeps the file
// copy from its "Lưu:" line, and counts one copy for each; a line issued
// before the register kept them is read from the frozen model once.
func TestRegisterDelivery(t *testing.T) {
	dsn := storetest.DSN(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := fixtureOn(t, s)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	issueModel(t, f, leader, tiendo.DocReport, false, nil,
		[]string{"UBND tỉnh Lạng Sơn (b/c)", "TT HĐND huyện;", "- CT, các PCT UBND huyện", "Lưu: VT, VP."})
	issueModel(t, f, leader, tiendo.DocDirective, true, []string{"Phòng Nội vụ", "Công an huyện"},
		[]string{"Như trên", "CT, các PCT UBND huyện"}) // no "Lưu": the files print "Lưu: VT"

	// Kept as issued, before anyone reads the register.
	db, rebind := rawDB(t, dsn)
	var kept string
	if err := db.QueryRow(`SELECT recipients || '|' || file_copy FROM register WHERE number = 1 AND delivery_read`).Scan(&kept); err != nil ||
		kept != "UBND tỉnh Lạng Sơn (b/c)\nTT HĐND huyện\nCT, các PCT UBND huyện|VT, VP" {
		t.Errorf("the report's delivery as issued: %q, %v", kept, err)
	}

	type got struct {
		Number     int
		Recipients []string
		File       string
		Copies     int
	}
	read := func() []got {
		t.Helper()
		lines, err := f.s.OutgoingRegister(ctx, f.office, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []got
		for _, l := range lines {
			out = append(out, got{l.Number, l.Recipients, l.FileCopy, l.CopyCount()})
		}
		return out
	}
	want := []got{
		{2, []string{"Phòng Nội vụ", "Công an huyện", "CT, các PCT UBND huyện"}, "VT", 4},
		{1, []string{"UBND tỉnh Lạng Sơn (b/c)", "TT HĐND huyện", "CT, các PCT UBND huyện"}, "VT, VP", 5},
	}
	if g := read(); !slices.EqualFunc(g, want, func(a, b got) bool {
		return a.Number == b.Number && slices.Equal(a.Recipients, b.Recipients) && a.File == b.File && a.Copies == b.Copies
	}) {
		t.Errorf("the register's delivery =\n%+v\nwant\n%+v", g, want)
	}

	// Lines issued before the register kept their delivery: read from
	// the model, and kept.
	if _, err := db.Exec(rebind(`UPDATE register SET recipients = '', file_copy = '', delivery_read = FALSE`)); err != nil {
		t.Fatal(err)
	}
	if g := read(); len(g) != 2 || !slices.Equal(g[1].Recipients, want[1].Recipients) || g[1].File != "VT, VP" || g[0].Copies != 4 {
		t.Errorf("the earlier lines, read again from their models: %+v", g)
	}
	var unread int
	if err := db.QueryRow(`SELECT COUNT(*) FROM register WHERE NOT delivery_read OR file_copy = ''`).Scan(&unread); err != nil || unread != 0 {
		t.Errorf("%d lines not kept after reading them from their models (%v)", unread, err)
	}
}

// The records clerk writes the copies, the receipt and a note into a line
// of the register: only the office; each change audited with what was
// there before, and who and when shown on the line; a number of copies
// that is not one, or a note too long, is refused and nothing written.
func TestRegisterNote(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{leader, reader} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	issueModel(t, f, leader, tiendo.DocReport, false, nil, []string{"TT HĐND huyện", "Lưu: VT"})
	line := func() store.RegisterLine {
		t.Helper()
		lines, err := f.s.OutgoingRegister(ctx, reader, 0)
		if err != nil || len(lines) != 1 {
			t.Fatalf("register: %v, %v", lines, err)
		}
		return lines[0]
	}
	id := line().ID
	at := time.Date(2026, 3, 4, 9, 30, 0, 0, tiendo.Zone)
	f.s.Now = func() time.Time { return at }

	v := line().Version()
	for _, u := range []*tiendo.User{leader, reader, f.repA, nil} {
		if err := f.s.SetRegisterNote(ctx, store.Actor{}, u, id, v, store.RegisterNote{Note: "x"}); code(err) != tiendo.EFORBIDDEN {
			t.Errorf("%v writes in the register: %v, want forbidden", u, err)
		}
	}
	for _, bad := range []store.RegisterNote{{Copies: -1}, {Copies: 10000}, {Note: strings.Repeat("a", 2001)}, {Receipt: strings.Repeat("a", 501)}} {
		if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, v, bad); code(err) != tiendo.EINVALID {
			t.Errorf("SetRegisterNote(%.30v): %v, want invalid", bad, err)
		}
	}
	if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id+1000, v, store.RegisterNote{Note: "x"}); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a line that is not: %v, want not found", err)
	}
	if l := line(); l.Note != "" || l.Copies != 0 || !l.NoteAt.IsZero() {
		t.Fatalf("a refused note was written: %+v", l)
	}

	n := store.RegisterNote{Copies: 6, Receipt: "  Đã nhận qua   hệ thống  ", Note: "Gửi thêm bản giấy\r\nđến TT HĐND huyện "}
	if err := f.s.SetRegisterNote(ctx, store.Actor{UserID: f.office.ID}, f.office, id, v, n); err != nil {
		t.Fatal(err)
	}
	l := line()
	if l.Copies != 6 || l.CopyCount() != 6 || l.Receipt != "Đã nhận qua hệ thống" || l.Note != "Gửi thêm bản giấy\nđến TT HĐND huyện" ||
		l.NoteBy != "Văn phòng" || !l.NoteAt.Equal(at) {
		t.Errorf("the line after the note: %+v", l)
	}
	// The document's own columns are untouched.
	if l.Subject != "Tiến độ quý I" || l.Number != 1 || !slices.Equal(l.Recipients, []string{"TT HĐND huyện"}) {
		t.Errorf("the note changed the document's line: %+v", l)
	}
	audit, err := f.s.AuditLog(ctx, "register", 10)
	if err != nil || len(audit) != 1 || audit[0].EntityID != id || audit[0].UserID != f.office.ID ||
		!strings.Contains(audit[0].Before, `"note":""`) || !strings.Contains(audit[0].After, `"copies":6`) || !strings.Contains(audit[0].After, "Gửi thêm bản giấy") {
		t.Errorf("the audit of the note: %+v (%v)", audit, err)
	}
	// The same again writes nothing; clearing the copies counts them again.
	if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, l.Version(), n); err != nil {
		t.Fatal(err)
	}
	if audit, _ := f.s.AuditLog(ctx, "register", 10); len(audit) != 1 {
		t.Errorf("the same note audited again: %d rows", len(audit))
	}
	n.Copies = 0
	if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, l.Version(), n); err != nil {
		t.Fatal(err)
	}
	if l := line(); l.CopyCount() != 2 { // TT HĐND huyện, and VT
		t.Errorf("copies counted again = %d, want 2", l.CopyCount())
	}
}

// Two clerks write in one line from the same view of it: the first is
// written; the second is refused with a conflict that says who wrote the
// line and when, and nothing of it is written, until it is sent again
// over the line as it is now. Writing what the line holds already is no
// conflict; a form that names no view of the line is refused. At once,
// exactly one of several clerks writing from the same view wins.
func TestRegisterNoteConflict(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	clerk := &tiendo.User{Username: "vanthu2", FullName: "Trần Thị Thư", Role: tiendo.RoleOffice}
	if err := f.s.CreateUser(ctx, store.Actor{}, clerk, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	issueModel(t, f, leader, tiendo.DocReport, false, nil, []string{"TT HĐND huyện", "Lưu: VT"})
	line := func() store.RegisterLine {
		t.Helper()
		lines, err := f.s.OutgoingRegister(ctx, f.office, 0)
		if err != nil || len(lines) != 1 {
			t.Fatalf("register: %v, %v", lines, err)
		}
		return lines[0]
	}
	audited := func() int {
		t.Helper()
		audit, err := f.s.AuditLog(ctx, "register", 100)
		if err != nil {
			t.Fatal(err)
		}
		return len(audit)
	}
	start := line()
	id, seen := start.ID, start.Version()
	at := time.Date(2026, 3, 4, 9, 30, 0, 0, tiendo.Zone)
	f.s.Now = func() time.Time { return at }

	first := store.RegisterNote{Receipt: "Đ/c Lan đã nhận", Note: "Gửi bản giấy ngày 05/3"}
	if err := f.s.SetRegisterNote(ctx, store.Actor{UserID: clerk.ID}, clerk, id, seen, first); err != nil {
		t.Fatal(err)
	}
	second := store.RegisterNote{Copies: 3, Note: "Đã gọi điện nhắc TT HĐND"}
	err := f.s.SetRegisterNote(ctx, store.Actor{UserID: f.office.ID}, f.office, id, seen, second)
	var e *tiendo.Error
	if !errors.As(err, &e) || e.Code != tiendo.ECONFLICT ||
		!strings.Contains(e.Message, "Dòng 01/BC-UBND") || !strings.Contains(e.Message, "Trần Thị Thư ghi lúc 09:30 04/03/2026") ||
		!strings.Contains(e.Message, "chưa được lưu") {
		t.Fatalf("the second clerk, from the same view: %v, want a conflict naming who wrote the line and when", err)
	}
	now := line()
	if now.RegisterNote != first || now.NoteBy != "Trần Thị Thư" || audited() != 1 {
		t.Errorf("after the conflict the line holds %+v by %q with %d audit rows; want the first clerk's note alone", now.RegisterNote, now.NoteBy, audited())
	}
	if e.Fields["version"] != now.Version() || now.Version() == seen {
		t.Errorf("the conflict's version %q, the line's now %q, the one seen %q", e.Fields["version"], now.Version(), seen)
	}
	// What the line holds already: nothing to write, nothing lost.
	if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, seen, first); err != nil || audited() != 1 {
		t.Errorf("writing what the line holds, from an earlier view: %v, %d audit rows", err, audited())
	}
	// A form that names no view of the line.
	if err := f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, "", second); code(err) != tiendo.ECONFLICT {
		t.Errorf("a write that names no view: %v, want a conflict", err)
	}
	// Sent again over the line as it is now: written.
	if err := f.s.SetRegisterNote(ctx, store.Actor{UserID: f.office.ID}, f.office, id, now.Version(), second); err != nil {
		t.Fatal(err)
	}
	if l := line(); l.RegisterNote != second || l.NoteBy != "Văn phòng" || audited() != 2 {
		t.Errorf("sent again over the line now: %+v by %q, %d audit rows", l.RegisterNote, l.NoteBy, audited())
	}

	// Eight clerks at once, from the same view.
	seen = line().Version()
	won := race(t, "register note", func(i int) error {
		return f.s.SetRegisterNote(ctx, store.Actor{}, f.office, id, seen, store.RegisterNote{Note: fmt.Sprintf("Văn thư thứ %d", i)})
	})
	l := line()
	if won != 1 || !strings.HasPrefix(l.Note, "Văn thư thứ ") || audited() != 3 {
		t.Errorf("%d of 8 concurrent writes from one view won; the line holds %q with %d audit rows, want 1 and 3", won, l.Note, audited())
	}
}
