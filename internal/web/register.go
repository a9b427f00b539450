package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// The outgoing register (sổ văn bản đi): every document the office has
// issued — consolidated reports and the công văn that assign a round's
// tasks — newest first, a year at a time, with links to the frozen files.

// registerPath is the register's page.
const registerPath = "/register"

// registerInMenu are the roles whose menu carries the outgoing register:
// those who draft, sign and receive the documents. The administrator may
// open it too (it reads every report), but its menu is the system's, and
// full on a laptop's screen.
var registerInMenu = []tiendo.Role{tiendo.RoleOffice, tiendo.RoleLeader, tiendo.RoleReader}

// worksWithRegister reports whether u's menu and home page offer the
// outgoing register.
func worksWithRegister(u *tiendo.User) bool {
	return slices.Contains(registerInMenu, u.Role) && tiendo.ScopeOf(u, tiendo.ActionReadReport) == tiendo.ScopeAll
}

// Menu is the main navigation: basePage's items, with the outgoing register
// after the rounds for the roles that work with it.
func (p page) Menu() []navItem {
	if p.User == nil || !worksWithRegister(p.User) {
		return p.Nav
	}
	item := navItem{Href: registerPath, Label: "Sổ văn bản đi", Current: p.Path == registerPath}
	out := make([]navItem, 0, len(p.Nav)+1)
	for _, n := range p.Nav {
		out = append(out, n)
		if n.Href == "/rounds" {
			out = append(out, item)
		}
	}
	if len(out) == len(p.Nav) {
		out = append(out, item)
	}
	return out
}

type registerPage struct {
	page
	Year  int   // the year shown; 0 for every year
	Years []int // the years the register has documents in, and this year
	Lines []registerLine
	// Clerk is whether the user keeps the register: writes in the copies,
	// the receipt and the note of a line (the office's văn thư).
	Clerk bool
	Saved int64 // the line just written in, to say so beside it
	// A refused line: its ID, the reason and the fields' reasons, and the
	// form as typed, which the line's form shows again.
	Failed int64
	Error  string
	Fields map[string]string
	Form   registerForm
	// Theirs is, for a form refused because the line changed after it was
	// shown (another clerk wrote in it), what the line holds now where it
	// differs from what was typed, by field: the form keeps what was
	// typed, and shows this under each field to compare.
	Theirs map[string]*registerHeld
}

// registerForm is a line's clerk form as typed, and the version of the
// line it writes over (store.RegisterNote.Version): the one it was shown
// with, or after a conflict the one shown beside it.
type registerForm struct{ Copies, Receipt, Note, Version string }

// registerLine is a line of the register with what the page links to.
type registerLine struct {
	store.RegisterLine
	KindLabel string // "Báo cáo", "Công văn"
	Page      string // the document's page in its round
	Files     []registerFile
}

// TypeAndSubject is the register's "Tên loại và trích yếu nội dung":
// "Công văn V/v …", "Báo cáo: Kết quả …", or the subject alone when it
// starts with its type ("Báo cáo kết quả …").
func (l registerLine) TypeAndSubject() string {
	switch {
	case l.KindLabel == "" || strings.HasPrefix(strings.ToLower(l.Subject), strings.ToLower(l.KindLabel)):
		return l.Subject
	case strings.HasPrefix(l.Subject, "V/v "):
		return l.KindLabel + " " + l.Subject
	}
	return l.KindLabel + ": " + l.Subject
}

// Counted is the number of copies tiendo counts for the line, which an
// empty "Số lượng bản" stands for: one a recipient and one a file copy.
func (l registerLine) Counted() int {
	c := l.RegisterLine
	c.Copies = 0
	return c.CopyCount()
}

// CopiesText is the line's "Số lượng bản" as its form shows it: the
// clerk's number, or empty when tiendo counts them.
func (l registerLine) CopiesText() string {
	if l.Copies == 0 {
		return ""
	}
	return strconv.Itoa(l.Copies)
}

type registerFile struct{ Label, Href string }

// docTypes names a register's document types (Decree 30's abbreviations)
// as the register's "Loại" column does.
var docTypes = map[string]string{"BC": "Báo cáo", "CV": "Công văn", "KH": "Kế hoạch", "QĐ": "Quyết định", "TB": "Thông báo"}

func newRegisterLine(l store.RegisterLine) registerLine {
	out := registerLine{RegisterLine: l, KindLabel: docTypes[l.DocType]}
	// A công văn's trích yếu is its "V/v" line.
	if l.DocType == "CV" && !strings.HasPrefix(strings.ToLower(l.Subject), "v/v") {
		out.Subject = "V/v " + l.Subject
	}
	if out.KindLabel == "" {
		out.KindLabel = l.DocType
	}
	if l.RoundID == 0 {
		return out
	}
	base := fmt.Sprintf("/rounds/%d/", l.RoundID)
	switch l.Kind {
	case tiendo.DocReport:
		out.Page = base + "consolidated"
		out.Files = []registerFile{{"DOCX", base + "consolidated/file/docx"}, {"PDF", base + "consolidated/file/pdf"}, {"Bản in", base + "consolidated/print"}}
	case tiendo.DocDirective:
		out.Page = base + "directive"
		out.Files = []registerFile{{"DOCX", base + "directive/file/docx"}, {"PDF", base + "directive/file/pdf"}}
	}
	return out
}

