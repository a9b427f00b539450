package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo/internal/store"
)

// A report sent after the session ended says so, leads back to the report
// after logging in again, and tells the unit that the browser still holds
// what it typed.
func TestSessionExpiredOnSave(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	u, err := x.st.UserByUsername(context.Background(), "pnv")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.SetPassword(context.Background(), store.Actor{}, u.ID, pw); err != nil { // ends every session
		t.Fatal(err)
	}
	form := url.Values{"version": {"0"}, "op": {"save"}, "t" + itoa(x.round.Tasks[0].ID) + ".result_vs_plan": {"Đã làm xong"}}
	code, _, body := read(x.postBody(c, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), "Referer", x.srv.URL+path))
	page := html.UnescapeString(body)
	if code != http.StatusUnauthorized {
		t.Errorf("save after the session ended: %d, want 401", code)
	}
	for _, want := range []string{"Phiên đăng nhập đã hết hạn", `href="/login?next=` + url.QueryEscape(path) + `"`, "vẫn được trình duyệt này giữ lại"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, grep(page, "alert"))
		}
	}
}

// hiddenInput is a hidden field of a page, its value unescaped.
var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)

// An office's edit of the consolidated report sent after the session ended
// is kept in the page that refuses it: logged in again (in another tab),
// "Gửi lại" sends it as it was, and it is saved. A password is never kept.
func TestSessionExpiredKeepsForm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := printRound(t, x)
	c := x.login("vanphong")
	draftReport(t, x, c, r)
	path := "/rounds/" + itoa(r.ID) + "/consolidated"
	form := reportForm(storedReport(t, x, r), "save")
	typed := "Đoạn mở đầu gõ lại \"cẩn thận\" <b>không</b> mất & dài\nhai dòng."
	form.Set("p0.text", typed)
	form.Set("password", "không-được-giữ")

	u, err := x.st.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.SetPassword(context.Background(), store.Actor{}, u.ID, pw); err != nil { // ends every session
		t.Fatal(err)
	}
	code, _, body := read(x.postBody(c, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), "Referer", x.srv.URL+path))
	if code != http.StatusUnauthorized {
		t.Fatalf("save after the session ended: %d, want 401", code)
	}
	if !strings.Contains(body, `<form method="post" action="`+path+`" id="resend-form">`) || !strings.Contains(body, "bấm “Gửi lại”") || !strings.Contains(body, `id="resend-login"`) {
		t.Fatalf("the page offers no “Gửi lại”:\n%s", grep(body, "resend"))
	}
	kept := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		kept.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	if kept.Has("password") || strings.Contains(body, "không-được-giữ") {
		t.Error("the page carries the password sent")
	}
	form.Del("password")
	for k := range form {
		if kept.Get(k) != form.Get(k) {
			t.Errorf("kept %s = %q, want %q", k, kept.Get(k), form.Get(k))
		}
	}

	c = x.login("vanphong") // in another tab
	if code, loc, _ := read(x.post(c, path, kept)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("“Gửi lại”: %d %s, want it saved", code, loc)
	}
	if got := storedReport(t, x, r); got.Parts[0].Text != typed {
		t.Errorf("saved opening %q, want the text typed before the session ended", got.Parts[0].Text)
	}
}

// A directive pasted into the intake (a multipart form, as its handler
// reads it) sent after the session ended is sent again the same way.
func TestSessionExpiredKeepsIntake(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	u, err := x.st.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.SetPassword(context.Background(), store.Actor{}, u.ID, pw); err != nil {
		t.Fatal(err)
	}
	body, ct := multipartForm(url.Values{"text": {intakeDirective}}, "", nil)
	code, _, page := read(x.postBody(c, "/rounds/new", ct, body, "Referer", x.srv.URL+"/rounds/new"))
	if code != http.StatusUnauthorized || !strings.Contains(page, `<form method="post" action="/rounds/new" id="resend-form" enctype="multipart/form-data">`) {
		t.Fatalf("the intake after the session ended: %d, want 401 with a multipart “Gửi lại”:\n%s", code, grep(page, "resend-form"))
	}
	kept := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		kept.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	c = x.login("vanphong")
	body, ct = multipartForm(kept, "", nil)
	code, _, page = read(x.postBody(c, "/rounds/new", ct, body))
	if code != http.StatusOK || !strings.Contains(html.UnescapeString(page), intakeDirective) {
		t.Fatalf("“Gửi lại”: %d, want the preview of the directive", code)
	}
}
