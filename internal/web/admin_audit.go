package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// auditPage is the admin's view of the audit log and of login lockouts.
type auditPage struct {
	page
	Entries  []store.AuditEntry
	Users    map[int64]string // user ID -> username
	Filter   auditFilterForm
	Next     string // the query of the next (older) page, "" on the last
	Locks    []store.LoginLock
	Verified *store.AuditReport // set when the admin asked for a check
	Notice   string
	Error    string
}

type auditFilterForm struct {
	Entity, Action, Username, From, To, EntityID string
}

// handleAudit shows the audit log, newest first, filtered by entity, action,
// user and dates, with the login lockouts and a button to lift each. A POST
// lifts one lockout (op=unlock, key=...). One route serves both because
// routes.go gives this page one line.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		return s.handleAuditUnlock(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "Phương thức không được hỗ trợ.", http.StatusMethodNotAllowed)
		return nil
	}
	q := r.URL.Query()
	data := auditPage{page: s.basePage(r, "Nhật ký hệ thống"), Users: map[int64]string{},
		Filter: auditFilterForm{Entity: q.Get("entity"), Action: q.Get("action"), Username: q.Get("user"),
			From: q.Get("from"), To: q.Get("to"), EntityID: q.Get("entity_id")}}
	if q.Get("ok") == "unlocked" {
		data.Notice = "Đã mở khóa đăng nhập."
	}
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	f := store.AuditFilter{Entity: data.Filter.Entity, Action: data.Filter.Action, Limit: 100}
	for _, u := range users {
		data.Users[u.ID] = u.Username
		if u.Username == data.Filter.Username {
			f.UserID = u.ID
		}
	}
	fields := map[string]string{}
	if data.Filter.Username != "" && f.UserID == 0 {
		fields["user"] = "Không có người dùng này."
	}
	f.EntityID, _ = strconv.ParseInt(data.Filter.EntityID, 10, 64)
	day := func(name, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(time.DateOnly, v, tiendo.Zone)
		if err != nil {
			fields[name] = "Ngày viết theo dạng năm-tháng-ngày."
		}
		return t
	}
	f.From = day("from", data.Filter.From)
	if f.To = day("to", data.Filter.To); !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole last day
	}
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if len(fields) > 0 {
		data.Error = "Bộ lọc chưa hợp lệ: " + joinFields(fields)
		return s.render(w, http.StatusUnprocessableEntity, "audit", data)
	}
	if data.Entries, err = s.store.AuditSearch(r.Context(), f); err != nil {
		return err
	}
	if len(data.Entries) == f.Limit {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("before", strconv.FormatInt(data.Entries[len(data.Entries)-1].ID, 10))
		next.Del("verify")
		data.Next = next.Encode()
	}
	if data.Locks, err = s.store.LoginLocks(r.Context(), store.DefaultThrottle); err != nil {
		return err
	}
	if q.Get("verify") == "1" {
		if data.Verified, err = s.store.VerifyAudit(r.Context()); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "audit", data)
}

func joinFields(fields map[string]string) string {
	out := ""
	for _, k := range []string{"user", "from", "to"} {
		if v, ok := fields[k]; ok {
			if out != "" {
				out += " "
			}
			out += v
		}
	}
	return out
}

func (s *Server) handleAuditUnlock(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	if r.PostFormValue("op") != "unlock" {
		return tiendo.Errorf(tiendo.EINVALID, "Không rõ thao tác; hãy tải lại trang và thử lại.")
	}
	if err := s.store.LiftLoginLock(r.Context(), actor(r), r.PostFormValue("key")); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/audit?ok=unlocked", http.StatusSeeOther)
	return nil
}
