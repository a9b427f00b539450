package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
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
