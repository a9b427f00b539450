package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSearchPage(t *testing.T) {
	x := newApp(t)
	c := x.login("vanphong")

	code, body := x.get(c, "/search?q="+url.QueryEscape("cai cach hanh chinh"))
	if code != http.StatusOK {
		t.Fatalf("search: %d\n%s", code, body)
	}
	for _, want := range []string{
		"Nâng cao chỉ số <mark>cải cách hành chính</mark>", // the task, highlighted
		`href="/rounds/` + itoa(x.round.ID) + `#tasks-h"`,
		"Nhiệm vụ 1 · Báo cáo nhiệm vụ trọng tâm năm nay",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q:\n%s", want, body)
		}
	}
	// The search box is on every page.
	if _, home := x.get(c, "/"); !strings.Contains(home, `action="/search"`) {
		t.Errorf("home page has no search box")
	}

	// What was typed is shown back escaped, never run.
	evil := `<script>alert("x")</script> cải`
	code, body = x.get(c, "/search?q="+url.QueryEscape(evil))
	if code != http.StatusOK || strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; cải") {
		t.Errorf("query with a script: %d, want it escaped:\n%s", code, body)
	}

	// A query too long to search is shown back with why.
	long := strings.Repeat("dài ", 60)
	if code, body := x.get(c, "/search?q="+url.QueryEscape(long)); code != http.StatusBadRequest || !strings.Contains(body, "Từ khóa quá dài") || !strings.Contains(body, "dài dài") {
		t.Errorf("too long: %d, want 400 with the message and the query:\n%s", code, body)
	}
	// No query: the empty box.
	if code, body := x.get(c, "/search"); code != http.StatusOK || !strings.Contains(body, `name="q"`) {
		t.Errorf("empty search: %d", code)
	}

	// A unit's reporter does not find the draft round, which the office does.
	if _, body := x.get(c, "/search?q=nhap"); !strings.Contains(body, "Đợt <mark>nháp</mark> chưa phát hành") {
		t.Errorf("office does not find the draft round:\n%s", body)
	}
	if _, body := x.get(x.login("pnv"), "/search?q=nhap"); strings.Contains(body, "Đợt <mark>nháp</mark>") || !strings.Contains(body, "Không tìm thấy") {
		t.Errorf("reporter finds the draft round:\n%s", body)
	}
}
