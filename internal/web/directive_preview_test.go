package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo"
)

// The leader approves the công văn they read on its page: the page shows it
// as its files print it, the tasks given to each unit, "Nơi nhận" and the
// signature included, not only its prose.
func TestDirectiveLeaderReadsTheTasks(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	leader := x.login("lanhdao")
	page, _ := directiveSent(t, x, x.round.ID)
	_, body := x.get(leader, page)
	for _, want := range []string{`class="sheet`, "Nâng cao chỉ số cải cách hành chính", "Giảm số vụ phạm pháp hình sự 5% trở lên", "Nơi nhận:", "PHÓ CHÁNH VĂN PHÒNG", `id="approve"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the leader's page lacks %q", want)
		}
	}
	if strings.Contains(body, "xem tệp Word hoặc PDF") {
		t.Errorf("the leader's page still sends them to the files for the tasks")
	}
}

// directiveSent drafts round id's công văn as the office and sends it to
// the leader as drafted; it returns the page's address and the draft as it
// was before it was sent.
func directiveSent(t *testing.T, x *app, id int64) (string, *tiendo.Document) {
	t.Helper()
	ctx := context.Background()
	office := x.login("vanphong")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(id) + "/directive"
	if code, _ := x.postDoc(office, page+"/new", nil); code != http.StatusSeeOther {
		t.Fatalf("draft: %d", code)
	}
	c, err := x.st.Doc(ctx, officeUser, id, tiendo.DocDirective)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"version": {itoa(int64(c.Version))}, "op": {"send"}, "subject": {c.Subject}}
	for i, p := range c.Parts {
		form.Set("p"+itoa(int64(i))+".text", p.Text)
	}
	if code, loc := x.postDoc(office, page, form); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("save and send: %d %s", code, loc)
	}
	return page, c
}
