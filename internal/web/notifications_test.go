package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// publishTo publishes a new round asking units, which notifies their users,
// and returns it.
func (x *app) publishTo(title string, units ...*tiendo.Unit) *tiendo.Round {
	x.t.Helper()
	ctx := context.Background()
	r := &tiendo.Round{Title: title, Deadline: time.Now().Add(48 * time.Hour)}
	for _, u := range units {
		r.UnitIDs = append(r.UnitIDs, u.ID)
	}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	if err := x.st.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		x.t.Fatal(err)
	}
	return r
}

// notes is the store's view of username's notifications, newest first, and
// how many are unread.
func (x *app) notes(username string) ([]store.Notification, int) {
	x.t.Helper()
	u, err := x.st.UserByUsername(context.Background(), username)
	if err != nil {
		x.t.Fatal(err)
	}
	list, unread, err := x.st.Notifications(context.Background(), u, 100)
	if err != nil {
		x.t.Fatal(err)
	}
	return list, unread
}

var bellCount = regexp.MustCompile(`class="bell"[^>]*>Thông báo(?:<span class="count" aria-label="(\d+) chưa đọc">)?`)

// bell is the unread count the layout's bell shows on body ("" for none).
func bell(t *testing.T, body string) string {
	t.Helper()
	m := bellCount.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the page has no bell")
	}
	return m[1]
}

// Opening the page marks nothing read: the unread notices are marked "Mới"
// each time, and the bell keeps counting them.
func TestNotificationsPageMarksNothingRead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	x.publishTo("Đợt báo cáo quý III", x.a)
	x.publishTo("Đợt báo cáo tháng 10", x.a)
	c := x.login("pnv")
	for i := range 2 {
		code, body := x.get(c, "/notifications")
		if code != http.StatusOK {
			t.Fatalf("GET /notifications: %d", code)
		}
		if n := strings.Count(body, `<span class="badge badge-late">Mới</span>`); n != 2 {
			t.Errorf("visit %d: %d notices marked “Mới”, want 2", i+1, n)
		}
		if got := bell(t, body); got != "2" {
			t.Errorf("visit %d: the bell shows %q, want 2", i+1, got)
		}
		if !strings.Contains(body, `action="/notifications/read"`) || !strings.Contains(body, "Đánh dấu tất cả là đã đọc") {
			t.Errorf("visit %d: no “Đánh dấu tất cả là đã đọc” form", i+1)
		}
		if !strings.Contains(body, "thông báo chưa đọc, đánh dấu “Mới”.") || strings.ContainsAny(body, "«»") {
			t.Errorf("visit %d: the page does not quote “Mới” as the rest of the app does", i+1)
		}
	}
	list, unread := x.notes("pnv")
	if unread != 2 {
		t.Fatalf("after opening the page twice, %d unread; want 2", unread)
	}
	_, body := x.get(c, "/notifications")
	for _, n := range list {
		if !strings.Contains(body, `href="/notifications/`+itoa(n.ID)+`"`) {
			t.Errorf("the page does not link notification %d through /notifications/%d", n.ID, n.ID)
		}
	}
}

// Following a notification marks it alone read and leads to its link;
// another user's is a 404 page and stays unread.
func TestNotificationOpenMarksItRead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	first := x.publishTo("Đợt báo cáo quý III", x.a, x.b)
	x.publishTo("Đợt báo cáo tháng 10", x.a)
	c := x.login("pnv")
	list, _ := x.notes("pnv")
	older := list[1]

	resp, err := c.Get(x.srv.URL + "/notifications/" + itoa(older.ID))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/rounds/"+itoa(first.ID) {
		t.Errorf("following the notification: %d to %q, want 303 to /rounds/%d", resp.StatusCode, loc, first.ID)
	}
	if list, unread := x.notes("pnv"); unread != 1 || !list[1].Read || list[0].Read {
		t.Errorf("after following the older one: %+v, %d unread; want it alone read", list, unread)
	}
	_, body := x.get(c, "/notifications")
	if got := bell(t, body); got != "1" {
		t.Errorf("the bell shows %q after one was read, want 1", got)
	}
	if n := strings.Count(body, ">Mới<"); n != 1 {
		t.Errorf("%d notices marked “Mới” after one was read, want 1", n)
	}

	cahList, _ := x.notes("cah")
	for _, path := range []string{"/notifications/" + itoa(cahList[0].ID), "/notifications/999999", "/notifications/abc"} {
		code, body := x.get(c, path)
		if code != http.StatusNotFound || !strings.Contains(body, "Không tìm") && !strings.Contains(body, "Địa chỉ không hợp lệ") {
			t.Errorf("GET %s as pnv: %d, want a 404 page saying it is not found", path, code)
		}
	}
	if _, unread := x.notes("cah"); unread != 1 {
		t.Errorf("cah's notification was marked read by pnv")
	}
}

var shownID = regexp.MustCompile(`<input type="hidden" name="id" value="(\d+)">`)

