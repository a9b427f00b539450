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
}

// registerLine is a line of the register with what the page links to.
type registerLine struct {
	store.RegisterLine
	KindLabel string // "Báo cáo", "Công văn"
	Page      string // the document's page in its round
	Files     []registerFile
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
	u := userFrom(r.Context())
	p := registerPage{page: s.basePage(r, "Sổ văn bản đi"), Year: s.store.Clock().In(tiendo.Zone).Year()}
	switch y := strings.TrimSpace(r.URL.Query().Get("year")); y {
	case "":
	case "all":
		p.Year = 0
	default:
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			return tiendo.Errorf(tiendo.EINVALID, "Năm %q không hợp lệ; hãy chọn một năm trong danh sách.", y)
		}
		p.Year = n
	}
	years, err := s.store.RegisterYears(r.Context(), u)
	if err != nil {
		return err
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
		return err
	}
	for _, l := range lines {
		p.Lines = append(p.Lines, newRegisterLine(l))
	}
	return s.render(w, http.StatusOK, "register", p)
}
