package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// The verdict shown while typing writes numbers as the server does
// ("41.150,0%", not "41150%"), refuses "%" for a count as the server does,
// and on a phone the autosave's line shows beside the buttons while typing.
func TestBrowserLiveVerdictWritesNumbersLikeTheServer(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử số liệu", &tiendo.Task{Label: "1", Text: "Nâng tỷ lệ và xây trường",
		Targets: []*tiendo.Target{
			{Text: "tốc độ tăng trưởng đạt 1% trở lên", Comparator: tiendo.AtLeast, Value: 1, Unit: "%"},
			{Text: "02 trường", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"},
		}})
	rate, schools := fmt.Sprintf("g%d.value", r.Tasks[0].Targets[0].ID), fmt.Sprintf("g%d.value", r.Tasks[0].Targets[1].ID)
	out := func(k string) string {
		return browsertest.Get(t, ctx, chromedp.Text(`output[for="`+k+`"]`))
	}
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)),
		chromedp.WaitVisible(`#report-form`),
		chromedp.SendKeys(`[name="`+rate+`"]`, "411,5"),
		chromedp.SendKeys(`[name="`+schools+`"]`, "2"),
	)
	live := out(rate)
	if want := "Vượt · bằng 41.150% kế hoạch"; live != want {
		t.Errorf("live verdict of 411,5 against 1%% = %q, want %q", live, want)
	}
	if got, want := out(schools), "Đạt · bằng 100% kế hoạch"; got != want {
		t.Errorf("live verdict of 2 against 2 schools = %q, want %q", got, want)
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(`[name="`+schools+`"]`, "0%"))
	if got := out(schools); !strings.Contains(got, "tính bằng trường") {
		t.Errorf("live verdict of 20%% for schools = %q, want the unit refused", got)
	}

	// On a phone, typing in a field far down the form: the line the
	// autosave writes is in sight.
	task := r.Tasks[0].ID
	browsertest.Do(t, ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.SendKeys(fmt.Sprintf(`[name="t%d.obstacles"]`, task), "Thiếu kinh phí."),
	)
	browsertest.Get(t, ctx, chromedp.Poll[bool](`document.querySelector(".autosave-status").textContent.includes("bản tạm")`, chromedp.WithPollingTimeout(15*time.Second)))
	if !browsertest.Get(t, ctx, chromedp.Evaluate[bool](`(() => {
		const b = document.querySelector(".autosave-status").getBoundingClientRect();
		return b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight;
	})()`)) {
		t.Errorf("on a phone the autosave's line is out of sight while typing")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "phone-autosave")
	}

	// The server's verdict after the save says the same as the live one.
	browsertest.Do(t, ctx,
		chromedp.EmulateViewport(1366, 768),
		chromedp.SetValue(`[name="`+schools+`"]`, "2"),
		chromedp.Click(`button[value="save"]`),
	)
	waitOK(t, ctx, "saved")
	if got := out(rate); got != live {
		t.Errorf("server's verdict = %q, live one = %q", got, live)
	}
}
