package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// The office presses "đôn đốc", reloads and presses it again a moment
// later: each recipient gets one message and one notice, and the second
// press says the units were already chased, and when, and sent nothing.
func TestNudgeTwiceSendsOnce(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	live := liveRoundID(t, st)

	get, post := officeSession(t, base)
	page := func() string {
		t.Helper()
		return get(fmt.Sprintf("/rounds/%d", live))
	}
	// press draws the round page, as the office's browser does, and presses
	// its button with the page's own key.
	press := func() string {
		t.Helper()
		key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page())
		if key == nil {
			t.Fatal("no đôn đốc form")
		}
		return post(fmt.Sprintf("/rounds/%d/remind", live), url.Values{"key": {key[1]}})
	}
	adhoc := func() []*store.Message {
		t.Helper()
		msgs, err := st.Outbox(ctx, store.OutboxFilter{RoundID: live, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []*store.Message
		for _, m := range msgs {
			if m.Kind == store.KindAdhoc {
				out = append(out, m)
			}
		}
		return out
	}

	first := press()
	if !strings.Contains(first, "Đã gửi đôn đốc đến") || strings.Contains(first, "không gửi lại") {
		t.Errorf("first press: %s", grep(first, "notice"))
	}
	sent := adhoc()
	if len(sent) == 0 {
		t.Fatal("the first press queued nothing")
	}
	at := sent[0].CreatedAt.In(tiendo.Zone).Format("15:04")

	second := press()
	for _, want := range []string{
		"đã được đôn đốc lúc " + at + ", chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm.",
		"Đã đôn đốc lúc " + at + " hôm nay.",
	} {
		if !strings.Contains(second, want) {
			t.Errorf("after the second press the page lacks %q:\n%s", want, grep(second, "đôn đốc"))
		}
	}
	if strings.Contains(second, "Đã gửi đôn đốc đến") {
		t.Errorf("the second press says it sent: %s", grep(second, "notice"))
	}
	again := adhoc()
	if len(again) != len(sent) {
		t.Errorf("outbox has %d đôn đốc messages after two presses, want %d (one per recipient)", len(again), len(sent))
	}
	to := map[string]int{}
	for _, m := range again {
		to[fmt.Sprintf("unit %d user %d %s", m.UnitID, m.UserID, m.Email)]++
	}
	for who, n := range to {
		if n != 1 {
			t.Errorf("%s has %d đôn đốc messages, want 1", who, n)
		}
	}
	// Each reporter's bell shows the notice once.
	for _, m := range again {
		if m.UserID == 0 {
			continue
		}
		u, err := st.User(ctx, m.UserID)
		if err != nil {
			t.Fatal(err)
		}
		notes, _, _ := st.Notifications(ctx, u, 50)
		n := 0
		for _, x := range notes {
			if x.Kind == store.KindAdhoc {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s's bell has %d đôn đốc notices, want 1", u.Username, n)
		}
	}
}
