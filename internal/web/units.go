package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

type unitListPage struct {
	page
	Units  []watch.TreeNode // in tree order: each unit followed by the units under it
	ByID   map[int64]*tiendo.Unit
	Notice string
	Filter listFilter
	Total  int // units in the system
	Hidden int // retired units the list leaves out because "all" is not ticked
}

// listFilter is the units and users lists' filter box, read from the
// address (a GET form: it works without JavaScript, and a filtered list
// can be bookmarked or sent).
type listFilter struct {
	Q   string // as typed
	All bool   // "Hiện cả đơn vị ngừng hoạt động"
	key string // Q folded: no case, no diacritics, đ as d
}

func readListFilter(r *http.Request) listFilter {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	f := filterFor(q)
	f.All = r.URL.Query().Get("all") == "1"
	return f
}

// filterFor is the filter that finds q, folded and with its spaces evened.
func filterFor(q string) listFilter {
	return listFilter{Q: q, key: strings.Join(strings.Fields(vi.Fold(q)), " ")}
}

// Active reports whether the filter narrows the list.
func (f listFilter) Active() bool { return f.key != "" }

// matchUnit reports whether the box's text is in u's code, name, short
// name or one of its aliases, compared folded: "huu lien" finds "Hữu Liên".
func (f listFilter) matchUnit(u *tiendo.Unit) bool {
	return f.matchText(append([]string{u.Code, u.Name, u.ShortName}, u.Aliases...)...)
}

// matchText reports whether the box's text is in one of texts, folded.
func (f listFilter) matchText(texts ...string) bool {
	for _, v := range texts {
		if strings.Contains(strings.Join(strings.Fields(vi.Fold(v)), " "), f.key) {
			return true
		}
	}
	return f.key == ""
}

// activeUnits are the units still working: those a new round may ask and
// a new directive may name.
func activeUnits(units []*tiendo.Unit) []*tiendo.Unit {
	out := make([]*tiendo.Unit, 0, len(units))
	for _, u := range units {
		if !u.Retired() {
			out = append(out, u)
		}
	}
	return out
}

func (s *Server) handleUnitList(w http.ResponseWriter, r *http.Request) error {
	byID, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	f := readListFilter(r)
	data := unitListPage{page: s.basePage(r, "Đơn vị"), ByID: byID, Filter: f, Total: len(units)}
	if f.Active() {
		// A filtered list is flat: a match's parent may not match.
		for _, u := range units {
			switch {
			case !f.matchUnit(u):
			case u.Retired() && !f.All:
				data.Hidden++
			default:
				data.Units = append(data.Units, watch.TreeNode{Unit: u})
			}
		}
	} else {
		for _, n := range watch.Tree(units) {
			if n.Retired() && !f.All {
				data.Hidden++
				continue
			}
			data.Units = append(data.Units, n)
		}
	}
	// After a save: done says what, id which unit; the address never
	// carries text to show.
	if id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64); err == nil && byID[id] != nil {
		switch r.URL.Query().Get("done") {
		case "created":
			data.Notice = fmt.Sprintf("Đã thêm đơn vị “%s” (mã %s).", byID[id].Name, byID[id].Code)
		case "saved":
			data.Notice = fmt.Sprintf("Đã lưu thay đổi của đơn vị “%s” (mã %s).", byID[id].Name, byID[id].Code)
		case "retired":
			data.Notice = fmt.Sprintf("Đơn vị “%s” (mã %s) đã ngừng hoạt động từ %s: không còn được giao việc trong đợt báo cáo mới; các đợt, báo cáo và văn bản cũ vẫn giữ nguyên.",
				byID[id].Name, byID[id].Code, byID[id].RetiredOn.Format("02/01/2006"))
		case "reactivated":
			data.Notice = fmt.Sprintf("Đơn vị “%s” (mã %s) đã hoạt động trở lại.", byID[id].Name, byID[id].Code)
		}
	}
	return s.render(w, http.StatusOK, "units", data)
}

type unitFormPage struct {
	page
	Unit    *tiendo.Unit
	Aliases string // one per line
	Parents []*tiendo.Unit
	Error   string
	Fields  map[string]string
	// Retire is the "Ngừng hoạt động" form under the unit's: its own
	// values as typed and its own errors.
	Retire unitRetireForm
	// Stored is the unit as stored, for the retirement section: the form
	// above may hold what was typed.
	Stored *tiendo.Unit
}

// unitRetireForm is the "Ngừng hoạt động" form as typed.
type unitRetireForm struct {
	Day, Note string
	Error     string
	Fields    map[string]string
}

func (s *Server) unitForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.Unit, ferr error) error {
	return s.renderUnitForm(w, r, status, u, ferr, unitRetireForm{})
}

func (s *Server) renderUnitForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.Unit, ferr error, rf unitRetireForm) error {
	byID, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	title := "Thêm đơn vị"
	if u.ID != 0 {
		title = "Sửa đơn vị: " + u.Name
	}
	data := unitFormPage{page: s.basePage(r, title), Unit: u, Aliases: strings.Join(u.Aliases, "\n"), Retire: rf, Stored: byID[u.ID]}
	if data.Stored != nil && data.Stored.Retired() {
		data.page.Title += " (ngừng hoạt động)"
	}
	// A retired unit is offered as a parent only where it is already the
	// parent, or to a retired unit: a working unit may not sit under one.
	for _, p := range units {
		if p.ID != u.ID && (!p.Retired() || p.ID == u.ParentID || (data.Stored != nil && data.Stored.Retired())) {
			data.Parents = append(data.Parents, p)
		}
	}
	if data.Retire.Day == "" && data.Stored != nil && data.Stored.Retired() {
		data.Retire.Day, data.Retire.Note = data.Stored.RetiredOn.Format("02/01/2006"), data.Stored.RetiredNote
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "unit_form", data)
}

