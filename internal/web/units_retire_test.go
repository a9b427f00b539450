package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// yesterday is a day the store accepts as a retirement day.
func yesterday() time.Time {
	d := time.Now().In(tiendo.Zone).AddDate(0, 0, -1)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, tiendo.Zone)
}

func TestUnitListFilterAndRetired(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	x.a.Aliases = []string{"Phòng Tổ chức"}
	if err := x.st.UpdateUnit(ctx, store.Actor{}, x.a); err != nil {
		t.Fatal(err)
	}
	if err := x.st.RetireUnit(ctx, store.Actor{}, x.b.ID, yesterday(), "Sáp nhập vào Công an tỉnh"); err != nil {
		t.Fatal(err)
	}
	c := x.login("admin")
	day := yesterday().Format("02/01/2006")

	code, body := x.get(c, "/admin/units")
	if code != http.StatusOK || !strings.Contains(body, "Phòng Nội vụ") || strings.Contains(body, "Công an huyện") ||
		!strings.Contains(body, "1 đơn vị ngừng hoạt động đang ẩn") {
		t.Errorf("list: %d; want the working unit, the retired one hidden and counted\n%s", code, body)
	}
	_, body = x.get(c, "/admin/units?all=1")
	if r := row(t, body, "Công an huyện"); !strings.Contains(r, `class="muted retired"`) || !strings.Contains(r, "Ngừng hoạt động từ "+day+": Sáp nhập vào Công an tỉnh") {
		t.Errorf("retired row, ticked: %s", r)
	}
	if !strings.Contains(body, `name="all" type="checkbox" value="1" checked`) {
		t.Error("the box is not ticked on the page it ticked")
	}
	for _, c2 := range []struct {
		q, want, not string
	}{
		{"noi vu", "Phòng Nội vụ", "Công an huyện"},  // no diacritics
		{"PNV", "Phòng Nội vụ", "Công an huyện"},     // the code, any case
		{"to chuc", "Phòng Nội vụ", "Công an huyện"}, // an alias
		{"công an", "Công an huyện", "Phòng Nội vụ"}, // with diacritics, retired shown (all=1)
		{"khong co", "Không có đơn vị nào khớp", "Phòng Nội vụ"},
	} {
		_, body := x.get(c, "/admin/units?all=1&q="+url.QueryEscape(c2.q))
		if !rowHas(body, c2.want) || rowHas(body, c2.not) {
			t.Errorf("q=%q: want a row with %q, none with %q", c2.q, c2.want, c2.not)
		}
	}
	// Without the box ticked, a match that is retired is hidden, and said so.
	_, body = x.get(c, "/admin/units?q=cong+an")
	if rowHas(body, "Công an huyện") || !strings.Contains(body, "1 đơn vị ngừng hoạt động đang ẩn") {
		t.Errorf("q=cong an, not ticked: the retired unit shows or is not counted")
	}
}

// rowHas reports whether a table row of body holds text.
func rowHas(body, text string) bool {
	for _, r := range strings.Split(body, "<tr")[1:] {
		if strings.Contains(r, text) {
			return true
		}
	}
	return false
}

func TestUserListFilter(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("admin")
	_, body := x.get(c, "/admin/users?q=cong+an")
	if !rowHas(body, `>cah</a>`) || rowHas(body, `>pnv</a>`) {
		t.Errorf("q=cong an (the unit's name, no diacritics): want cah only\n%s", body)
	}
	_, body = x.get(c, "/admin/users?q=minh")
	if !rowHas(body, `>lanhdao</a>`) || rowHas(body, `>admin</a>`) {
		t.Error("q=minh (a full name): want lanhdao only")
	}
	if err := x.st.RetireUnit(ctx, store.Actor{}, x.b.ID, yesterday(), ""); err != nil {
		t.Fatal(err)
	}
	_, body = x.get(c, "/admin/users")
	if rowHas(body, `>cah</a>`) || !strings.Contains(body, "1 người dùng của đơn vị ngừng hoạt động đang ẩn") {
		t.Error("a retired unit's user is listed without the box ticked")
	}
	_, body = x.get(c, "/admin/users?all=1")
	if r := row(t, body, ">cah</a>"); !strings.Contains(r, `class="muted retired"`) || !strings.Contains(r, "ngừng hoạt động từ "+yesterday().Format("02/01/2006")) {
		t.Errorf("retired unit's user row: %s", r)
	}
	// The user form offers the retired unit only to a user already in it.
	cah, err := x.st.UserByUsername(ctx, "cah")
	if err != nil {
		t.Fatal(err)
	}
	option := fmt.Sprintf(`<option value="%d"`, x.b.ID)
	if _, form := x.get(c, fmt.Sprintf("/admin/users/%d", cah.ID)); !strings.Contains(form, option) {
		t.Error("the retired unit's own user's form does not offer its unit")
	}
	if code, form := x.get(c, "/admin/users/new"); code != http.StatusOK || !strings.Contains(form, `id="unit_id"`) || strings.Contains(form, option) {
		t.Errorf("a new user's form (%d) offers a unit that stopped working, or no unit at all", code)
	}
	// Their account still works: they can sign in and read their history.
	if code, _ := x.get(x.login("cah"), "/rounds/"+fmt.Sprint(x.round.ID)); code != http.StatusOK {
		t.Errorf("a retired unit's user reads an old round: %d, want 200", code)
	}
}

