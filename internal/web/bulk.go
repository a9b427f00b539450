package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// Units and users in bulk: the admin downloads the template or the export,
// uploads a filled workbook, sees what it would change and every error by
// sheet, row and column, and confirms. The upload waits in the store
// between the preview and the confirmation, so nothing is sent twice and
// what is applied is the file that was previewed; the preview's fingerprint
// goes with the confirmation, and the store refuses it if the units or
// users changed in between. The pages need units:manage; a file with users
// needs users:manage as well.

const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type bulkPage struct {
	page
	Error    string
	CanUsers bool
	MaxMB    int
}

func (s *Server) bulkPage(r *http.Request, msg string) bulkPage {
	return bulkPage{page: s.basePage(r, "Nhập/xuất đơn vị và người dùng bằng Excel"), Error: msg,
		CanUsers: tiendo.Allowed(userFrom(r.Context()), tiendo.ActionManageUsers, 0), MaxMB: bulk.MaxFileSize >> 20}
}

func (s *Server) handleBulk(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "bulk", s.bulkPage(r, ""))
}

func writeXLSX(w http.ResponseWriter, name string, f *bulk.File) error {
	var buf bytes.Buffer
	if err := bulk.Write(&buf, f); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) handleBulkTemplate(w http.ResponseWriter, r *http.Request) error {
	return writeXLSX(w, "mau-nhap-don-vi-nguoi-dung.xlsx", &bulk.File{})
}

// handleBulkExport writes every unit and, for whoever manages users, every
// user: edited and uploaded again, it updates them.
func (s *Server) handleBulkExport(w http.ResponseWriter, r *http.Request) error {
	units, err := s.store.Units(r.Context())
	if err != nil {
		return err
	}
	var users []*tiendo.User
	if tiendo.Allowed(userFrom(r.Context()), tiendo.ActionManageUsers, 0) {
		if users, err = s.store.Users(r.Context()); err != nil {
			return err
		}
	}
	name := "don-vi-nguoi-dung-" + time.Now().In(tiendo.Zone).Format("2006-01-02") + ".xlsx"
	return writeXLSX(w, name, bulk.Export(units, users))
}

// bulkAllowed refuses a file with users to someone who may not manage them.
func bulkAllowed(r *http.Request, f *bulk.File) error {
	if len(f.Users) > 0 && !tiendo.Allowed(userFrom(r.Context()), tiendo.ActionManageUsers, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền quản lý người dùng nên không thể nhập trang “%s”. Hãy xóa trang này khỏi tệp, hoặc nhờ quản trị nhập.", f.UserSheet)
	}
	return nil
}

// bulkUploadError shows the upload page again with what is wrong with the
// file (422, or 413 for a file too large); other errors go up.
func (s *Server) bulkUploadError(w http.ResponseWriter, r *http.Request, err error) error {
	status := http.StatusUnprocessableEntity
	switch tiendo.ErrorCode(err) {
	case tiendo.EINVALID:
	case tiendo.ETOOLARGE:
		status = http.StatusRequestEntityTooLarge
	default:
		return err
	}
	return s.render(w, status, "bulk", s.bulkPage(r, tiendo.ErrorMessage(err)))
}

// handleBulkUpload reads the workbook, keeps it and sends the browser to
// its preview. htmx posts it (for the progress bar) and follows HX-Redirect;
// without JavaScript it is a plain form and a 303.
func (s *Server) handleBulkUpload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, bulk.MaxFileSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return s.bulkUploadError(w, r, tiendo.Errorf(tiendo.ETOOLARGE, "Tệp quá lớn: tối đa %d MB. Hãy chia thành nhiều tệp nhỏ hơn.", bulk.MaxFileSize>>20))
		}
		return s.bulkUploadError(w, r, tiendo.Errorf(tiendo.EINVALID, "Không đọc được tệp gửi lên; hãy tải lại trang và thử lại."))
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return s.bulkUploadError(w, r, tiendo.Errorf(tiendo.EINVALID, "Chưa chọn tệp. Hãy chọn tệp Excel (.xlsx) đã điền rồi bấm “Tải lên và xem trước”."))
	}
	data, err := io.ReadAll(io.LimitReader(file, bulk.MaxFileSize+1))
	file.Close()
	if err != nil {
		return err
	}
	f, err := bulk.Read(data)
	if err != nil {
		return s.bulkUploadError(w, r, err)
	}
	if err := bulkAllowed(r, f); err != nil {
		return err
	}
	id, err := s.store.SaveBulkUpload(r.Context(), userFrom(r.Context()).ID, hdr.Filename, data)
	if err != nil {
		return err
	}
	target := fmt.Sprintf("/admin/bulk/%d", id)
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// problemGroup is one sheet's problems, for the preview.
type problemGroup struct {
	Sheet    string
	Problems []bulk.Problem
	More     int // left out to keep the page readable
}

