package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// officeSession logs the office in on the demo server at base and returns
// a GET and a same-origin POST that both return the page reached.
func officeSession(t *testing.T, base string) (get func(path string) string, post func(path string, form url.Values) string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	do := func(req *http.Request) string {
		t.Helper()
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s: %d\n%s", req.Method, req.URL, resp.StatusCode, grep(string(b), "notice"))
		}
		return string(b)
	}
	get = func(path string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		return do(req)
	}
	post = func(path string, form url.Values) string {
		t.Helper()
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		return do(req)
	}
	return get, post
}

// nudgeButton is the round page's "đôn đốc" button: its text, and whether
// it is disabled.
func nudgeButton(t *testing.T, page string) (string, bool) {
	t.Helper()
	m := regexp.MustCompile(`<button type="submit" id="nudge"( disabled)?>([^<]*)</button>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the round page has no đôn đốc button:\n%s", grep(page, "đôn đốc"))
	}
	return m[2], m[1] != ""
}

// After a "đôn đốc", the button counts only the units a press would chase
// now: none (it is disabled and says when it may be pressed again), then
// the one whose report was returned since, then, an hour on, all of them.
func TestNudgeButtonCountsOnlyChaseableUnits(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	live := liveRoundID(t, st)
	get, post := officeSession(t, base)
	path := fmt.Sprintf("/rounds/%d", live)

	label, disabled := nudgeButton(t, get(path))
	m := regexp.MustCompile(`^Đôn đốc (\d+) đơn vị chưa gửi$`).FindStringSubmatch(label)
	if m == nil || disabled {
		t.Fatalf("before any đôn đốc the button says %q (disabled %v), want “Đôn đốc N đơn vị chưa gửi”", label, disabled)
	}
	notSent := m[1]

	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(get(path))
	post(path+"/remind", url.Values{"key": {key[1]}})
	msgs, err := st.Outbox(ctx, store.OutboxFilter{RoundID: live, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var at time.Time
	for _, m := range msgs {
		if m.Kind == store.KindAdhoc && (at.IsZero() || m.CreatedAt.Before(at)) {
			at = m.CreatedAt
		}
	}
	if at.IsZero() {
		t.Fatal("the đôn đốc queued nothing")
	}
	// Times as the page writes them: with the day when it is not today's.
	clock := func(t time.Time) string {
		t, now := t.In(tiendo.Zone), time.Now().In(tiendo.Zone)
		if t.Format("02/01/2006") != now.Format("02/01/2006") {
			return t.Format("15:04 ngày 02/01/2006")
		}
		return t.Format("15:04")
	}
	chased := clock(at.Truncate(time.Minute))
	// A chase counts from its minute: an hour after the minute written.
	again := clock(at.Truncate(time.Minute).Add(remind.NudgeInterval))

	label, disabled = nudgeButton(t, get(path))
	if want := "Đã đôn đốc " + notSent + " đơn vị lúc " + chased + "; có thể đôn đốc lại từ " + again; label != want || !disabled {
		t.Errorf("right after the đôn đốc the button says %q (disabled %v), want %q, disabled", label, disabled, want)
	}

	// The office returns a sent report: that unit may be chased now, the
	// others not yet.
	returnOneReport(t, st, live)
	label, disabled = nudgeButton(t, get(path))
	if want := "Đôn đốc 1 đơn vị có báo cáo trả lại để bổ sung (" + notSent + " đơn vị khác đã được đôn đốc lúc " + chased + ")"; label != want || disabled {
		t.Errorf("after a report was returned the button says %q (disabled %v), want %q", label, disabled, want)
	}

	// An hour on, every unit owing may be chased again.
	st.Now = func() time.Time { return time.Now().Add(remind.NudgeInterval + time.Minute) }
	label, disabled = nudgeButton(t, get(path))
	if want := "(" + notSent + " chưa gửi, 1 trả lại để bổ sung)"; !strings.HasSuffix(label, want) || disabled {
		t.Errorf("an hour after the đôn đốc the button says %q (disabled %v), want it to end %q", label, disabled, want)
	}
}

// An extension that pushes every automatic reminder past the week the
// round page lists does not make them vanish without a word: the page says
// when the next one goes. The notice after the extension promises e-mail
// only where it goes: the demo server sends none.
func TestNextReminderAfterExtension(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	live := liveRoundID(t, st)
	get, post := officeSession(t, base)
	path := fmt.Sprintf("/rounds/%d", live)

	page := get(path)
	if !strings.Contains(page, `<details class="upcoming">`) || strings.Contains(page, `id="next-reminder"`) {
		t.Fatalf("before the extension the page should list the week's reminders:\n%s", grep(page, "nhắc"))
	}
	round, err := st.Round(ctx, &tiendo.User{Role: tiendo.RoleOffice}, live)
	if err != nil {
		t.Fatal(err)
	}
	owing, err := st.Outstanding(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	deadline := round.Deadline.In(tiendo.Zone).AddDate(0, 0, 14)
	page = post(path+"/extend", url.Values{"deadline": {deadline.Format("02/01/2006")}, "reason": {"Chờ số liệu quyết toán"}})
	page = post(path+"/extend", confirmedExtension(t, page, "confirm")) // the confirmation's "Xác nhận gia hạn"

	if strings.Contains(page, `<details class="upcoming">`) {
		t.Errorf("after a 14-day extension the page still lists reminders within the week:\n%s", grep(page, "upcoming"))
	}
	next := remind.DeadlineDay(deadline).AddDate(0, 0, -3).Add(8 * time.Hour)
	want := fmt.Sprintf("Lời nhắc tự động tiếp theo: 08:00 ngày %s (còn 3 ngày trước hạn), gửi đến %d đơn vị nếu đến lúc đó vẫn chưa gửi báo cáo.",
		next.Format("02/01/2006"), len(owing))
	if !strings.Contains(page, want) {
		t.Errorf("after the extension the page lacks %q:\n%s", want, grep(page, "nhắc"))
	}
	for _, want := range []string{
		"đã có thông báo hạn mới trong ứng dụng; không gửi e-mail vì máy chủ chưa được cấu hình gửi thư.",
		`<a href="/outbox">Xem thư gửi đi</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the notice after the extension lacks %q:\n%s", want, grep(page, "notice"))
		}
	}
	if strings.Contains(page, "đã nhận thông báo hạn mới") {
		t.Errorf("the notice says the units were told, with no mail going:\n%s", grep(page, "notice"))
	}
}