// shownIDs are the notification IDs the page's “Đánh dấu tất cả là đã đọc”
// form carries.
func shownIDs(body string) []string {
	var ids []string
	for _, m := range shownID.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// "Đánh dấu tất cả là đã đọc" marks the unread notices the page showed and
// comes back to it with a message; a notice that arrived meanwhile stays
// “Mới”. A POST from another site is refused and marks nothing.
func TestMarkAllNotificationsRead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	x.publishTo("Đợt báo cáo quý III", x.a, x.b)
	x.publishTo("Đợt báo cáo tháng 10", x.a)
	c := x.login("pnv")
	older, _ := x.notes("pnv")
	if _, err := x.st.MarkNotificationRead(context.Background(), &tiendo.User{ID: x.userID("pnv")}, older[1].ID); err != nil {
		t.Fatal(err)
	}
	x.publishTo("Đợt báo cáo tháng 11", x.a)
	list, _ := x.notes("pnv")
	_, body := x.get(c, "/notifications")
	ids := shownIDs(body)
	// The unread ones listed, not the read one in between.
	if want := []string{itoa(list[0].ID), itoa(list[1].ID)}; !slices.Equal(ids, want) || list[2].ID != older[1].ID {
		t.Fatalf("the form carries the IDs %v; want those of the unread notices %v", ids, want)
	}
	x.publishTo("Đợt đến sau", x.a) // while the page is open

	// Another site's form: refused by the cross-origin protection.
	if code := crossSitePost(t, c, x.srv.URL+"/notifications/read", url.Values{"id": ids}.Encode()); code != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d, want 403", code)
	}
	if _, unread := x.notes("pnv"); unread != 3 {
		t.Fatalf("%d unread after the refused POST, want 3", unread)
	}

	for _, bad := range []string{"mới nhất", "0", "-" + ids[0]} {
		code, _, body := x.postRead(c, "/notifications/read", url.Values{"id": {ids[0], bad}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Không đọc được mã số thông báo") {
			t.Errorf("an unreadable id %q: %d, want 422 saying so", bad, code)
		}
	}
	// A form without IDs (one from before the page sent them) marks nothing.
	resp := x.post(c, "/notifications/read", url.Values{"upto": {itoa(list[0].ID + 10)}})
	resp.Body.Close()
	if _, unread := x.notes("pnv"); resp.StatusCode != http.StatusSeeOther || unread != 3 {
		t.Fatalf("a form without IDs: %d, %d unread; want 303 and 3 (nothing marked)", resp.StatusCode, unread)
	}

	for _, step := range []struct {
		ok     string
		unread int
		notice string
	}{
		{"newer", 1, "Thông báo đến sau đó vẫn được đánh dấu “Mới”."},
		{"read", 0, "Đã đánh dấu tất cả thông báo là đã đọc."},
	} {
		resp := x.post(c, "/notifications/read", url.Values{"id": ids})
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/notifications?ok="+step.ok {
			t.Errorf("mark all (%v): %d to %q, want 303 to /notifications?ok=%s", ids, resp.StatusCode, loc, step.ok)
		}
		list, unread := x.notes("pnv")
		if unread != step.unread || (unread == 1 && list[0].Read) {
			t.Errorf("mark all (%v): %d unread, want %d (the one that came later)", ids, unread, step.unread)
		}
		_, body := x.get(c, "/notifications?ok="+step.ok)
		if !strings.Contains(body, step.notice) {
			t.Errorf("the page after ?ok=%s lacks %q", step.ok, step.notice)
		}
		if want := map[bool]string{true: "1", false: ""}[step.unread == 1]; bell(t, body) != want {
			t.Errorf("after ?ok=%s the bell shows %q, want %q", step.ok, bell(t, body), want)
		}
		ids = shownIDs(body) // the page drawn again: the later one
		if want := map[bool]int{true: 1, false: 0}[step.unread == 1]; len(ids) != want {
			t.Errorf("after ?ok=%s the form carries %d IDs, want %d", step.ok, len(ids), want)
		}
	}
	// The same form again, everything read by now (another tab).
	resp = x.post(c, "/notifications/read", url.Values{"id": {itoa(list[0].ID)}})
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/notifications?ok=none" {
		t.Errorf("marking what is read already: to %q, want /notifications?ok=none", loc)
	}
	if _, body := x.get(c, "/notifications?ok=none"); !strings.Contains(body, "Không có thông báo nào chưa đọc.") {
		t.Errorf("the page after ?ok=none lacks its notice")
	}
	if _, unread := x.notes("cah"); unread != 1 {
		t.Errorf("cah has %d unread after pnv marked all, want 1", unread)
	}
}

// With more unread notices than the page lists, the button marks those
// listed, says others are left, and the page then lists those: none is out
// of reach, however old.
func TestMarkAllNotificationsReadPageByPage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for i := range 101 {
		x.publishTo("Đợt "+itoa(int64(i+1)), x.a)
	}
	c := x.login("pnv")
	_, body := x.get(c, "/notifications")
	ids := shownIDs(body)
	if len(ids) != 100 || !strings.Contains(body, "<strong>101</strong> thông báo chưa đọc") {
		t.Fatalf("the page lists %d unread of 101, want 100", len(ids))
	}
	resp := x.post(c, "/notifications/read", url.Values{"id": ids})
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/notifications?ok=more" {
		t.Errorf("marking the 100 listed: to %q, want /notifications?ok=more", loc)
	}
	_, body = x.get(c, "/notifications?ok=more")
	if !strings.Contains(body, "Trang chỉ hiện 100 thông báo một lần: các thông báo chưa đọc còn lại được đánh dấu “Mới” bên dưới.") {
		t.Errorf("the page after ?ok=more lacks its notice")
	}
	// The oldest, unread, comes in the list although 100 read ones are newer.
	ids = shownIDs(body)
	if n := strings.Count(body, ">Mới<"); len(ids) != 1 || n != 1 || !strings.Contains(body, "Đợt 1 —") {
		t.Fatalf("after the first 100: the form carries %v, %d marked “Mới”; want the oldest, Đợt 1", ids, n)
	}
	resp = x.post(c, "/notifications/read", url.Values{"id": ids})
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/notifications?ok=read" {
		t.Errorf("marking the last one: to %q, want /notifications?ok=read", loc)
	}
	if _, unread := x.notes("pnv"); unread != 0 {
		t.Errorf("%d unread after both, want 0", unread)
	}
}
