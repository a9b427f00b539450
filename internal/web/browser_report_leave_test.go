package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// A phone seldom fires beforeunload: what was typed in the last seconds
// before leaving the page reached the server only if the periodic autosave
// had fired. Now the page sends it as it goes (pagehide): typed, left at
// once, it comes back on another device, from the server. Back on the
// first device, the browser's copy adds nothing, so one notice says the
// text was restored; when the browser holds more than the server, the
// same notice says so, in one sentence, and offers it.
func TestBrowserTypingReachesServerOnLeaving(t *testing.T) {
	t.Parallel()
	phone := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	r, _ := pnvRound(t, st, "Đợt thử rời trang", &tiendo.Task{Label: "1", Text: "Cải cách hành chính"})
	task := r.Tasks[0].ID
	next := fmt.Sprintf(`[name="t%d.next_steps"]`, task)
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	text := "Tiếp tục rà soát thủ tục, số hóa hồ sơ trong quý III."

	browserLogin(t, phone, base, "pnv")
	browsertest.Do(t, phone, chromedp.EmulateViewport(390, 844), chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	// Type, and leave at once: well before the autosave's few seconds.
	browsertest.Do(t, phone, chromedp.SendKeys(next, text), chromedp.Navigate(base+"/"), chromedp.WaitVisible(`main h1`))
	user, err := st.UserByUsername(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	kept := ""
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && !strings.Contains(kept, "quý III"); time.Sleep(100 * time.Millisecond) {
		kept, _, _ = st.Autosave(bg, user, r.ID, user.UnitID)
	}
	if !strings.Contains(kept, text) {
		t.Fatalf("the server kept %q after the page was left, want the text typed just before", kept)
	}

	// Another device: the text is there, from the server, with one notice.
	laptop := browsertest.New(t)
	browserLogin(t, laptop, base, "pnv")
	browsertest.Do(t, laptop, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	if got := browsertest.Get(t, laptop, chromedp.Value(next)); got != text {
		t.Errorf("on another device the field holds %q, want %q", got, text)
	}
	notices := `[...document.querySelectorAll("main .notice, main .alert")].map(n => n.textContent.trim().replace(/\s+/g, " "))`
	got := browsertest.Get(t, laptop, chromedp.Evaluate[[]string](notices))
	if len(got) != 1 || !strings.Contains(got[0], "Đã khôi phục nội dung bạn gõ lúc") || !strings.Contains(got[0], "chưa lưu thành bản nháp nên đồng nghiệp và Văn phòng chưa thấy") {
		t.Errorf("on another device the notices are %q, want one saying the text was restored and is not a draft yet", got)
	}

	// Back on the phone: its copy is what the server has; one notice.
	browsertest.Do(t, phone, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	if got := browsertest.Get(t, phone, chromedp.Evaluate[[]string](notices)); len(got) != 1 || strings.Contains(got[0], "Trình duyệt này") {
		t.Errorf("back on the phone the notices are %q, want only the one that the text was restored", got)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, phone, "restored-phone")
	}
}

// When the browser holds more than the server's autosave that the page
// restored (typed while offline, say), the page's one notice says so, in
// one sentence naming the field, and offers it; before, a second notice,
// stamped with the same minute, seemed to contradict the first.
func TestBrowserRestoredNoticeSaysOnce(t *testing.T) {
	t.Parallel()
	phone := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử khôi phục", &tiendo.Task{Label: "1", Text: "Cải cách hành chính"})
	task := r.Tasks[0].ID
	next, recs := fmt.Sprintf(`[name="t%d.next_steps"]`, task), fmt.Sprintf(`[name="t%d.recommendations"]`, task)
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	text := "Tiếp tục rà soát thủ tục."
	notices := `[...document.querySelectorAll("main .notice, main .alert")].map(n => n.textContent.trim().replace(/\s+/g, " "))`

	browserLogin(t, phone, base, "pnv")
	browsertest.Do(t, phone, chromedp.EmulateViewport(390, 844), chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`),
		chromedp.SendKeys(next, text))
	browsertest.WaitFor(t, phone, `document.querySelector(".autosave-status").textContent.includes("Đã giữ bản tạm")`)
	browsertest.Do(t, phone, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const key = document.getElementById("report-form").dataset.key;
		const kept = JSON.parse(localStorage.getItem(key));
		kept.values["t%d.recommendations"] = "Đề nghị bổ sung kinh phí số hóa.";
		kept.at = Number(document.getElementById("report-form").dataset.now) + 60000;
		localStorage.setItem(key, JSON.stringify(kept));
		return true;
	})()`, task)), chromedp.Reload(), chromedp.WaitVisible(`#report-form`))
	got := browsertest.Get(t, phone, chromedp.Evaluate[[]string](notices))
	if len(got) != 1 || !strings.Contains(got[0], "Trình duyệt này còn giữ nội dung bạn gõ lúc") ||
		!strings.Contains(got[0], "ở ô “Kiến nghị, đề xuất” (Nhiệm vụ 1), mới hơn bản tạm lúc") || strings.Count(got[0], ".") > 2 {
		t.Errorf("with more in the browser the notices are %q, want one, in one sentence, naming the field", got)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, phone, "kept-more-phone")
	}
	browsertest.Do(t, phone, chromedp.Click(`//button[contains(., "Dùng nội dung mới hơn")]`))
	if got := browsertest.Get(t, phone, chromedp.Value(recs)); got != "Đề nghị bổ sung kinh phí số hóa." {
		t.Errorf("after taking the browser's copy the field holds %q", got)
	}
	if got := browsertest.Get(t, phone, chromedp.Value(next)); got != text {
		t.Errorf("after taking the browser's copy the other field holds %q", got)
	}
}
