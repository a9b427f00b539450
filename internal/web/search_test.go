package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
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

// An issued consolidated report is found by its number and symbol, shown
// with its kind and linked to its page; a unit's reporter does not find it.
func TestSearchFindsIssuedDocument(t *testing.T) {
	x := newApp(t)
	ctx := context.Background()
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	leader, _ := x.st.UserByUsername(ctx, "lanhdao")
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: x.round.ID, Subject: "Kết quả cải cách thủ tục đất đai",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: "Đã số hóa hồ sơ địa chính của 12 xã."}}}
	if err := x.st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		t.Fatal(err)
	}
	c, err := x.st.ActOnDoc(ctx, store.Actor{}, office, x.round.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{}, leader, x.round.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	in := store.Issue{Issuer: "UBND huyện", Symbol: "BC-UBND", DocType: "BC", Signer: "Hoàng Văn Minh",
		Render: func(int, time.Time) (map[string][]byte, error) { return map[string][]byte{"docx": []byte("x")}, nil }}
	if _, err := x.st.IssueDoc(ctx, store.Actor{}, office, x.round.ID, tiendo.DocReport, c.Version, in); err != nil {
		t.Fatal(err)
	}

	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	vp := x.login("vanphong")
	code, body := x.get(vp, "/search?q="+url.QueryEscape("01/BC-UBND"))
	if code != http.StatusOK {
		t.Fatalf("search: %d\n%s", code, body)
	}
	for _, want := range []string{
		`<small class="badge">Báo cáo tổng hợp</small>`,
		`<a href="` + page + `">Số <mark>01</mark>/<mark>BC</mark>-<mark>UBND</mark>: Kết quả cải cách thủ tục đất đai</a>`,
		" · Báo cáo nhiệm vụ trọng tâm năm nay", // the round, after the issue date
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q:\n%s", want, body)
		}
	}
	if _, body := x.get(vp, "/search?q="+url.QueryEscape("dia chinh")); !strings.Contains(body, "hồ sơ <mark>địa chính</mark> của 12 xã") {
		t.Errorf("searching the report's text:\n%s", body)
	}
	if code, _ := x.get(vp, page); code != http.StatusOK {
		t.Errorf("GET %s: %d, want the report's page", page, code)
	}
	if _, body := x.get(x.login("pnv"), "/search?q="+url.QueryEscape("01/BC-UBND")); strings.Contains(body, page) || !strings.Contains(body, "Không tìm thấy") {
		t.Errorf("a reporter finds the consolidated report:\n%s", body)
	}
}