// handleRegister lists the outgoing register of a year: ?year=2026, or
// ?year=all for every year; this year by default.
func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request) error {
	year, err := s.registerYear(r.URL.Query().Get("year"), true)
	if err != nil {
		return err
	}
	p, err := s.registerPage(r, year)
	if err != nil {
		return err
	}
	p.Saved, _ = strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64)
	return s.render(w, http.StatusOK, "register", p)
}

// registerYear reads the register's year: a year, "all" (0) when all is
// allowed, this year when empty.
func (s *Server) registerYear(y string, all bool) (int, error) {
	switch y = strings.TrimSpace(y); {
	case y == "":
		return s.store.Clock().In(tiendo.Zone).Year(), nil
	case y == "all" && all:
		return 0, nil
	case y == "all":
		return 0, tiendo.Errorf(tiendo.EINVALID, "Sổ văn bản đi được tải theo từng năm, vì số văn bản chạy lại từ 01 mỗi năm; hãy chọn một năm.")
	}
	n, err := strconv.Atoi(y)
	if err != nil || n < 1900 || n > 9999 {
		return 0, tiendo.Errorf(tiendo.EINVALID, "Năm %q không hợp lệ; hãy chọn một năm trong danh sách.", y)
	}
	return n, nil
}

// registerPage reads the register of year (0: every year) for the page.
func (s *Server) registerPage(r *http.Request, year int) (registerPage, error) {
	u := userFrom(r.Context())
	p := registerPage{page: s.basePage(r, "Sổ văn bản đi"), Year: year, Clerk: tiendo.Allowed(u, tiendo.ActionConsolidate, 0)}
	years, err := s.store.RegisterYears(r.Context(), u)
	if err != nil {
		return p, err
	}
	if this := s.store.Clock().In(tiendo.Zone).Year(); !slices.Contains(years, this) {
		years = append([]int{this}, years...)
	}
	if p.Year != 0 && !slices.Contains(years, p.Year) {
		years = append(years, p.Year)
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	p.Years = years
	lines, err := s.store.OutgoingRegister(r.Context(), u, p.Year)
	if err != nil {
		return p, err
	}
	for _, l := range lines {
		p.Lines = append(p.Lines, newRegisterLine(l))
	}
	return p, nil
}

// handleRegisterNote writes the clerk's columns of a register line — the
// number of copies, the receipt, the note — and goes back to the line. An
// issued document never changes; its register line's columns the clerk
// keeps may, each change audited (store.SetRegisterNote). A refused form
// comes back on the page as typed, with the reason beside the field; one
// refused because another clerk wrote in the line after the form was
// shown comes back as typed too (409), with what the line holds now under
// each field, and the line's version now, so that sending it again, once
// compared, writes it.
func (s *Server) handleRegisterNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	year, err := s.registerYear(r.PostFormValue("year"), true)
	if err != nil {
		return err
	}
	form := registerForm{Copies: strings.TrimSpace(r.PostFormValue("copies")), Receipt: r.PostFormValue("receipt"), Note: r.PostFormValue("note"),
		Version: r.PostFormValue("version")}
	note := store.RegisterNote{Receipt: form.Receipt, Note: form.Note}
	if form.Copies != "" {
		if note.Copies, err = strconv.Atoi(form.Copies); err != nil || note.Copies < 1 {
			note.Copies = -1 // refused by the store, with its message
		}
	}
	err = s.store.SetRegisterNote(r.Context(), actor(r), userFrom(r.Context()), id, form.Version, note)
	if err == nil {
		y := "all"
		if year != 0 {
			y = strconv.Itoa(year)
		}
		http.Redirect(w, r, fmt.Sprintf("%s?year=%s&saved=%d#dong-%d", registerPath, y, id, id), http.StatusSeeOther)
		return nil
	}
	e, ok := err.(*tiendo.Error)
	if !ok || e.Code != tiendo.EINVALID && e.Code != tiendo.ECONFLICT {
		return err
	}
	p, err := s.registerPage(r, year)
	if err != nil {
		return err
	}
	p.Failed, p.Error, p.Form = id, e.Message, form
	if e.Code == tiendo.EINVALID {
		p.Fields = e.Fields
		return s.render(w, http.StatusUnprocessableEntity, "register", p)
	}
	p.Form.Version = e.Fields["version"]
	if i := slices.IndexFunc(p.Lines, func(l registerLine) bool { return l.ID == id }); i >= 0 {
		// The line as the page shows it, read after the conflict.
		now := p.Lines[i]
		p.Form.Version, p.Theirs = now.Version(), now.differences(form)
	}
	return s.render(w, http.StatusConflict, "register", p)
}

// differences is what line l holds where it differs from form, by field.
func (l registerLine) differences(form registerForm) map[string]*registerHeld {
	out := map[string]*registerHeld{}
	if l.CopiesText() != form.Copies {
		out["copies"] = &registerHeld{Text: l.CopiesText(), Counted: l.Counted()}
	}
	if l.Receipt != strings.Join(strings.Fields(form.Receipt), " ") {
		out["receipt"] = &registerHeld{Text: l.Receipt}
	}
	if l.Note != strings.TrimSpace(strings.ReplaceAll(form.Note, "\r\n", "\n")) {
		out["note"] = &registerHeld{Text: l.Note}
	}
	return out
}

// registerHeld is what a field of a register line holds now: its text,
// "" when empty; for the copies, then, the number tiendo counts.
type registerHeld struct {
	Text    string
	Counted int
}
