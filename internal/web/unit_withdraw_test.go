package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// withdrawForm is what the withdrawal's confirmation (page) posts when its
// "Hủy hạn riêng" is pressed.
func withdrawForm(t *testing.T, page string) url.Values {
	t.Helper()
	i := strings.Index(page, `<article id="withdraw-confirm"`)
	if i < 0 {
		t.Fatalf("the page is not the withdrawal's confirmation:\n%s", page)
	}
	f := url.Values{}
	for _, m := range confirmHidden.FindAllStringSubmatch(page[i:], -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	return f
}

// Each unit with a deadline of its own has "Hủy hạn riêng" in the table.
// Pressed, it asks first, naming the unit, its own deadline and the
// round's it will follow; nothing changes until the confirmation's "Hủy
// hạn riêng" is pressed ("Quay lại" goes back to the page; a POST without
// the confirmation asks again). Confirmed, the page says what was done and
// who was told; the unit leaves the table, reads the round's deadline and
// has the notice; the audit page names the act.
func TestUnitWithdraw(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone)
	own := old.AddDate(0, 0, 2)
	if _, err := x.st.ExtendUnitDeadline(ctx, store.Actor{}, &tiendo.User{Role: tiendo.RoleOffice}, x.round.ID, x.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	confirm := path + "/unit/pnv/withdraw"

	_, body := x.get(c, path)
	for _, want := range []string{
		`<td>Phòng Nội vụ</td><td data-label="Hạn riêng">` + deadlineText(own) + `</td><td data-label="Lý do">Trưởng phòng đi công tác</td>`,
		`<form method="get" action="` + confirm + `" class="inline"><button type="submit" class="secondary outline small" id="withdraw-pnv" aria-label="Hủy hạn riêng của Phòng Nội vụ">Hủy` + "\u00a0hạn\u00a0" + `riêng</button></form>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the extension page lacks %q", want)
		}
	}

	code, page := x.get(c, confirm)
	if code != http.StatusOK {
		t.Fatalf("Hủy hạn riêng: %d, want the confirmation", code)
	}
	for _, want := range []string{
		`<h1 id="withdraw-confirm-h">Hủy hạn riêng của Phòng Nội vụ?</h1>`,
		"Phòng Nội vụ đang có hạn riêng <strong>" + deadlineText(own) + "</strong> (lý do: Trưởng phòng đi công tác). Nếu hủy, đơn vị trở lại theo hạn của cả đợt: <strong>" + deadlineText(old) + "</strong>.",
		"Phòng Nội vụ sẽ nhận thông báo trong ứng dụng rằng hạn riêng đã bị hủy và hạn gửi nay là " + deadlineText(old),
		`<a href="` + path + `#unit-extend" class="button secondary" id="withdraw-back">Quay lại</a>`,
		`<form method="post" action="` + confirm + `" class="inline">`,
		`<button type="submit" id="withdraw-go">Hủy hạn riêng</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	if strings.Contains(page, `id="withdraw-late"`) {
		t.Error("the confirmation says the round's deadline has passed; it has not")
	}
	stillOwn := func(when string) {
		t.Helper()
		if got, err := x.st.UnitDeadlines(ctx, x.round.ID); err != nil || len(got) != 1 {
			t.Errorf("%s: unit deadlines %+v, %v; want pnv's still", when, got, err)
		}
	}
	stillOwn("after the confirmation")
	// A POST without the confirmation asks again.
	if code, _, again := read(x.post(c, confirm, url.Values{})); code != http.StatusOK || !strings.Contains(again, `id="withdraw-confirm"`) {
		t.Errorf("a POST without the confirmation: %d, want the confirmation again", code)
	}
	stillOwn("after a POST without the confirmation")
	// "Quay lại" is the extension page, as it was.
	if _, back := x.get(c, path+"#unit-extend"); !strings.Contains(back, `id="withdraw-pnv"`) {
		t.Error("after “Quay lại” the table no longer lists pnv")
	}

	resp := x.post(c, confirm, withdrawForm(t, page))
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != path+"?emails=0&notices=1&ok=withdrawn&unit=pnv#unit-extend" {
		t.Fatalf("confirmed: %d %q, want 303 to %s?emails=0&notices=1&ok=withdrawn&unit=pnv#unit-extend", resp.StatusCode, loc, path)
	}
	_, body = x.get(c, loc)
	want := `id="unit-extended">Đã hủy hạn riêng của Phòng Nội vụ; đơn vị nay theo hạn của đợt, ` + deadlineText(old) + `. ` +
		"Phòng Nội vụ đã có thông báo hủy hạn riêng trong ứng dụng (1 tài khoản); không gửi e-mail vì đơn vị và các tài khoản của đơn vị chưa có địa chỉ e-mail."
	if !strings.Contains(body, want) {
		t.Errorf("the page after the withdrawal lacks %q", want)
	}
	if strings.Contains(body, `id="unit-deadlines"`) || strings.Contains(body, "nay là quá hạn") {
		t.Error("the page after the withdrawal still lists an own deadline, or says the unit is late")
	}
	if got, err := x.st.RoundForUnit(ctx, &tiendo.User{Role: tiendo.RoleOffice}, x.round.ID, x.a.ID); err != nil || !got.Deadline.Equal(x.storedRound(x.round.ID).Deadline) {
		t.Errorf("unit a's deadline after the withdrawal = %v, %v; want the round's", got.Deadline, err)
	}
	notes, _, err := x.st.Notifications(ctx, &tiendo.User{ID: x.userID("pnv")}, 10)
	if err != nil || len(notes) == 0 || notes[0].Kind != store.KindDeadlineWithdrawn || !strings.Contains(notes[0].Title, "hạn gửi nay là hạn của cả đợt, "+deadlineText(old)+".") {
		t.Errorf("unit a's notifications: %+v, %v; want the withdrawal first", notes, err)
	}
	_, body = x.get(x.login("admin"), "/admin/audit?action=withdraw_extension")
	for _, want := range []string{`title="withdraw_extension" data-label="Thao tác">Hủy hạn riêng của đơn vị</td>`, "<span class=\"audit-field\">Đơn vị:</span> <span class=\"audit-value\">Phòng Nội vụ</span>",
		"<span class=\"audit-value\">" + own.Format("15:04 02/01/2006") + "</span>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}

	// Pressed again (a double click): it was done, and the second press
	// lands where the first did, saying the same; nothing more is done.
	resp = x.post(c, confirm, withdrawForm(t, page))
	resp.Body.Close()
	if again := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || again != loc {
		t.Errorf("confirmed twice: %d %q, want 303 to %s", resp.StatusCode, again, loc)
	}
	if entries, err := x.st.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: x.round.ID, Action: "withdraw_extension"}); err != nil || len(entries) != 1 {
		t.Errorf("withdraw_extension rows after a confirmation pressed twice: %d, %v; want 1", len(entries), err)
	}
}

// When the round's deadline has passed, the confirmation says plainly
// that the unit will be late at once, and so does the page after. A unit
// with no deadline of its own, one whose own deadline changed since the
// confirmation, and one that sent its report meanwhile are refused on the
// extension page (422) with the reason, nothing changed. Only the office
// may.
func TestUnitWithdrawLateAndRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	officeUser := &tiendo.User{Role: tiendo.RoleOffice}
	past := time.Now().Add(-26 * time.Hour).Truncate(time.Minute).In(tiendo.Zone)
	r := &tiendo.Round{Title: "Báo cáo quá hạn", Status: tiendo.RoundOpen, Deadline: past,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ chung", Assignees: []tiendo.Assignee{
			{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	own := time.Now().Add(72 * time.Hour).Truncate(time.Minute).In(tiendo.Zone)
	for _, u := range []*tiendo.Unit{x.a, x.b} {
		if _, err := x.st.ExtendUnitDeadline(ctx, store.Actor{}, officeUser, r.ID, u.ID, own, ""); err != nil {
			t.Fatal(err)
		}
	}
	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/extend", r.ID)

	for _, who := range []string{"pnv", "lanhdao", "huyenuy"} {
		if code, _ := x.get(x.login(who), path+"/unit/pnv/withdraw"); code != http.StatusForbidden {
			t.Errorf("%s opens the withdrawal: %d, want 403", who, code)
		}
		resp := x.post(x.login(who), path+"/unit/pnv/withdraw", url.Values{"confirm": {"yes"}, "own": {own.Format(time.RFC3339Nano)}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s withdraws: %d, want 403", who, resp.StatusCode)
		}
	}

	code, page := x.get(c, path+"/unit/pnv/withdraw")
	if code != http.StatusOK {
		t.Fatalf("the confirmation: %d", code)
	}
	if want := `<p class="alert" role="alert" id="withdraw-late"><strong>Hạn của đợt đã qua.</strong> Ngay khi hủy, báo cáo của Phòng Nội vụ bị tính là quá hạn và đơn vị sẽ nhận lời nhắc quá hạn.</p>`; !strings.Contains(page, want) {
		t.Errorf("the confirmation lacks %q", want)
	}
	// The unit sends its report while the confirmation is open: refused.
	code, _, page2 := read(x.post(c, path+"/unit/cah/withdraw", url.Values{}))
	if code != http.StatusOK {
		t.Fatalf("cah's confirmation: %d", code)
	}
	storetest.Submit(t, x.st, "cah", r.ID, x.b.ID)
	code, _, body := read(x.post(c, path+"/unit/cah/withdraw", withdrawForm(t, page2)))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Công an huyện đã gửi báo cáo nên không hủy hạn riêng được nữa") {
		t.Errorf("confirmed after the unit sent: %d, want 422 saying it has sent\n%s", code, grep(body, "alert"))
	}
	// Another office user extends pnv's again meanwhile: refused.
	later := own.AddDate(0, 0, 1)
	if _, err := x.st.ExtendUnitDeadline(ctx, store.Actor{}, officeUser, r.ID, x.a.ID, later, ""); err != nil {
		t.Fatal(err)
	}
	code, _, body = read(x.post(c, path+"/unit/pnv/withdraw", withdrawForm(t, page)))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "trong lúc đồng chí xác nhận, hạn riêng của Phòng Nội vụ đã được đổi thành "+deadlineText(later)) {
		t.Errorf("confirmed after the own deadline changed: %d, want 422 saying so\n%s", code, grep(body, "alert"))
	}
	if got, err := x.st.UnitDeadlines(ctx, r.ID); err != nil || !got[x.a.ID].Deadline.Equal(later) {
		t.Errorf("unit deadlines after refused withdrawals: %+v, %v; want pnv's to %v", got, err, later)
	}

	// Confirmed as it now stands: late at once, and the page says so.
	_, page = x.get(c, path+"/unit/pnv/withdraw")
	resp := x.post(c, path+"/unit/pnv/withdraw", withdrawForm(t, page))
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed: %d, want 303", resp.StatusCode)
	}
	_, body = x.get(c, resp.Header.Get("Location"))
	if want := "Đã hủy hạn riêng của Phòng Nội vụ; đơn vị nay theo hạn của đợt, " + deadlineText(past) + ". Hạn này đã qua nên báo cáo của đơn vị nay là quá hạn. "; !strings.Contains(body, want) {
		t.Errorf("the page after the withdrawal lacks %q", want)
	}
	// Another office user gives pnv the same own deadline again: the
	// confirmation was for the extension withdrawn, not this one.
	if _, err := x.st.ExtendUnitDeadline(ctx, store.Actor{}, officeUser, r.ID, x.a.ID, later, ""); err != nil {
		t.Fatal(err)
	}
	code, _, body = read(x.post(c, path+"/unit/pnv/withdraw", withdrawForm(t, page)))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "trong lúc đồng chí xác nhận, hạn riêng của Phòng Nội vụ đã được hủy rồi gia hạn lại ("+deadlineText(later)+")") {
		t.Errorf("a stale confirmation after the same own deadline was given again: %d, want 422 saying so\n%s", code, grep(body, "alert"))
	}
	if got, err := x.st.UnitDeadlines(ctx, r.ID); err != nil || !got[x.a.ID].Deadline.Equal(later) {
		t.Errorf("unit deadlines after the stale confirmation: %+v, %v; want pnv's to %v", got, err, later)
	}

	// A unit with no deadline of its own: refused on the page.
	code, _, body = read(x.post(c, fmt.Sprintf("/rounds/%d/extend/unit/pnv/withdraw", x.round.ID), url.Values{}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="withdraw-error">Chưa hủy được hạn riêng: Phòng Nội vụ không có hạn riêng muộn hơn hạn của đợt`) ||
		!strings.Contains(body, `<button type="submit" id="extend-round">`) {
		t.Errorf("a unit with no own deadline: %d, want 422 on the extension page\n%s", code, grep(body, "alert"))
	}
	if code, _ := x.get(c, fmt.Sprintf("/rounds/%d/extend/unit/khong-co/withdraw", x.round.ID)); code != http.StatusNotFound {
		t.Errorf("an unknown unit: %d, want 404", code)
	}
}
