package web_test

import (
	"context"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The outgoing register lists the issued report with its number, date,
// kind, subject, signer, round and files, for the office, leaders and
// readers, from their menu; a year without documents lists none; the units
// may not open it.
func TestRegisterPage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	year := c.IssuedAt.In(tiendo.Zone).Year()

	for _, who := range []string{"vanphong", "lanhdao", "huyenuy"} {
		client := x.login(who)
		_, home := x.get(client, "/")
		if !strings.Contains(home, `<a href="/register">Sổ văn bản đi</a>`) {
			t.Errorf("%s: the menu has no link to the register", who)
		}
		code, page := x.get(client, "/register")
		if code != http.StatusOK {
			t.Fatalf("%s: /register %d", who, code)
		}
		base := "/rounds/" + itoa(r.ID) + "/consolidated"
		for _, want := range []string{
			`<a href="/register" aria-current="page">Sổ văn bản đi</a>`,
			`<a href="` + base + `">01/BC-UBND</a>`,
			"<td data-label=\"Ngày\">" + c.IssuedAt.In(tiendo.Zone).Format("02/01/2006") + "</td>",
			`<td class="register-subject"><span class="register-kind">Báo cáo</span> ` + c.Subject,
			"<td data-label=\"Người ký\">Hoàng Văn Minh</td>",
			`<a href="/rounds/` + itoa(r.ID) + `">` + r.Title + `</a>`,
			`href="` + base + `/file/docx"`, `href="` + base + `/file/pdf"`, `href="` + base + `/print"`,
			`<option value="` + itoa(int64(year)) + `" selected>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the register lacks %s", who, want)
			}
		}
	}

	_, all := x.get(office, "/register?year=all")
	if !strings.Contains(all, "01/BC-UBND") || !strings.Contains(all, `<option value="all" selected>`) {
		t.Error("every year's register does not list the report")
	}
	_, old := x.get(office, "/register?year=2001")
	if strings.Contains(old, "01/BC-UBND") || !strings.Contains(old, "Năm 2001 chưa có văn bản nào được ban hành.") {
		t.Error("the register of 2001 is not empty")
	}
	if code, _ := x.get(office, "/register?year=năm-ngoái"); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
		t.Errorf("a year that is not one: %d, want 400 or 422", code)
	}

	// The units neither see the link nor open the page; the administrator
	// may open it but its menu, the system's, does not list it.
	pnv := x.login("pnv")
	if _, home := x.get(pnv, "/"); strings.Contains(home, `href="/register"`) {
		t.Error("a unit's menu links to the register")
	}
	if code, _ := x.get(pnv, "/register"); code != http.StatusForbidden {
		t.Errorf("a unit opens the register: %d, want 403", code)
	}
	admin := x.login("admin")
	if _, home := x.get(admin, "/"); strings.Contains(home, `href="/register"`) {
		t.Error("the administrator's menu links to the register")
	}
}

// A công văn is in the register with its "V/v" line and its own files.
func TestRegisterLinksTheDirective(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	issueReport(t, x, office, r)
	// The round's công văn is issued after the report, so it comes first.
	issueDirective(t, x, office, r)
	_, page := x.get(office, "/register")
	cv := strings.Index(page, `<a href="/rounds/`+itoa(r.ID)+`/directive">02/UBND-VP</a>`)
	bc := strings.Index(page, `01/BC-UBND</a>`)
	if cv < 0 || bc < 0 || cv > bc {
		t.Fatalf("the register does not list the công văn 02 before the report 01 (at %d and %d):\n%s", cv, bc, page)
	}
	for _, want := range []string{`<span class="register-kind">Công văn</span> V/v `, `href="/rounds/` + itoa(r.ID) + `/directive/file/pdf"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the register lacks %s", want)
		}
	}
	// The files download under the number as the register writes it and
	// the year: the reports of two years have the same number.
	year := itoa(int64(x.st.Now().In(tiendo.Zone).Year()))
	for path, want := range map[string]string{
		"/directive/file/pdf":     "cong-van-so-02-UBND-VP-" + year + ".pdf",
		"/consolidated/file/docx": "bao-cao-tong-hop-so-01-BC-UBND-" + year + ".docx",
	} {
		resp, err := office.Get(x.srv.URL + "/rounds/" + itoa(r.ID) + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cd := resp.Header.Get("Content-Disposition")
		if _, params, err := mime.ParseMediaType(cd); err != nil || params["filename"] != want {
			t.Errorf("GET %s: Content-Disposition %q, want the file name %q", path, cd, want)
		}
	}
}

// approveDirective drafts round r's công văn on its page and has it sent
// and approved, ready to issue.
func approveDirective(t *testing.T, x *app, office *http.Client, r *tiendo.Round) *tiendo.Document {
	t.Helper()
	ctx := context.Background()
	resp := x.post(office, "/rounds/"+itoa(r.ID)+"/directive/new", nil)
	resp.Body.Close()
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c, err := x.st.Doc(ctx, vp, r.ID, tiendo.DocDirective)
	if err != nil {
		t.Fatalf("draft công văn (%d): %v", resp.StatusCode, err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocDirective, store.DocSend, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocDirective, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	return c
}

// issueDirective drafts round r's công văn, has it sent and approved, and
// issues it on its page.
func issueDirective(t *testing.T, x *app, office *http.Client, r *tiendo.Round) {
	t.Helper()
	c := approveDirective(t, x, office, r)
	resp := x.post(office, "/rounds/"+itoa(r.ID)+"/directive", url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"}, "confirm_issue": {"1"},
		"signer_authority": {"TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG"}, "signer_title": {"PHÓ CHÁNH VĂN PHÒNG"}, "signer_name": {"Hoàng Thị Bình"}})
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=issued") {
		t.Fatalf("issue công văn: %d %s", resp.StatusCode, loc)
	}
}

// Issuing takes the register's next number and cannot be undone: without
// the confirmation box ticked it is refused, in Vietnamese, with the signer
// as typed, and nothing is issued.
func TestIssueAsksForConfirmation(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	r := x.round
	c := approveDirective(t, x, office, r)
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	code, _, body := read(x.post(office, "/rounds/"+itoa(r.ID)+"/directive", url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"},
		"signer_authority": {"TL. CHỦ TỊCH"}, "signer_title": {"CHÁNH VĂN PHÒNG"}, "signer_name": {"Hoàng Thị Bình"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "hãy đánh dấu ô xác nhận") || !strings.Contains(body, `id="confirm_issue" aria-describedby="confirm_issue-hint" aria-invalid="true"`) ||
		!strings.Contains(body, `value="Hoàng Thị Bình"`) {
		t.Errorf("issue without the box: %d, want 422 marking the box, the signer kept\n%s", code, grep(body, "confirm_issue"))
	}
	if got, _ := x.st.Doc(ctx, vp, r.ID, tiendo.DocDirective); got.Status != tiendo.DocApproved || got.Number != 0 {
		t.Errorf("after the refused issue the công văn is %s with number %d", got.Status, got.Number)
	}
}

// Issuing the công văn of a draft round publishes it, past the publish
// button's confirmation, so the công văn's page warns of the same things:
// a deadline passed, units without the head the round asks for.
func TestDirectiveWarnsBeforePublishing(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := &tiendo.Round{Title: "Báo cáo cần lãnh đạo duyệt", Deadline: time.Now().Add(-time.Hour), HeadApproval: true, UnitIDs: []int64{x.a.ID, x.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	office := x.login("vanphong")
	resp := x.post(office, "/rounds/"+itoa(r.ID)+"/directive/new", nil)
	resp.Body.Close()
	_, page := x.get(office, "/rounds/"+itoa(r.ID)+"/directive")
	for _, want := range []string{"không sau ngày ban hành công văn", "2 đơn vị chưa có tài khoản lãnh đạo đơn vị"} {
		if !strings.Contains(page, want) {
			t.Errorf("the công văn of a draft round does not warn %q", want)
		}
	}
}

// The home page of whoever reads the register leads with what was issued
// last; a unit's home does not.
func TestHomeListsNewlyIssued(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	if _, home := x.get(x.login("huyenuy"), "/"); strings.Contains(home, "Văn bản mới ban hành") {
		t.Errorf("the reader's home lists issued documents before any was issued")
	}
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	base := "/rounds/" + itoa(r.ID) + "/consolidated"
	for _, who := range []string{"huyenuy", "lanhdao", "vanphong"} {
		_, home := x.get(x.login(who), "/")
		for _, want := range []string{"Văn bản mới ban hành", `<a href="` + base + `">Báo cáo số 01/BC-UBND</a>: ` + c.Subject,
			c.IssuedAt.In(tiendo.Zone).Format("02/01/2006") + " · Hoàng Văn Minh ký", `href="` + base + `/file/pdf"`, `<a href="/register">Xem cả sổ văn bản đi</a>`} {
			if !strings.Contains(home, want) {
				t.Errorf("%s's home lacks %q", who, want)
			}
		}
	}
	if _, home := x.get(x.login("pnv"), "/"); strings.Contains(home, "Văn bản mới ban hành") {
		t.Errorf("a unit's home lists the register")
	}
}
