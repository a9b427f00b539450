package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

//go:embed templates
var templateFS embed.FS

// page is what every page's data carries: the layout reads it.
type page struct {
	Title  string
	User   *tiendo.User
	Nav    []navItem
	Path   string
	Unread int // unread notifications, for the bell
}

type navItem struct {
	Href, Label string
	Current     bool
}

// adminPages are the system's own pages. The administrator's menu holds
// them under "Quản trị", so that it fits an office laptop's 1366 px with
// the search, the bell, the name and "Đăng xuất"; another role's menu has
// one or two of them (the office's "Thư gửi đi") and keeps them in line.
var adminPages = []string{"/admin/units", "/admin/cutoff", issuerPath, "/outbox", "/admin/users", "/admin/audit"}

// groupsAdmin reports whether p's menu groups the system's pages.
func (p page) groupsAdmin() bool {
	return p.User != nil && tiendo.Allowed(p.User, tiendo.ActionManageUsers, 0)
}

// MainMenu is Menu without the pages AdminMenu groups.
func (p page) MainMenu() []navItem {
	if !p.groupsAdmin() {
		return p.Menu()
	}
	var out []navItem
	for _, n := range p.Menu() {
		if !slices.Contains(adminPages, n.Href) {
			out = append(out, n)
		}
	}
	return out
}

// AdminMenu is the system's pages of the menu, grouped under "Quản trị";
// none for a role whose menu does not group them.
func (p page) AdminMenu() []navItem {
	if !p.groupsAdmin() {
		return nil
	}
	var out []navItem
	for _, n := range p.Menu() {
		if slices.Contains(adminPages, n.Href) {
			out = append(out, n)
		}
	}
	return out
}

// AdminCurrent reports whether the page shown is one of AdminMenu's.
func (p page) AdminCurrent() bool {
	return slices.ContainsFunc(p.AdminMenu(), func(n navItem) bool { return n.Current })
}

// basePage fills the layout's data for the request.
func (s *Server) basePage(r *http.Request, title string) page {
	u := userFrom(r.Context())
	p := page{Title: title, User: u, Path: r.URL.Path}
	if u == nil {
		return p
	}
	p.Unread, _ = s.store.UnreadCount(r.Context(), u) // the bell is not worth failing a page for
	add := func(href, label string) {
		cur := r.URL.Path == href || (href != "/" && href != "/rounds" && strings.HasPrefix(r.URL.Path, href+"/")) ||
			(href == "/rounds" && strings.HasPrefix(r.URL.Path, "/rounds/") && r.URL.Path != "/rounds/new")
		p.Nav = append(p.Nav, navItem{href, label, cur})
	}
	if u.Role.UnitScoped() {
		add("/", "Việc của tôi")
	} else {
		add("/", "Trang chủ")
	}
	if tiendo.Allowed(u, tiendo.ActionReadRounds, 0) {
		add("/rounds", "Đợt báo cáo")
	}
	if tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		add("/rounds/new", "Tạo đợt từ văn bản")
	}
	if tiendo.Allowed(u, tiendo.ActionManageUnits, 0) {
		add("/admin/units", "Đơn vị")
		add("/admin/cutoff", "Chốt số liệu")
		add(issuerPath, "Cơ quan")
	}
	if tiendo.Allowed(u, tiendo.ActionManageMail, 0) {
		add("/outbox", "Thư gửi đi")
	}
	add("/account", "Tài khoản")
	if tiendo.Allowed(u, tiendo.ActionManageUsers, 0) {
		add("/admin/users", "Người dùng")
		add("/admin/audit", "Nhật ký")
	}
	return p
}

