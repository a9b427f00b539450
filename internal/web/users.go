package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo"
)

type userListPage struct {
	page
	Users []*tiendo.User
	Units map[int64]*tiendo.Unit
}

func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) error {
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "users", userListPage{page: s.basePage(r, "Người dùng"), Users: users, Units: units})
}

type userFormPage struct {
	page
	U      *tiendo.User
	Roles  []tiendo.Role
	Units  []*tiendo.Unit
	Error  string
	Fields map[string]string
}

func (s *Server) userForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.User, ferr error) error {
	_, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	title := "Thêm người dùng"
	if u.ID != 0 {
		title = "Sửa người dùng: " + u.Username
	}
	data := userFormPage{page: s.basePage(r, title), U: u, Roles: tiendo.Roles, Units: units}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "user_form", data)
}

func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) error {
	return s.userForm(w, r, http.StatusOK, &tiendo.User{Role: tiendo.RoleReporter}, nil)
}

func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	return s.userForm(w, r, http.StatusOK, u, nil)
}

func userFromForm(r *http.Request, u *tiendo.User) {
	u.Username = r.PostFormValue("username")
	u.FullName = r.PostFormValue("full_name")
	u.Email = r.PostFormValue("email")
	u.Role = tiendo.Role(r.PostFormValue("role"))
	u.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	u.Disabled = r.PostFormValue("disabled") == "on"
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := &tiendo.User{}
	userFromForm(r, u)
	ok, err := saveForm(func() error { return s.store.CreateUser(r.Context(), actor(r), u, r.PostFormValue("password")) },
		func(err error) error { return s.userForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	}
	return err
}

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := &tiendo.User{ID: id}
	userFromForm(r, u)
	ok, err := saveForm(func() error {
		if err := s.store.UpdateUser(r.Context(), actor(r), u); err != nil {
			return err
		}
		if pw := r.PostFormValue("password"); pw != "" {
			return s.store.SetPassword(r.Context(), actor(r), u.ID, pw)
		}
		return nil
	}, func(err error) error { return s.userForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	}
	return err
}