// maxShown bounds the problems a preview lists per sheet: a wrong file can
// have thousands, and the first few hundred say what is wrong.
const maxShown = 300

func groupProblems(ps []bulk.Problem) []problemGroup {
	var out []problemGroup
	for _, p := range ps {
		if len(out) == 0 || out[len(out)-1].Sheet != p.Sheet {
			out = append(out, problemGroup{Sheet: p.Sheet})
		}
		g := &out[len(out)-1]
		if len(g.Problems) < maxShown {
			g.Problems = append(g.Problems, p)
		} else {
			g.More++
		}
	}
	return out
}

type bulkPreviewPage struct {
	page
	ID                    int64
	Name                  string
	Uploaded              time.Time
	Plan                  *bulk.Plan
	Fingerprint           string
	Errors, Warnings      []problemGroup
	UnitAdds, UnitUpdates []bulk.UnitChange
	UserAdds, UserUpdates []bulk.UserChange
	UnitSame, UserSame    int
	GeneratedPasswords    int // new users whose password the store will make
	Error                 string
	// Self are the rows that change the importer's own role or unit:
	// applying them logs the importer out.
	Self []bulk.UserChange
}

// renderBulkPreview plans the upload against the data as it is now.
func (s *Server) renderBulkPreview(w http.ResponseWriter, r *http.Request, status int, up *store.BulkUpload, f *bulk.File, msg string) error {
	plan, err := s.store.PlanBulk(r.Context(), f)
	if err != nil {
		return err
	}
	self := plan.MarkSelf(userFrom(r.Context()).Username)
	data := bulkPreviewPage{page: s.basePage(r, "Xem trước: "+up.Name), ID: up.ID, Name: up.Name, Uploaded: up.CreatedAt,
		Plan: plan, Fingerprint: plan.Fingerprint(), Errors: groupProblems(plan.Errors), Warnings: groupProblems(plan.Warnings), Error: msg, Self: self}
	for _, c := range plan.Units {
		switch c.Op {
		case bulk.OpAdd:
			data.UnitAdds = append(data.UnitAdds, c)
		case bulk.OpUpdate:
			data.UnitUpdates = append(data.UnitUpdates, c)
		default:
			data.UnitSame++
		}
	}
	for _, c := range plan.Users {
		switch c.Op {
		case bulk.OpAdd:
			data.UserAdds = append(data.UserAdds, c)
			if c.Password == "" {
				data.GeneratedPasswords++
			}
		case bulk.OpUpdate:
			data.UserUpdates = append(data.UserUpdates, c)
		default:
			data.UserSame++
		}
	}
	return s.render(w, status, "bulk_preview", data)
}

// bulkUpload loads the request's upload and reads it again.
func (s *Server) bulkUpload(r *http.Request) (*store.BulkUpload, *bulk.File, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	up, err := s.store.BulkUpload(r.Context(), userFrom(r.Context()).ID, id)
	if err != nil {
		return nil, nil, err
	}
	f, err := bulk.Read(up.Data)
	if err != nil {
		return nil, nil, err
	}
	if err := bulkAllowed(r, f); err != nil {
		return nil, nil, err
	}
	return up, f, nil
}

func (s *Server) handleBulkPreview(w http.ResponseWriter, r *http.Request) error {
	up, f, err := s.bulkUpload(r)
	if err != nil {
		return err
	}
	return s.renderBulkPreview(w, r, http.StatusOK, up, f, "")
}

type bulkResultPage struct {
	page
	Name   string
	Result *store.BulkResult
}

// handleBulkApply applies the previewed upload. If the data changed since
// the preview, the preview is shown again, planned afresh, with the reason
// (409); the upload is kept, so nothing needs sending again. The result page
// shows the generated passwords, once: it is not a redirect, and a reload
// finds the upload gone and imports nothing twice.
func (s *Server) handleBulkApply(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	up, f, err := s.bulkUpload(r)
	if err != nil {
		return err
	}
	res, err := s.store.ApplyBulk(r.Context(), actor(r), f, r.PostFormValue("fingerprint"), up.ID)
	switch code := tiendo.ErrorCode(err); code {
	case "":
	case tiendo.ECONFLICT, tiendo.EINVALID:
		return s.renderBulkPreview(w, r, statusOf(code), up, f, tiendo.ErrorMessage(err))
	default:
		return err
	}
	return s.render(w, http.StatusOK, "bulk_result", bulkResultPage{page: s.basePage(r, "Đã nhập xong"), Name: up.Name, Result: res})
}