func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"textarea":  textarea,
		"asset":     s.assets.url,
		"date":      formatDate,
		"datetime":  formatDateTime,
		"deadline":  formatDeadline,
		"countdown": func(deadline time.Time) string { return countdown(s.store.Clock(), deadline) },
		"overdue":   func(deadline time.Time) bool { return !s.store.Clock().Before(deadline) },
		"percent":   percent,
		"inc":       func(n int) int { return n + 1 },
		"ended":     endsSentence,
		"indent":    func(n int) string { return strings.Repeat("\u00a0\u00a0\u00a0", n) },
		"pct":       pctText,
		"ratio":     watch.RatioText,
		"ratioBase": consolidate.RatioBase,
		"capital":   vi.Capitalize,
		// nbsp keeps a short label on one line in a narrow column: "12 (2)".
		"nbsp":      func(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") },
		"abbr":      cellAbbr,
		"cells":     cellsHTML,
		"slotLabel": slotLabel,
		"period":    periodLabel,
		"paras":     paragraphs,
		"rows":      func(text string) int { return min(30, max(4, len(text)/90+strings.Count(text, "\n")+1)) },
		"list":      func(xs ...string) []string { return xs },
		"join":      strings.Join,
		"cmpLabel":  comparatorLabel,
		"goal":      goalLabel,
		"codes":     codesOf,
		"num":       func(f *float64) string { return vi.FormatNumber(*f, -1) },
		"num1":      func(f *float64) string { return vi.FormatNumber(*f, 1) },
		"projected": projectedText,
		"num2":      func(f float64) string { return vi.FormatNumber(f, -1) },
		"unitOf":    unitSuffix,
		"kb":        func(n int64) string { return vi.FormatNumber(float64(n)/1024, 0) + " KB" },
		"sectionStatus": func(v string) string {
			for _, s := range tiendo.SectionStatuses {
				if s.Value == v {
					return s.Label
				}
			}
			return "chưa chọn"
		},
		"unitName": func(units map[int64]*tiendo.Unit, id int64) string { return unitName(units, id) },
		// ferr pairs a field's id with its message, if any (a key missing
		// from the page's Fields comes as nil).
		"ferr":   func(id string, msg any) fieldError { m, _ := msg.(string); return fieldError{id, m} },
		"failed": failed,
		// describedby joins the ids of what describes a field, leaving out
		// the empty ones: "g3.same-err g3.same-theirs".
		// The arguments are "" or nil, from "and", when they do not apply.
		"describedby": func(ids ...any) string {
			var out []string
			for _, id := range ids {
				if s, _ := id.(string); s != "" {
					out = append(out, s)
				}
			}
			return strings.Join(out, " ")
		},
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(strings.TrimPrefix(name, "templates/pages/"), ".html")] = t
	}
	return pages, nil
}

// render executes page name with data into a buffer and only then writes it,
// so a template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// fieldError is a field's message for the "fielderror" template: it is
// written with the id ID+"-err", which the field names in its
// aria-describedby (see errID).
type fieldError struct{ ID, Message string }

// failed reports whether a page's data says a step was refused: an Error,
// or fields marked (Fields), on the page or on one of its own forms (a
// struct of this package in one of its fields, as the round page's
// NudgeForm). The layout then starts the title with "Lỗi: ", the first
// thing a screen reader says of the page that comes back.
func failed(data any) bool {
	return failedIn(reflect.ValueOf(data), true)
}

func failedIn(v reflect.Value, deep bool) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return false
	}
	if e := v.FieldByName("Error"); e.IsValid() && e.Kind() == reflect.String && e.String() != "" {
		return true
	}
	if f := v.FieldByName("Fields"); f.IsValid() && f.Kind() == reflect.Map && f.Len() > 0 {
		return true
	}
	if !deep {
		return false
	}
	pkg := reflect.TypeFor[fieldError]().PkgPath()
	for i := range v.NumField() {
		sf := v.Type().Field(i)
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		t := sf.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct && t.PkgPath() == pkg && failedIn(v.Field(i), false) {
			return true
		}
	}
	return false
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(tiendo.Zone).Format("02/01/2006")
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(tiendo.Zone).Format("15:04 02/01/2006")
}

// formatDeadline writes a round's deadline (tiendo.DeadlineText), or
// "chưa có" when it has none. remind.FormatDeadline says the same for
// reminders, but writes months the way Decree 30 does ("07/6/2026"), which
// the pages do not.
func formatDeadline(t time.Time) string {
	if t.IsZero() {
		return "chưa có"
	}
	return tiendo.DeadlineText(t)
}

// countdown says how far a deadline is, the way an office says it: "còn 2
// ngày", "hạn cuối hôm nay", "quá hạn 1 ngày". Days are calendar days in the
// issuers' zone; a "trước ngày D" deadline is the start of D, so the last
// day to submit is D-1.
func countdown(now, deadline time.Time) string {
	now, deadline = now.In(tiendo.Zone), deadline.In(tiendo.Zone)
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, tiendo.Zone) }
	if now.Before(deadline) {
		last := deadline.Add(-time.Nanosecond) // the last instant still on time
		days := int(day(last).Sub(day(now)).Hours()+1) / 24
		if days == 0 {
			return "hạn cuối hôm nay"
		}
		return fmt.Sprintf("còn %d ngày", days)
	}
	days := int(day(now).Sub(day(deadline.Add(-time.Nanosecond))).Hours()+1) / 24
	if days <= 0 {
		days = 1
	}
	return fmt.Sprintf("quá hạn %d ngày", days)
}

