package web_test

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo/internal/consolidate"
)

// pageTitle is the page's <title>.
func pageTitle(body string) string {
	m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// A refused step on a document's page says so in the title, lists the
// field to fix with a link to it in a message that takes the focus
// (#form-error, js/app.js), and ties the field's own message to the field
// (aria-describedby), without a second alert for it.
func TestConsolidatedReturnWithoutReasonSummary(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := printRound(t, x)
	office, boss := x.login("vanphong"), x.login("lanhdao")
	draftReport(t, x, office, r)
	path := "/rounds/" + itoa(r.ID) + "/consolidated"
	c := storedReport(t, x, r)
	if code, _, body := read(x.post(office, path, reportForm(c, "send"))); code != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", code, body)
	}
	c = storedReport(t, x, r)
	code, _, body := read(x.post(boss, path, url.Values{"version": {itoa(int64(c.Version))}, "op": {"return"}, "comment": {" "}}))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("return without a reason: %d, want 422", code)
	}
	for _, want := range []string{
		`<div class="alert" role="alert" id="form-error" tabindex="-1"><p>Hãy ghi ý kiến khi trả lại để Văn phòng biết cần sửa gì.</p>`,
		`<li><a href="#comment">Ý kiến khi trả lại</a>: Hãy ghi ý kiến.</li>`,
		`aria-invalid="true" aria-describedby="comment-err">`,
		`<small class="field-error" id="comment-err">Hãy ghi ý kiến.</small>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused return lacks %s:\n%s", want, grep(body, "ý kiến"))
		}
	}
	if n := strings.Count(body, `role="alert"`); n != 1 {
		t.Errorf("the refused return has %d alerts, want one:\n%s", n, grep(body, `role="alert"`))
	}
	if got := pageTitle(body); !strings.HasPrefix(got, "Lỗi: Báo cáo tổng hợp") {
		t.Errorf("title %q, want it to start with \"Lỗi: \"", got)
	}
	// Shown again without a step: no "Lỗi".
	if _, body := x.get(boss, path); strings.HasPrefix(pageTitle(body), "Lỗi") {
		t.Errorf("the page shown afresh is titled %q", pageTitle(body))
	}
}

// The office's editor names each part: a legend for its fieldset, and the
// part's name in the accessible name of its "Tạo lại phần này" button.
func TestConsolidatedEditorNamesParts(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := printRound(t, x)
	office := x.login("vanphong")
	draftReport(t, x, office, r)
	c := storedReport(t, x, r)
	_, body := x.get(office, "/rounds/"+itoa(r.ID)+"/consolidated")
	for i, p := range c.Parts {
		n := itoa(int64(i))
		name := template.HTMLEscapeString(p.Heading)
		if name == "" {
			name = map[string]string{consolidate.KeyOpening: "Phần mở đầu", consolidate.KeyClosing: "Phần kết"}[p.Key]
		}
		legend := `<legend class="visually-hidden" id="p` + n + `-legend">Phần ` + itoa(int64(i+1)) + `: ` + name + `</legend>`
		if !strings.Contains(body, legend) {
			t.Errorf("part %d lacks %s", i, legend)
		}
		if button := `id="p` + n + `-regen" aria-labelledby="p` + n + `-regen p` + n + `-legend">Tạo lại phần này`; !strings.Contains(body, button) {
			t.Errorf("part %d's button lacks %s", i, button)
		}
	}
}

// A failed login marks both fields and describes them with the message;
// the title says it failed. A lone quote that cannot be searched titles
// the page "Lỗi: Tìm kiếm", not `Tìm kiếm: "`.
func TestLoginFailureMarksFields(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.client()
	code, _, body := read(x.post(c, "/login", url.Values{"username": {"pnv"}, "password": {"sai mật khẩu"}}))
	if code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", code)
	}
	for _, want := range []string{
		`<p class="alert" role="alert" id="login-error">`,
		`required autofocus aria-invalid="true" aria-describedby="login-error">`,
		`autocomplete="current-password" required aria-invalid="true" aria-describedby="login-error">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused login lacks %s:\n%s", want, grep(body, "<input"))
		}
	}
	if got := pageTitle(body); got != "Lỗi: Đăng nhập · tiendo" {
		t.Errorf("title %q", got)
	}
	if _, body := x.get(c, "/login"); strings.Contains(body, "aria-invalid") || pageTitle(body) != "Đăng nhập · tiendo" {
		t.Errorf("the login form afresh: title %q, marked %v", pageTitle(body), strings.Contains(body, "aria-invalid"))
	}
}

func TestSearchFailureTitle(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	code, body := x.get(c, "/search?q="+url.QueryEscape(strings.Repeat("dài ", 60)))
	if code != http.StatusBadRequest {
		t.Fatalf("too long a query: %d", code)
	}
	if got := pageTitle(body); got != "Lỗi: Tìm kiếm · tiendo" {
		t.Errorf("refused search titled %q", got)
	}
	if _, body := x.get(c, "/search?q=c%E1%BA%A3i"); pageTitle(body) != "Tìm kiếm: “cải” · tiendo" {
		t.Errorf("search titled %q", pageTitle(body))
	}
}
