package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
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

// "Đánh dấu tất cả là đã đọc" marks what the page showed and comes back to
// it with a message; a notice that arrived meanwhile stays "Mới". A POST
// from another site is refused and marks nothing.
func TestMarkAllNotificationsRead(t *testing.T) {
	x := newApp(t)
	x.publishTo("Đợt báo cáo quý III", x.a, x.b)
	x.publishTo("Đợt báo cáo tháng 10", x.a)
	c := x.login("pnv")
	_, body := x.get(c, "/notifications")
	m := regexp.MustCompile(`name="upto" value="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the form carries no upto")
	}
	upto := m[1]
	x.publishTo("Đợt đến sau", x.a) // while the page is open

	// Another site's form: refused by the cross-origin protection.
	req, _ := http.NewRequest("POST", x.srv.URL+"/notifications/read", strings.NewReader("upto="+upto))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d, want 403", resp.StatusCode)
	}
	if _, unread := x.notes("pnv"); unread != 3 {
		t.Fatalf("%d unread after the refused POST, want 3", unread)
	}

	resp = x.post(c, "/notifications/read", url.Values{"upto": {"mới nhất"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unreadable upto: %d, want 422", resp.StatusCode)
	}

	for _, step := range []struct {
		form   url.Values
		ok     string
		unread int
		notice string
	}{
		{url.Values{"upto": {upto}}, "newer", 1, "Thông báo đến sau đó vẫn được đánh dấu «Mới»."},
		{url.Values{}, "read", 0, "Đã đánh dấu tất cả thông báo là đã đọc."},
		{url.Values{}, "none", 0, "Không có thông báo nào chưa đọc."},
	} {
		resp := x.post(c, "/notifications/read", step.form)
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/notifications?ok="+step.ok {
			t.Errorf("mark all (%v): %d to %q, want 303 to /notifications?ok=%s", step.form, resp.StatusCode, loc, step.ok)
		}
		list, unread := x.notes("pnv")
		if unread != step.unread || (unread == 1 && list[0].Read) {
			t.Errorf("mark all (%v): %d unread, want %d (the one that came later)", step.form, unread, step.unread)
		}
		_, body := x.get(c, "/notifications?ok="+step.ok)
		if !strings.Contains(body, step.notice) {
			t.Errorf("the page after ?ok=%s lacks %q", step.ok, step.notice)
		}
		if want := map[bool]string{true: "1", false: ""}[step.unread == 1]; bell(t, body) != want {
			t.Errorf("after ?ok=%s the bell shows %q, want %q", step.ok, bell(t, body), want)
		}
	}
	if _, unread := x.notes("cah"); unread != 1 {
		t.Errorf("cah has %d unread after pnv marked all, want 1", unread)
	}
}
