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
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")

	code, body := x.get(c, "/search?q="+url.QueryEscape("cai cach hanh chinh"))
	if code != http.StatusOK {
		t.Fatalf("search: %d\n%s", code, body)
	}
	for _, want := range []string{
		// The task, titled by its label and round as people name it, and
		// its text, where the words were found, under the title.
		`<a href="/rounds/` + itoa(x.round.ID) + `#task-` + itoa(x.round.Tasks[0].ID) + `">Nhiệm vụ 1 · Báo cáo nhiệm vụ trọng tâm năm nay</a>`,
		"<p>Nâng cao chỉ số <mark>cải cách hành chính</mark></p>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q:\n%s", want, body)
		}
	}
	// A target found leads to its page, its values across periods.
	tg := x.round.Tasks[1].Targets[0]
	if _, body := x.get(c, "/search?q="+url.QueryEscape("giảm 5% trở lên")); !strings.Contains(body, `<a href="/targets/`+itoa(tg.ID)+`">`) {
		t.Errorf("a target found does not link its page /targets/%d:\n%s", tg.ID, grep(body, "targets"))
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
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	leader, _ := x.st.UserByUsername(ctx, "lanhdao")
	// The text has an "UBND" and an "01" far from its start, which have
	// nothing to do with the report's number.
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: x.round.ID, Subject: "Kết quả cải cách thủ tục đất đai",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: "Đã số hóa hồ sơ địa chính của 12 xã."},
			{Key: "results", Text: strings.Repeat("Việc tiếp nhận, trả kết quả được thực hiện qua bộ phận một cửa. ", 5) +
				"UBND các xã đã cập nhật 01 bộ cơ sở dữ liệu đất đai."}}}
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
		// Under it, the start of the report's text: the number is in the
		// title, and nothing in the text is about it.
		"<p>Đã số hóa hồ sơ địa chính của 12 xã. Việc tiếp nhận",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q:\n%s", want, body)
		}
	}
	if n := strings.Count(body, "<mark>UBND</mark>"); n != 1 {
		t.Errorf("“UBND” is marked %d times, want once, in the number:\n%s", n, body)
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

// A result in a unit's report links to the section it was found in, and
// the section is there for everyone who finds it: the unit writing its
// report (the form), and the office, leaders, readers and the unit once it
// has sent it (the report as read).
func TestSearchLinksLandOnTheSection(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	round := &tiendo.Round{Title: "Bảo đảm an ninh trật tự dịp Tết", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Tăng cường tuần tra, kiểm soát", Assignees: []tiendo.Assignee{
			{UnitID: x.b.ID, Role: tiendo.Lead}, {UnitID: x.a.ID, Role: tiendo.Support}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, round); err != nil {
		t.Fatal(err)
	}
	// cah leads the task and writes its section; pnv supports it and
	// writes its contribution.
	write := func(username string, unit *tiendo.Unit, fill func(*tiendo.UnitReport)) *tiendo.UnitReport {
		t.Helper()
		u, err := x.st.UserByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := x.st.Report(ctx, u, round.ID, unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		fill(rep)
		if err := x.st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	cah := write("cah", x.b, func(rep *tiendo.UnitReport) {
		rep.Sections[0].Status, rep.Sections[0].ResultVsPlan = "on_track", "Đã tổ chức 12 đợt tuần tra ven sông Thương."
	})
	pnv := write("pnv", x.a, func(rep *tiendo.UnitReport) {
		rep.Contributions[0].Text = "Phối hợp tuyên truyền pháp luật tại 8 thôn."
	})

	// lands searches q as username and checks that the result in unit's
	// report links to an anchor the report's page has for that user.
	lands := func(stage, username, q string, unit *tiendo.Unit, anchor string) {
		t.Helper()
		c := x.login(username)
		_, body := x.get(c, "/search?q="+url.QueryEscape(q))
		page := "/rounds/" + itoa(round.ID) + "/reports/" + unit.Code
		link := `href="` + page + "#" + anchor + `"`
		if !strings.Contains(body, link) {
			t.Errorf("%s: %s searching %q: no link %s:\n%s", stage, username, q, link, body)
			return
		}
		code, report := x.get(c, page)
		if code != http.StatusOK || !strings.Contains(report, `id="`+anchor+`"`) {
			t.Errorf("%s: %s opens %s: %d, and the page has no id=%q:\n%s", stage, username, page, code, anchor, report)
		}
	}
	task := round.Tasks[0].ID
	section, contribution := "task-"+itoa(task), "contrib-"+itoa(task)
	// A reader (huyenuy) reads only what units sent: not yet this draft.
	for _, user := range []string{"cah", "vanphong", "lanhdao"} {
		lands("draft", user, "tuan tra ven song", x.b, section)
	}
	for _, user := range []string{"pnv", "vanphong"} {
		lands("draft", user, "tuyen truyen phap luat", x.a, contribution)
	}
	// Sent, the unit's own page shows its report as read, not the form.
	for _, sent := range []struct {
		username string
		unit     *tiendo.Unit
		rep      *tiendo.UnitReport
	}{{"cah", x.b, cah}, {"pnv", x.a, pnv}} {
		u, _ := x.st.UserByUsername(ctx, sent.username)
		if _, err := x.st.ActOnReport(ctx, store.Actor{}, u, round.ID, sent.unit.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: sent.rep.Version, Confirm: true}); err != nil {
			t.Fatal(err)
		}
	}
	for _, user := range []string{"cah", "vanphong", "huyenuy"} {
		lands("sent", user, "tuan tra ven song", x.b, section)
	}
	for _, user := range []string{"pnv", "vanphong"} {
		lands("sent", user, "tuyen truyen phap luat", x.a, contribution)
	}
}