// pctText writes a percentage as the pages do: "41,7%".
func pctText(f float64) string { return vi.FormatNumber(f, 1) + "%" }

func percent(n, of int) string {
	if of == 0 {
		return "0%"
	}
	// Rounded to a tenth, as the round page writes its rates (5 of 12 is
	// 41,7%, not 41%).
	return pctText(float64(n) * 100 / float64(of))
}

// projectedText writes a target's value projected to the period's end:
// whole for things that come whole (watch projects them whole), else with one
// decimal, cut rather than rounded when the projection falls short, so that
// 2.96 % against 3 % reads "2,9%", not a "3,0%" said to be at risk.
func projectedText(tg *tiendo.Target, p *float64, atRisk bool) string {
	switch {
	case tg.Whole():
		return vi.FormatNumber(*p, 0)
	case atRisk:
		return vi.FormatNumber(math.Floor(*p*10)/10, 1)
	}
	return vi.FormatNumber(*p, 1)
}

func unitName(units map[int64]*tiendo.Unit, id int64) string {
	if u, ok := units[id]; ok {
		if u.ShortName != "" {
			return u.ShortName
		}
		return u.Name
	}
	return fmt.Sprintf("Đơn vị #%d", id)
}

// comparatorLabel says a comparator the way a directive does.
func comparatorLabel(c string) string {
	switch c {
	case ">=":
		return "≥ trở lên"
	case ">":
		return "> trên"
	case "<=":
		return "≤ không quá"
	case "<":
		return "< dưới"
	case "=":
		return "= đạt"
	}
	return c
}

// goalLabel says a target's goal in a few words, as a directive writes it:
// "từ 70% trở lên", "không quá 5%", "giảm từ 3% trở lên". comparatorLabel
// is for the choice of a comparator, where its sign leads.
func goalLabel(t *tiendo.Target) string {
	if t == nil {
		return ""
	}
	n := vi.FormatNumber(t.Value, -1) + unitSuffix(t.Unit)
	var s string
	switch t.Comparator {
	case tiendo.AtLeast:
		s = "từ " + n + " trở lên"
	case tiendo.MoreThan:
		s = "trên " + n
	case tiendo.AtMost:
		s = "không quá " + n
	case tiendo.LessThan:
		s = "dưới " + n
	default:
		s = n
	}
	switch t.Direction {
	case "decrease":
		return "giảm " + s
	case "increase":
		return "tăng " + s
	}
	if t.Comparator == tiendo.Equal || t.Comparator == "" {
		return "đạt " + s
	}
	return s
}

// cellAbbr is the short mark a matrix cell shows for a state.
func cellAbbr(state watch.CellState) string {
	switch state {
	case watch.CellMissing:
		return "—"
	case watch.CellDraft:
		return "Soạn"
	case watch.CellOnTime:
		return "Đúng"
	case watch.CellLate:
		return "Muộn"
	case watch.CellReturned:
		return "Trả"
	case watch.CellAccepted:
		return "Nhận"
	}
	return ""
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// slotLabel says what a planned reminder tells the unit.
func slotLabel(sl remind.Slot) string {
	switch sl.Kind {
	case store.KindReminderBefore:
		return fmt.Sprintf("Nhắc trước hạn: còn %d ngày", sl.Days)
	case store.KindReminderDue:
		return "Nhắc: hôm nay là hạn cuối"
	case store.KindReminderOverdue:
		return fmt.Sprintf("Đôn đốc: quá hạn %d ngày", sl.Days)
	}
	return sl.Kind
}

// textarea writes s as the content of a <textarea>: the HTML parser drops
// one line break right after the opening tag, so a text that starts with
// one (a pasted directive often starts with blank lines) is given another.
// Without it each round trip of the form loses a line, and the source's
// line numbers, to which tasks and warnings point, shift by one.
func textarea(s string) string {
	if strings.HasPrefix(s, "\n") || strings.HasPrefix(s, "\r") {
		return "\n" + s
	}
	return s
}

// endsSentence says whether s ends with a sentence's closing mark, so that a
// page quoting it adds no second one.
func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}
