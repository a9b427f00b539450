package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/store"
	"tiendo/internal/web"
)

// A draft's file is rendered once and given again, to whoever shares the
// sheets kept, until something it is drawn from changes, and only then: a
// login leaves it kept; a report sent, the document saved, its approval
// (the approver signs) and a new day each have it rendered again, and
// every file is the one a server that has kept nothing gives. Each kind is
// kept apart.
func TestConsolidatedFileKeptUntilItsInputChanges(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	clock, pastMidnight := beforeMidnight()
	x.st.Now = clock

	office, leader := x.login("vanphong"), x.login("lanhdao")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	srv := x.srv.Config.Handler.(*web.Server)
	draftReport(t, x, office, x.round)
	get := func(x *app, c *http.Client, kind string) []byte {
		t.Helper()
		resp, err := c.Get(x.srv.URL + page + "/file/" + kind)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %.300s", kind, resp.StatusCode, data)
		}
		return data
	}
	rendered := web.FilesRendered(srv)
	download := func(step string, c *http.Client, kind string, render bool, want string) {
		t.Helper()
		data := get(x, c, kind)
		n := web.FilesRendered(srv)
		switch {
		case render && n != rendered+1:
			t.Errorf("%s: %s rendered %d times, want once", step, kind, n-rendered)
		case !render && n != rendered:
			t.Errorf("%s: %s rendered %d times, want the one kept", step, kind, n-rendered)
		}
		rendered = n
		if kind == "xlsx" {
			return // its properties carry the moment it is written
		}
		fresh := &app{t: t, st: x.st}
		fresh.srv = newServer(t, x.st)
		if afresh := get(fresh, fresh.login("vanphong"), kind); !bytes.Equal(data, afresh) {
			t.Errorf("%s: the %s (%d bytes) is not the one rendered afresh (%d bytes)", step, kind, len(data), len(afresh))
		}
		if kind == "docx" && want != "" && !slices.ContainsFunc(docxParagraphs(t, data), func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("%s: the docx does not say %q", step, want)
		}
	}
	download("the first download", office, "docx", true, "DỰ THẢO")
	download("again", office, "docx", false, "")
	download("by the leader", leader, "docx", false, "")
	download("the first pdf", office, "pdf", true, "")
	download("the pdf again", leader, "pdf", false, "")
	download("the first xlsx", office, "xlsx", true, "")
	download("the xlsx again", office, "xlsx", false, "")

	x.login("cah")
	download("after a login", office, "docx", false, "")
	x.submitAs("pnv", x.a)
	download("a report sent", office, "docx", true, "")
	download("a report sent, the pdf", office, "pdf", true, "")
	download("again", office, "docx", false, "")

	c := storedReport(t, x, x.round)
	form := reportForm(c, "save")
	form.Set("subject", "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm")
	if code, loc := x.postDoc(office, page, form); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	download("the document saved", office, "docx", true, "kết quả thực hiện nhiệm vụ trọng tâm")
	if code, loc := x.postDoc(office, page, reportForm(storedReport(t, x, x.round), "send")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send: %d %s", code, loc)
	}
	download("sent", leader, "docx", true, "")
	approve := url.Values{"op": {"approve"}, "version": {itoa(int64(storedReport(t, x, x.round).Version))}, "confirm_stale": {"1"}}
	if code, loc := x.postDoc(leader, page, approve); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=approve") {
		t.Fatalf("approve: %d %s", code, loc)
	}
	download("approved", office, "docx", true, "Hoàng Văn Minh")
	lanhdao := x.user("lanhdao")
	lanhdao.FullName = "Hoàng Văn Minh Tuấn"
	if err := x.st.UpdateUser(ctx, store.Actor{}, lanhdao); err != nil {
		t.Fatal(err)
	}
	download("the approver renamed", office, "docx", true, "Hoàng Văn Minh Tuấn")
	download("again", office, "docx", false, "")
	pastMidnight()
	download("the next day", office, "docx", true, "")
	download("again the next day", leader, "docx", false, "")
}
