package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/watch"
)

type unitListPage struct {
	page
	Units  []watch.TreeNode // in tree order: each unit followed by the units under it
	ByID   map[int64]*tiendo.Unit
	Notice string
}

func (s *Server) handleUnitList(w http.ResponseWriter, r *http.Request) error {
	byID, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	data := unitListPage{page: s.basePage(r, "Đơn vị"), Units: watch.Tree(units), ByID: byID}
	// After a save: done says what, id which unit; the address never
	// carries text to show.
	if id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64); err == nil && byID[id] != nil {
		switch r.URL.Query().Get("done") {
		case "created":
			data.Notice = fmt.Sprintf("Đã thêm đơn vị “%s” (mã %s).", byID[id].Name, byID[id].Code)
		case "saved":
			data.Notice = fmt.Sprintf("Đã lưu thay đổi của đơn vị “%s” (mã %s).", byID[id].Name, byID[id].Code)
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
}

func (s *Server) unitForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.Unit, ferr error) error {
	_, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	title := "Thêm đơn vị"
	if u.ID != 0 {
		title = "Sửa đơn vị: " + u.Name
	}
	data := unitFormPage{page: s.basePage(r, title), Unit: u, Aliases: strings.Join(u.Aliases, "\n")}
	for _, p := range units {
		if p.ID != u.ID {
			data.Parents = append(data.Parents, p)
		}
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
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
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