func (s *Server) handleUnitNew(w http.ResponseWriter, r *http.Request) error {
	return s.unitForm(w, r, http.StatusOK, &tiendo.Unit{}, nil)
}

func (s *Server) handleUnitEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.store.Unit(r.Context(), id)
	if err != nil {
		return err
	}
	return s.unitForm(w, r, http.StatusOK, u, nil)
}

// parseForm reads a POSTed form within the body limit.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	return s.parseFormUpTo(w, r, s.cfg.MaxBodyBytes)
}

// docFormMax bounds the form of an office document (the consolidated
// report, the công văn): its every part comes back with each save, and a
// province's draft, its communes' texts merged, runs past a megabyte.
const docFormMax = 64 << 20

// parseFormUpTo is parseForm with a limit of max bytes.
func (s *Server) parseFormUpTo(w http.ResponseWriter, r *http.Request, max int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return err
		}
		return tiendo.Errorf(tiendo.EINVALID, "Không đọc được biểu mẫu; hãy tải lại trang và thử lại.")
	}
	return nil
}

func unitFromForm(r *http.Request, u *tiendo.Unit) {
	u.Code = r.PostFormValue("code")
	u.Name = r.PostFormValue("name")
	u.ShortName = r.PostFormValue("short_name")
	u.Email = r.PostFormValue("email")
	u.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	u.Aliases = nil
	for _, a := range strings.Split(r.PostFormValue("aliases"), "\n") {
		if a = strings.TrimSpace(a); a != "" {
			u.Aliases = append(u.Aliases, a)
		}
	}
}

// saveForm runs save; an invalid input or a conflict re-renders the form
// with what the user typed (422), anything else is an error.
func saveForm(save func() error, again func(err error) error) (bool, error) {
	err := save()
	switch tiendo.ErrorCode(err) {
	case "":
		return true, nil
	case tiendo.EINVALID, tiendo.ECONFLICT:
		return false, again(err)
	}
	return false, err
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := &tiendo.Unit{}
	unitFromForm(r, u)
	ok, err := saveForm(func() error { return s.store.CreateUnit(r.Context(), actor(r), u) },
		func(err error) error { return s.unitForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		http.Redirect(w, r, fmt.Sprintf("/admin/units?done=created&id=%d", u.ID), http.StatusSeeOther)
	}
	return err
}

func (s *Server) handleUnitUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := &tiendo.Unit{ID: id}
	unitFromForm(r, u)
	ok, err := saveForm(func() error { return s.store.UpdateUnit(r.Context(), actor(r), u) },
		func(err error) error { return s.unitForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		http.Redirect(w, r, fmt.Sprintf("/admin/units?done=saved&id=%d", u.ID), http.StatusSeeOther)
	}
	return err
}

// unitOfForm reads the unit a form on its page was sent for, and the form.
func (s *Server) unitOfForm(w http.ResponseWriter, r *http.Request) (int64, *tiendo.Unit, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	if err := s.parseForm(w, r); err != nil {
		return 0, nil, err
	}
	u, err := s.store.Unit(r.Context(), id)
	return id, u, err
}

// handleUnitRetire marks a unit "Ngừng hoạt động" from the day typed
// (dd/mm/yyyy), or changes the day and note of one retired already.
func (s *Server) handleUnitRetire(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.unitOfForm(w, r)
	if err != nil {
		return err
	}
	rf := unitRetireForm{Day: strings.TrimSpace(r.PostFormValue("retired_on")), Note: r.PostFormValue("retired_note")}
	var day time.Time
	if rf.Day != "" {
		iso, err := docDateISO(rf.Day)
		t, err2 := time.ParseInLocation("2006-01-02", iso, tiendo.Zone)
		if err != nil || err2 != nil {
			rf.Error = "Ngày ngừng hoạt động chưa đúng."
			rf.Fields = map[string]string{"retired_on": "Viết ngày/tháng/năm như 01/07/2025."}
			if msg := noSuchDay(rf.Day); msg != "" {
				rf.Fields["retired_on"] = msg
			}
			return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, u, nil, rf)
		}
		day = t
	}
	err = s.store.RetireUnit(r.Context(), actor(r), id, day, rf.Note)
	var e *tiendo.Error
	if errors.As(err, &e) && (e.Code == tiendo.EINVALID || e.Code == tiendo.ECONFLICT) {
		rf.Error, rf.Fields = e.Message, e.Fields
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, u, nil, rf)
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/units?done=retired&id=%d", id), http.StatusSeeOther)
	return nil
}

// handleUnitReactivate makes a retired unit work again.
func (s *Server) handleUnitReactivate(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.unitOfForm(w, r)
	if err != nil {
		return err
	}
	err = s.store.ReactivateUnit(r.Context(), actor(r), id)
	var e *tiendo.Error
	if errors.As(err, &e) && e.Code == tiendo.EINVALID {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, u, nil, unitRetireForm{Error: e.Message})
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/units?done=reactivated&id=%d", id), http.StatusSeeOther)
	return nil
}
