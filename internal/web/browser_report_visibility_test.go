package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// A phone that switches app hides the page (visibilitychange) and seldom
// fires pagehide: the page must send what was typed then, as it does when
// it is left (TestBrowserTypingReachesServerOnLeaving), with a request
// that outlives the page (keepalive), since a hidden page may be frozen or
// discarded at any moment. Hidden again with nothing typed since, it sends
// nothing.
func TestBrowserTypingReachesServerOnHiding(t *testing.T) {
	t.Parallel()
	phone := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	r, pnv := pnvRound(t, st, "Đợt thử chuyển ứng dụng", &tiendo.Task{Label: "1", Text: "Cải cách hành chính"})
	task := r.Tasks[0].ID
	user, err := st.UserByUsername(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	// A stored draft, which what is typed below then differs from.
	rep, err := st.Report(bg, user, r.ID, pnv.ID)
	if err != nil {
		t.Fatal(err)
	}
	draft := "Rà soát thủ tục hành chính cấp tỉnh."
	rep.Sections[0].NextSteps = draft
	if err := st.SaveReport(bg, store.Actor{UserID: user.ID}, user, rep); err != nil {
		t.Fatal(err)
	}
	nextName, recsName := fmt.Sprintf("t%d.next_steps", task), fmt.Sprintf("t%d.recommendations", task)
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	text := "Đề nghị bổ sung kinh phí số hóa hồ sơ."

	browserLogin(t, phone, base, "pnv")
	browsertest.Do(t, phone, chromedp.EmulateViewport(390, 844), chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	// Watch the page, added after report.js's own listeners so that they
	// run first: each fetch with its keepalive flag and body, and each
	// visibility change. The periodic autosave (a plain fetch, 3 s after the
	// last key) is held back, as on a slow network, so that only what the
	// page sends as it is hidden can reach the server, whatever the speed
	// of the machine running the test.
	browsertest.Do(t, phone, chromedp.Evaluate[chromedp.Void](`(() => {
		window.zzSent = [];
		window.zzSeen = [];
		const send = window.fetch;
		window.fetch = function (url, opts) {
			const keepalive = !!(opts && opts.keepalive);
			zzSent.push({ url: String(url), keepalive: keepalive, values: Object.fromEntries(new URLSearchParams(String(opts && opts.body || ""))) });
			return keepalive ? send.apply(this, arguments) : new Promise(() => {});
		};
		document.addEventListener("visibilitychange", () => zzSeen.push(document.visibilityState));
		return true;
	})()`))
	browsertest.Do(t, phone, chromedp.SendKeys(fmt.Sprintf(`[name=%q]`, recsName), text))

	// Switch app: another tab of the same window becomes the active one,
	// and Chromium hides the report's tab, as a phone does. This changes
	// the page's real visibility (document.visibilityState, then the
	// visibilitychange event, from the browser), which the headless
	// Chromium here does, so the event need not be faked.
	// Page.setWebLifecycleState("frozen") would hide it too but freezes
	// its JavaScript, which a phone does only some time later.
	other, cancel := chromedp.NewContext(phone, chromedp.WithNewWindow(false))
	defer cancel()
	browsertest.Do(t, other, chromedp.Navigate("about:blank"))
	activate := func(ctx context.Context) {
		t.Helper()
		id := chromedp.FromContext(ctx).Target.TargetID
		if _, err := chromedp.CallBrowser(ctx, target.ActivateTarget, target.ActivateTargetParams{TargetID: id}); err != nil {
			t.Fatalf("activate tab: %v", err)
		}
	}
	activate(other)
	browsertest.WaitFor(t, phone, `zzSeen.join() === "hidden"`)

	type request struct {
		URL       string            `json:"url"`
		Keepalive bool              `json:"keepalive"`
		Values    map[string]string `json:"values"`
	}
	sent := browsertest.Get(t, phone, chromedp.Evaluate[[]request](`zzSent`))
	var leaving []request
	for _, s := range sent {
		if s.Keepalive {
			leaving = append(leaving, s)
		}
	}
	if len(leaving) != 1 || leaving[0].Values[recsName] != text || leaving[0].Values[nextName] != draft {
		t.Fatalf("as the page was hidden it sent, with keepalive, %+v; want one request with %s=%q and %s=%q", leaving, recsName, text, nextName, draft)
	}

	// The server keeps it as the person's autosave.
	var kept map[string]string
	var at time.Time
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && kept[recsName] != text; time.Sleep(100 * time.Millisecond) {
		var body string
		if body, at, err = st.Autosave(bg, user, r.ID, pnv.ID); err == nil {
			kept = nil
			if err := json.Unmarshal([]byte(body), &kept); err != nil {
				t.Fatalf("the autosave %q: %v", body, err)
			}
		}
	}
	if kept[recsName] != text || kept[nextName] != draft {
		t.Fatalf("after the page was hidden the server kept %s=%q, %s=%q; want %q and the draft's %q", recsName, kept[recsName], nextName, kept[nextName], text, draft)
	}
	// The page took the server's answer: nothing is left to send.
	browsertest.WaitFor(t, phone, `document.querySelector(".autosave-status").textContent.includes("Đã giữ bản tạm")`)

	// Back to the report, and away again with nothing typed: no request.
	activate(phone)
	activate(other)
	browsertest.WaitFor(t, phone, `zzSeen.join() === "hidden,visible,hidden"`)
	if got := browsertest.Get(t, phone, chromedp.Evaluate[int](`zzSent.length`)); got != len(sent) {
		t.Errorf("hidden again with nothing typed, the page sent %d more requests, want none", got-len(sent))
	}
	if _, again, err := st.Autosave(bg, user, r.ID, pnv.ID); err != nil || !again.Equal(at) {
		t.Errorf("hidden again with nothing typed, the server's autosave is of %v (%v), want still the one of %v", again, err, at)
	}
}

// A form too long for a request that outlives the page (64 KB) is not sent
// as the page is hidden; before, hiding it also cancelled the autosave due
// a few seconds after the typing, so a phone that switched app and came
// back, or stayed away with the page still running, kept the text only in
// the browser until something else was typed. The autosave still goes.
func TestBrowserHidingLongFormKeepsAutosave(t *testing.T) {
	t.Parallel()
	phone := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	r, pnv := pnvRound(t, st, "Đợt thử biểu mẫu dài", &tiendo.Task{Label: "1", Text: "Cải cách hành chính"})
	recsName := fmt.Sprintf("t%d.recommendations", r.Tasks[0].ID)
	user, err := st.UserByUsername(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	browserLogin(t, phone, base, "pnv")
	browsertest.Do(t, phone, chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)), chromedp.WaitVisible(`#report-form`))
	// Pasted in one go (typing 61 000 keys would take minutes), and hidden
	// at once, well before the autosave's 3 s: on a machine so slow that
	// the autosave went first, the test passes without testing anything.
	long := browsertest.Get(t, phone, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
		const el = document.querySelector('[name=%q]');
		el.value = "Kiến nghị " + "x".repeat(61000);
		el.dispatchEvent(new Event("input", { bubbles: true }));
		return el.value;
	})()`, recsName)))
	other, cancel := chromedp.NewContext(phone, chromedp.WithNewWindow(false))
	defer cancel()
	browsertest.Do(t, other, chromedp.Navigate("about:blank"))
	if _, err := chromedp.CallBrowser(other, target.ActivateTarget, target.ActivateTargetParams{TargetID: chromedp.FromContext(other).Target.TargetID}); err != nil {
		t.Fatalf("activate tab: %v", err)
	}
	browsertest.WaitFor(t, phone, `document.visibilityState === "hidden"`)

	got := ""
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end) && got != long; time.Sleep(200 * time.Millisecond) {
		if body, _, err := st.Autosave(bg, user, r.ID, pnv.ID); err == nil {
			var kept map[string]string
			if err := json.Unmarshal([]byte(body), &kept); err != nil {
				t.Fatalf("the autosave %q: %v", body, err)
			}
			got = kept[recsName]
		}
	}
	if got != long {
		t.Fatalf("with the long form hidden, the server's autosave holds %d characters of %s, want the %d pasted", len([]rune(got)), recsName, len([]rune(long)))
	}
}
