package web_test

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// oneAlert fails the test unless the page has a single role="alert": the
// summary, which takes the focus, not one more per field.
func oneAlert(t *testing.T, what, body string) {
	t.Helper()
	if n := strings.Count(body, `role="alert"`); n != 1 {
		t.Errorf("%s has %d alerts, want one:\n%s", what, n, grep(body, `role="alert"`))
	}
}

// The intake preview's message at the top lists the fields it marked, each
// with a link to the field.
func TestIntakePreviewSummaryLinksFields(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	form := x.intakeForm("1", "2")
	form.Set("title", " ")
	form.Set("t1.text", "")
	form.Set("op", "create")
	code, _, body := read(x.post(c, "/rounds/preview", form))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a round without a title: %d, want 422", code)
	}
	for _, want := range []string{
		`<div class="alert" role="alert" id="form-error" tabindex="-1"><p>Đợt báo cáo chưa hợp lệ, vui lòng sửa các ô được đánh dấu.</p><ul class="problems">`,
		`<li><a href="#title">Tên đợt báo cáo</a>: Hãy nhập tên đợt báo cáo.</li><li><a href="#t1-text">Nhiệm vụ 2: Nội dung</a>: Nhiệm vụ chưa có nội dung.</li></ul></div>`,
		`id="t1-text" name="t1.text" rows="4" aria-invalid="true" aria-describedby="t1-text-err">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused round lacks %s:\n%s", want, grep(body, "form-error"))
		}
	}
	oneAlert(t, "the refused round", body)
}

// The cut-off page's refused day: the message at the top takes the focus
// and links to the field, whose own message describes it without an alert
// of its own; so for the form that adds an issuer.
func TestCutoffRefusalSummary(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	linkRounds(t, x)
	admin := x.login("admin")
	resp := x.post(admin, "/admin/cutoff", url.Values{"issuer": {"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}, "cutoff_day": {"mười lăm"}})
	body := bodyOf(resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a day not a number: %d, want 422", resp.StatusCode)
	}
	m := regexp.MustCompile(`<li><a href="#(cutoff-\d+)">Ngày chốt số liệu của ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG</a>: Hãy nhập một số từ 1 đến 28.</li>`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, `<div class="alert" role="alert" id="form-error" tabindex="-1"><p>Ngày chốt số liệu phải là một số, từ 1 đến 28.</p>`) {
		t.Fatalf("the refused day has no message linking to its field:\n%s", grep(body, "alert"))
	}
	id := m[1]
	if !regexp.MustCompile(`id="`+id+`"[^>]*aria-invalid="true" aria-describedby="`+id+`-err">`).MatchString(body) ||
		!strings.Contains(body, `<small class="field-error" id="`+id+`-err">Hãy nhập một số từ 1 đến 28.</small>`) {
		t.Errorf("the field is not tied to its message:\n%s", grep(body, id))
	}
	oneAlert(t, "the refused day", body)

	resp = x.post(admin, "/admin/cutoff", url.Values{"new": {"1"}, "issuer": {""}, "cutoff_day": {"10"}})
	body = bodyOf(resp)
	for _, want := range []string{
		`<li><a href="#new-issuer">Tên cơ quan ban hành</a>: Hãy nhập tên cơ quan ban hành.</li>`,
		`placeholder="Ủy ban nhân dân huyện Hữu Lũng" aria-invalid="true" aria-describedby="new-issuer-err">`,
		`<small class="field-error" id="new-issuer-err">Hãy nhập tên cơ quan ban hành.</small>`,
		`id="new-cutoff" name="cutoff_day" type="text" inputmode="numeric" value="10">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("a new issuer without a name lacks %s:\n%s", want, grep(body, "new-"))
		}
	}
	oneAlert(t, "the new issuer without a name", body)
}

// A refused "đôn đốc" press: its message is the page's summary, which
// takes the focus and links to the field to mend.
func TestNudgeRefusalSummary(t *testing.T) {
	t.Parallel()
	f := newOfficeFixture(t)
	office := f.client(t, "vanphong")
	path := fmt.Sprintf("%s/rounds/%d", f.base, f.round.ID)
	send := func(req *http.Request) string {
		t.Helper()
		resp, err := office.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if req.Method == "POST" && resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("nothing ticked: %d, want 422", resp.StatusCode)
		}
		return string(b)
	}
	get, _ := http.NewRequest("GET", path, nil)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(send(get))[1]
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"key": {key}, "pick": {"1"}}, `<li><a href="#nudge-units">Đơn vị sẽ được đôn đốc</a>: Chưa chọn đơn vị nào; hãy đánh dấu ít nhất một đơn vị cần đôn đốc.</li>`},
		{url.Values{"key": {key}, "pick": {"1"}, "unit": {fmt.Sprint(f.units["pyt"].ID)}, "note": {strings.Repeat("Đề nghị khẩn trương. ", 20)}},
			`<li><a href="#nudge-note">Ghi chú gửi kèm</a>: Ghi chú dài 419 ký tự; hãy rút gọn còn tối đa 300 ký tự.</li>`},
	} {
		req, _ := http.NewRequest("POST", path+"/remind", strings.NewReader(tc.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", f.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		body := send(req)
		if !strings.Contains(body, `<div class="alert" role="alert" id="form-error" tabindex="-1"><p>Chưa đôn đốc: `) || !strings.Contains(body, tc.want) {
			t.Errorf("the refused press lacks the summary with %s:\n%s", tc.want, grep(body, "alert"))
		}
		oneAlert(t, "the refused press", body)
	}
}

// A refused file with nothing else wrong: its message is the page's
// summary, which takes the focus and links to the file field.
func TestUploadRefusalSummary(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	code, _, body := x.uploadReport(c, path+"/attachments", url.Values{"version": {"0"}}, "trang.html", []byte("<p>x</p>"))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a refused type: %d, want 422", code)
	}
	body = html.UnescapeString(body)
	for _, want := range []string{
		`<div class="alert" role="alert" id="form-error" tabindex="-1"><p>Tệp chưa được đính kèm.</p>`,
		`<li><a href="#file">Tệp đính kèm</a>: Tệp “trang.html” không được nhận`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused file lacks %s:\n%s", want, grep(body, "alert"))
		}
	}
	if strings.Contains(body, `id="file-error"`) {
		t.Errorf("the refused file has a second message, #file-error")
	}
	oneAlert(t, "the refused file", body)
}
