package web_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A file the intake cannot read does not cost the office what it pasted:
// the form comes back with the error and the text as it was, and a file
// that is neither .docx nor .txt is refused as such, not read as text.
func TestIntakeKeepsTextOnFileError(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cong-van.pdf", []byte("%PDF-1.4 nội dung"), "Tệp PDF chưa đọc được"},
		{"cong-van.pdf", []byte("không phải PDF thật"), "Tệp PDF chưa đọc được"},
		{"setup.exe", []byte("MZ chương trình"), "chỉ đọc được tệp .docx và tệp .txt"},
		{"setup.exe", []byte("MZ\x90\x00\x03\x00"), "chỉ đọc được tệp .docx và tệp .txt"},
		{"bang.xlsx", []byte("PK\x03\x04 bảng tính"), "chỉ đọc được tệp .docx và tệp .txt"},
	} {
		body, ct := multipartForm(url.Values{"text": {intakeDirective}}, tc.name, tc.data)
		resp := x.postBody(c, "/rounds/new", ct, body)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := html.UnescapeString(string(b))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tc.name, resp.StatusCode)
		}
		if !strings.Contains(page, `<p class="alert" role="alert">`) || !strings.Contains(page, tc.want) {
			t.Errorf("%s: no error saying %q:\n%s", tc.name, tc.want, grep(page, `alert`))
		}
		if !strings.Contains(page, ">"+intakeDirective+"</textarea>") {
			t.Errorf("%s: the pasted text is lost:\n%s", tc.name, grep(page, `textarea`))
		}
	}
	// A .txt or .docx file is still read, and wins over the pasted text.
	body, ct := multipartForm(url.Values{"text": {"văn bản khác"}}, "cong-van.txt", []byte(intakeDirective))
	resp := x.postBody(c, "/rounds/new", ct, body)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(html.UnescapeString(string(b)), "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm") {
		t.Errorf(".txt file: %d, not read:\n%s", resp.StatusCode, grep(string(b), `alert`))
	}
}

// An empty file is named in the error, and a file over the limit brings
// the intake form back with what to do, not a page without a form.
func TestIntakeEmptyAndHugeFiles(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	for _, tc := range []struct {
		name   string
		data   []byte
		status int
		want   string
	}{
		{"cong-van-trong.docx", nil, http.StatusUnprocessableEntity, "Tệp “cong-van-trong.docx” rỗng, không có nội dung."},
		{"cong-van-lon.docx", make([]byte, 12<<20), http.StatusRequestEntityTooLarge, "Tệp quá lớn: giới hạn 10 MB cho một văn bản. Hãy chọn tệp nhỏ hơn"},
	} {
		body, ct := multipartForm(nil, tc.name, tc.data)
		resp := x.postBody(c, "/rounds/new", ct, body)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := html.UnescapeString(string(b))
		if resp.StatusCode != tc.status || !strings.Contains(page, tc.want) {
			t.Errorf("%s: %d, want %d saying %q:\n%s", tc.name, resp.StatusCode, tc.status, tc.want, grep(page, `alert`))
		}
		if !strings.Contains(page, `<textarea`) || !strings.Contains(page, `type="file"`) {
			t.Errorf("%s: the intake form is not shown again", tc.name)
		}
	}
}
