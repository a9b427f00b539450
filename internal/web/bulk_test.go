package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// upload posts a workbook to /admin/bulk as the page's form does; hx sends
// it the way htmx does (for the progress bar).
func (x *app) upload(c *http.Client, name string, data []byte, hx bool) *http.Response {
	x.t.Helper()
	body, ct := multipartForm(nil, name, data)
	if hx {
		return x.postBody(c, "/admin/bulk", ct, body, "HX-Request", "true")
	}
	return x.postBody(c, "/admin/bulk", ct, body)
}

func workbook(t *testing.T, f *bulk.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bulk.Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// previewOf uploads a workbook and returns its preview's address and page.
func (x *app) previewOf(c *http.Client, data []byte) (string, string) {
	x.t.Helper()
	resp := x.upload(c, "danh-sach.xlsx", data, true)
	resp.Body.Close()
	loc := resp.Header.Get("HX-Redirect")
	if resp.StatusCode != http.StatusOK || !regexp.MustCompile(`^/admin/bulk/\d+$`).MatchString(loc) {
		x.t.Fatalf("upload: %d, HX-Redirect %q; want 200 and the preview's address", resp.StatusCode, loc)
	}
	code, body := x.get(c, loc)
	if code != http.StatusOK {
		x.t.Fatalf("preview: %d\n%s", code, body)
	}
	return loc, body
}

var fingerprintRE = regexp.MustCompile(`name="fingerprint" value="([0-9a-f]{64})"`)

func (x *app) confirm(c *http.Client, loc, fingerprint string) (int, string) {
	x.t.Helper()
	resp := x.post(c, loc, url.Values{"fingerprint": {fingerprint}})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Upload → preview → confirm, with the refusals on the way: a file with
// errors, a file that is no workbook, data changed since the preview, a
// second confirmation.
func TestBulkUploadPreviewApply(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("admin")

	if code, body := x.get(c, "/admin/units"); code != 200 || !strings.Contains(body, `href="/admin/bulk"`) {
		t.Errorf("units page: %d, want a link to Nhập/xuất Excel", code)
	}
	if code, body := x.get(c, "/admin/bulk"); code != 200 || !strings.Contains(body, "Tải tệp mẫu") || !regexp.MustCompile(`<script src="/static/js/bulk\.[0-9a-f]+\.js" defer>`).MatchString(body) {
		t.Errorf("bulk page: %d\n%s", code, body)
	}
	resp, err := c.Get(x.srv.URL + "/admin/bulk/template.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.Contains(ct, "spreadsheetml") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "mau-nhap-don-vi-nguoi-dung.xlsx") {
		t.Errorf("template: %d %s %s", resp.StatusCode, ct, resp.Header.Get("Content-Disposition"))
	}
	if _, err := bulk.Read(tmpl); !strings.Contains(tiendo.ErrorMessage(err), "chưa có dòng dữ liệu") {
		t.Errorf("the template read back: %v, want “no data rows”", err)
	}

	// Not a workbook: the upload page again, saying so (422).
	resp = x.upload(c, "danh-sach.csv", []byte("Mã đơn vị,Tên đơn vị\nxa-1,UBND xã Một\n"), false)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "không phải bảng tính Excel (.xlsx)") {
		t.Errorf("CSV upload: %d\n%s", resp.StatusCode, b)
	}

	// A file with an error: the preview names sheet, row and column, and
	// offers no confirmation; confirming anyway writes nothing.
	bad := workbook(t, &bulk.File{Units: []bulk.UnitRow{{Code: "xa-01", Name: "UBND xã Một", Parent: "XA-99"}}})
	loc, body := x.previewOf(c, bad)
	if !strings.Contains(body, "Tệp còn 1 lỗi") || !strings.Contains(body, "Trang “Đơn vị”") ||
		!strings.Contains(body, "<strong>Dòng 3, cột “Mã đơn vị cấp trên”</strong>: không có đơn vị mã “XA-99” trong tệp hay trong hệ thống.") ||
		strings.Contains(body, `name="fingerprint"`) {
		t.Errorf("preview of a file with an error:\n%s", body)
	}
	if code, body := x.confirm(c, loc, "0"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "chưa nhập dòng nào") {
		t.Errorf("confirming a file with an error: %d\n%s", code, body)
	}
	if _, err := x.st.UnitByCode(ctx, "xa-01"); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("xa-01 after a refused import: %v", err)
	}

	// A good file: communes before their district, reporters, a renamed unit.
	good := workbook(t, &bulk.File{
		Units: []bulk.UnitRow{
			{Code: "xa-01", Name: "Ủy ban nhân dân xã Một", ShortName: "UBND xã Một", Parent: "huyen"},
			{Code: "xa-02", Name: "Ủy ban nhân dân xã Hai", ShortName: "UBND xã Hai", Parent: "huyen"},
			{Code: "huyen", Name: "Ủy ban nhân dân huyện", ShortName: "UBND huyện"},
			{Code: "pnv", Name: "Phòng Nội vụ huyện"},
		},
		Users: []bulk.UserRow{
			{Username: "xa01.canbo", FullName: "Nguyễn Thị Lan", Role: "Cán bộ đơn vị", Unit: "xa-01"},
			{Username: "xa02.canbo", FullName: "Trần Văn Bình", Role: "reporter", Unit: "xa-02", Password: "cây bàng trước sân đã ra lá"},
		},
	})
	loc, body = x.previewOf(c, good)
	for _, want := range []string{"Đơn vị thêm mới (3)", "Đơn vị cập nhật (1)", "Tên đơn vị: Phòng Nội vụ → <strong>Phòng Nội vụ huyện</strong>",
		"Người dùng thêm mới (2)", "hệ thống tạo", "có trong tệp", "1 tài khoản mới chưa có mật khẩu", "Xác nhận nhập vào hệ thống"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q:\n%s", want, body)
		}
	}
	m := fingerprintRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no fingerprint in the preview:\n%s", body)
	}
	old := m[1]

	// Someone renames a unit in between: refused, nothing written, and the
	// preview comes again with what has changed.
	pnv, _ := x.st.UnitByCode(ctx, "pnv")
	pnv.Email = "pnv@huyen.gov.vn"
	if err := x.st.UpdateUnit(ctx, store.Actor{}, pnv); err != nil {
		t.Fatal(err)
	}
	code, body := x.confirm(c, loc, old)
	if code != http.StatusConflict || !strings.Contains(body, "đã thay đổi kể từ lúc xem trước") {
		t.Errorf("confirm after a change: %d\n%s", code, body)
	}
	if _, err := x.st.UnitByCode(ctx, "huyen"); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("huyen written by a refused confirmation: %v", err)
	}
	m = fingerprintRE.FindStringSubmatch(body)
	if m == nil || m[1] == old {
		t.Fatalf("the refused confirmation shows no new preview:\n%s", body)
	}

	code, body = x.confirm(c, loc, m[1])
	if code != http.StatusOK || !strings.Contains(body, "thêm 3 và cập nhật 1 đơn vị; thêm 2 và cập nhật 0 người dùng") {
		t.Fatalf("confirm: %d\n%s", code, body)
	}
	gen := regexp.MustCompile(`<td>xa01\.canbo</td><td>Nguyễn Thị Lan</td><td>xa-01</td><td><code>([a-z0-9-]{14})</code>`).FindStringSubmatch(body)
	if gen == nil || strings.Contains(body, "xa02.canbo") {
		t.Fatalf("result page: want xa01.canbo's generated password and not xa02.canbo's typed one:\n%s", body)
	}
	huyen, err := x.st.UnitByCode(ctx, "huyen")
	if err != nil {
		t.Fatal(err)
	}
	if xa, _ := x.st.UnitByCode(ctx, "xa-02"); xa == nil || xa.ParentID != huyen.ID {
		t.Errorf("xa-02: %+v, want under huyen %d", xa, huyen.ID)
	}
	// The generated password logs in.
	resp = x.post(x.client(), "/login", url.Values{"username": {"xa01.canbo"}, "password": {gen[1]}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the generated password: %d", resp.StatusCode)
	}
	// Confirming twice imports once.
	if code, body := x.confirm(c, loc, m[1]); code != http.StatusNotFound || !strings.Contains(body, "đã được nhập rồi") {
		t.Errorf("second confirmation: %d\n%s", code, body)
	}

	// The export, uploaded again, changes nothing.
	resp, err = c.Get(x.srv.URL + "/admin/bulk/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	export, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	f, err := bulk.Read(export)
	if err != nil || len(f.Units) != 5 || len(f.Users) != 8 {
		t.Fatalf("export: %v, %d units, %d users", err, len(f.Units), len(f.Users))
	}
	if _, body := x.previewOf(c, export); !strings.Contains(body, "Tệp không khác gì dữ liệu hiện có") {
		t.Errorf("preview of the export:\n%s", body)
	}

	// Without JavaScript the upload is a plain form and a redirect.
	resp = x.upload(c, "lai.xlsx", export, false)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/bulk/") {
		t.Errorf("plain upload: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Another admin cannot see this admin's upload.
	other := &tiendo.User{Username: "quantri2", Role: tiendo.RoleAdmin}
	if err := x.st.CreateUser(ctx, store.Actor{}, other, pw); err != nil {
		t.Fatal(err)
	}
	if code, _ := x.get(x.login("quantri2"), resp.Header.Get("Location")); code != http.StatusNotFound {
		t.Errorf("another admin's preview: %d, want 404", code)
	}
}