func TestUnitRetireForm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("admin")
	path := fmt.Sprintf("/admin/units/%d", x.b.ID)
	_, body := x.get(c, path)
	if !strings.Contains(body, `action="`+path+`/retire"`) || strings.Contains(body, "/reactivate") {
		t.Fatalf("form of a working unit: no retire form, or a reactivate one\n%s", body)
	}
	// A day that is not one: 422, what was typed kept.
	resp := x.post(c, path+"/retire", url.Values{"retired_on": {"31/02/2025"}, "retired_note": {"Sáp nhập"}})
	b := readBody(resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "Không có ngày 31/02/2025: hãy kiểm tra lại ngày và tháng.") || !strings.Contains(b, `value="Sáp nhập"`) {
		t.Errorf("no such day: %d\n%s", resp.StatusCode, b)
	}
	resp = x.post(c, path+"/retire", url.Values{"retired_on": {"1 tháng 7"}, "retired_note": {"Sáp nhập"}})
	if b := readBody(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "Viết ngày/tháng/năm như 01/07/2025") {
		t.Errorf("bad day: %d\n%s", resp.StatusCode, b)
	}
	// A parent of a working unit: 422 naming it.
	child := &tiendo.Unit{Code: "doi", Name: "Đội Cảnh sát giao thông", ParentID: x.b.ID}
	if err := x.st.CreateUnit(ctx, store.Actor{}, child); err != nil {
		t.Fatal(err)
	}
	day := yesterday().Format("02/01/2006")
	resp = x.post(c, path+"/retire", url.Values{"retired_on": {day}})
	b = readBody(resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "còn 1 đơn vị trực thuộc đang hoạt động") || !strings.Contains(b, "Đội Cảnh sát giao thông") {
		t.Errorf("retire a parent: %d\n%s", resp.StatusCode, b)
	}
	if err := x.st.RetireUnit(ctx, store.Actor{}, child.ID, yesterday(), ""); err != nil {
		t.Fatal(err)
	}
	resp = x.post(c, path+"/retire", url.Values{"retired_on": {day}, "retired_note": {"Sáp nhập vào Công an tỉnh"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/admin/units?done=retired&id=%d", x.b.ID) {
		t.Fatalf("retire: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if u, _ := x.st.Unit(ctx, x.b.ID); !u.Retired() || u.RetiredNote != "Sáp nhập vào Công an tỉnh" {
		t.Errorf("stored %+v", u)
	}
	_, body = x.get(c, "/admin/units?done=retired&id="+fmt.Sprint(x.b.ID))
	if !strings.Contains(body, "đã ngừng hoạt động từ "+day) {
		t.Error("no notice after retiring")
	}
	_, body = x.get(c, path)
	if !strings.Contains(body, "Đơn vị này đã ngừng hoạt động từ "+day) || !strings.Contains(body, path+"/reactivate") {
		t.Errorf("form of a retired unit\n%s", body)
	}
	// The retired unit's old round still names it.
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d", x.round.ID)); !strings.Contains(body, "Công an huyện") {
		t.Error("the old round no longer names the retired unit")
	}
	resp = x.post(c, path+"/reactivate", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reactivate: %d", resp.StatusCode)
	}
	if u, _ := x.st.Unit(ctx, x.b.ID); u.Retired() {
		t.Error("still retired after “Cho hoạt động trở lại”")
	}
	rows, _ := x.st.AuditSearch(ctx, store.AuditFilter{Entity: "unit", EntityID: x.b.ID})
	actions := map[string]bool{}
	for _, r := range rows {
		actions[r.Action] = true
	}
	if !actions["retire"] || !actions["reactivate"] {
		t.Errorf("audit actions %v, want retire and reactivate", actions)
	}
	_, body = x.get(c, fmt.Sprintf("/admin/audit?entity=unit&entity_id=%d", x.b.ID))
	if !strings.Contains(body, "Cho đơn vị ngừng hoạt động") {
		t.Error("the audit page does not name the retire action in Vietnamese")
	}
}

// A retired unit is neither matched in a new directive nor offered in the
// new round's pickers.
func TestIntakeLeavesRetiredUnitsOut(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	box := func(id int64) string { return fmt.Sprintf(`name="recipients" value="%d"`, id) }
	_, body := x.postIntake(c, intakeDirective)
	if !strings.Contains(body, box(x.b.ID)+" checked") {
		t.Fatalf("before: Công an huyện is not a checked recipient\n%s", body)
	}
	if err := x.st.RetireUnit(context.Background(), store.Actor{}, x.b.ID, yesterday(), ""); err != nil {
		t.Fatal(err)
	}
	_, body = x.postIntake(c, intakeDirective)
	if strings.Contains(body, box(x.b.ID)) || !strings.Contains(body, box(x.a.ID)+" checked") {
		t.Errorf("after: the retired unit is offered, or the working one lost")
	}
	if strings.Contains(body, fmt.Sprintf(`<option value="%d"`, x.b.ID)) {
		t.Error("after: the retired unit is offered as a task's unit")
	}
}

func readBody(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
