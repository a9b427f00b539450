package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// A leader has nothing to do with a round the office has not sent, except
// approving its công văn: the home page lists the rounds sent to the units
// and the documents waiting for the leader, not the office's drafts. The
// office, which prepares the drafts, still finds them there.
func TestLeaderHomeLeavesOutDrafts(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.user("vanphong")
	// A closed round, and a second draft whose công văn the office has
	// sent to the leader for approval.
	closed := &tiendo.Round{Title: "Báo cáo quý trước đã đóng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(-48 * time.Hour), UnitIDs: []int64{x.a.ID}}
	waiting := &tiendo.Round{Title: "Đợt nháp có công văn chờ duyệt", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{x.a.ID}}
	for _, r := range []*tiendo.Round{closed, waiting} {
		if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.st.CloseRound(ctx, store.Actor{}, closed.ID); err != nil {
		t.Fatal(err)
	}
	doc := &tiendo.Document{RoundID: waiting.ID, Kind: tiendo.DocDirective, Subject: "V/v báo cáo nhiệm vụ trọng tâm",
		Parts: []tiendo.ReportPart{{Key: "body", Text: "Đề nghị các đơn vị báo cáo."}}}
	if err := x.st.CreateDoc(ctx, store.Actor{}, office, doc); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ActOnDoc(ctx, store.Actor{}, office, waiting.ID, tiendo.DocDirective, store.DocSend, doc.Version, ""); err != nil {
		t.Fatal(err)
	}

	home := func(username string) string {
		t.Helper()
		code, body := x.get(x.login(username), "/")
		if code != http.StatusOK {
			t.Fatalf("%s: home %d", username, code)
		}
		return body
	}
	leader := home("lanhdao")
	pending, rest, _ := strings.Cut(leader, `id="live"`)
	for _, want := range []string{x.round.Title, closed.Title} {
		if !strings.Contains(rest, want) {
			t.Errorf("the leader's home does not list the round %q", want)
		}
	}
	if strings.Contains(rest, x.draft.Title) || strings.Contains(rest, waiting.Title) || strings.Contains(rest, "Bản nháp") {
		t.Errorf("the leader's home lists draft rounds:\n%s", grep(rest, "nháp"))
	}
	if !strings.Contains(pending, "Chờ đồng chí duyệt (1)") || !strings.Contains(pending, "Công văn giao nhiệm vụ: "+waiting.Title) {
		t.Errorf("the leader's home does not list the công văn waiting for approval:\n%s", grep(pending, "duyệt"))
	}

	// The office prepares drafts: its home lists both.
	own := home("vanphong")
	for _, want := range []string{x.draft.Title, waiting.Title, closed.Title} {
		if !strings.Contains(own, want) {
			t.Errorf("the office's home does not list the round %q", want)
		}
	}
}

// After a "đôn đốc" the button says when the units may be chased again,
// and that minute is the one at which a press does: an hour after the
// minute the chase is written with. Chased at 14:31:40 ("lúc 14:31"), the
// units are left alone until 15:30:59 and chased again from 15:31:00; the
// page says "từ 15:31", neither a minute early nor a minute late.
func TestNudgeAgainAtTheMinuteShown(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	var mu sync.Mutex
	var now time.Time
	setNow := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	// The clock stands still at 14:31:40 today, then moves as the test says.
	y, mo, d := time.Now().In(tiendo.Zone).Date()
	chasedAt := time.Date(y, mo, d, 14, 31, 40, 0, tiendo.Zone)
	setNow(chasedAt)
	get, post := officeSession(t, base)
	path := fmt.Sprintf("/rounds/%d", live)
	press := func() string {
		t.Helper()
		key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(get(path))
		if key == nil {
			t.Fatal("the round page has no đôn đốc form")
		}
		return post(path+"/remind", url.Values{"key": {key[1]}})
	}
	label, disabled := nudgeButton(t, get(path))
	m := regexp.MustCompile(`^Đôn đốc (\d+) đơn vị chưa gửi$`).FindStringSubmatch(label)
	if m == nil || disabled {
		t.Fatalf("before any đôn đốc the button says %q (disabled %v)", label, disabled)
	}
	units := m[1]
	if page := press(); !strings.Contains(page, "Đã gửi đôn đốc đến "+units+" đơn vị") {
		t.Fatalf("the first đôn đốc did not chase %s units:\n%s", units, grep(page, "notice"))
	}

	if remind.NudgeInterval != time.Hour {
		t.Fatalf("the test is written for an hour between chases, not %v", remind.NudgeInterval)
	}
	again := time.Date(y, mo, d, 15, 31, 0, 0, tiendo.Zone)
	want := "Đã đôn đốc " + units + " đơn vị lúc 14:31; có thể đôn đốc lại từ 15:31"
	for _, at := range []time.Time{chasedAt, again.Add(-time.Microsecond)} {
		setNow(at)
		if label, disabled := nudgeButton(t, get(path)); label != want || !disabled {
			t.Errorf("at %s the button says %q (disabled %v), want %q, disabled", at.Format("15:04:05.000000"), label, disabled, want)
		}
	}
	// A press a moment before the minute shown chases nobody again.
	if page := press(); !strings.Contains(page, units+" đơn vị cần đôn đốc đã được đôn đốc lúc 14:31, chưa quá 1 giờ, nên không gửi lại") {
		t.Errorf("a press at %s is not refused:\n%s", again.Add(-time.Microsecond).Format("15:04:05.000000"), grep(page, "notice"))
	}

	// At the minute shown, the button and a press chase them all again.
	setNow(again)
	if label, disabled := nudgeButton(t, get(path)); label != "Đôn đốc "+units+" đơn vị chưa gửi" || disabled {
		t.Errorf("at %s, the minute shown, the button says %q (disabled %v), want it to chase %s units", again.Format("15:04:05"), label, disabled, units)
	}
	if page := press(); !strings.Contains(page, "Đã gửi đôn đốc đến "+units+" đơn vị") {
		t.Errorf("a press at %s, the minute shown, did not chase the %s units:\n%s", again.Format("15:04:05"), units, grep(page, "notice"))
	}
}
