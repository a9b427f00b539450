package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// inView is the script that says whether the element of id is on screen,
// its top inside the window, and the address's fragment is #id.
func inView(id string) string {
	return fmt.Sprintf(`(() => { const e = document.getElementById(%q); if (!e) return "missing"; const r = e.getBoundingClientRect();
		return location.hash === "#%s" && r.top >= 0 && r.top < innerHeight ? "yes" : "no: hash " + location.hash + ", top " + r.top + " of " + innerHeight; })()`, id, id)
}

// From the demo's live round: the office drafts the report with 4 of 12
// units in; Trung tâm Phát triển quỹ đất reports after. “Tạo lại phần
// này” far down the page lands on its question; the notice's one button
// asks (on screen) and draws the parts again, the page then counting 5.
func TestBrowserConsolidatedStaleDraft(t *testing.T) {
	t.Parallel()
	ctx, _, st, live, page := liveDraft(t)
	bg := context.Background()

	// Trung tâm Phát triển quỹ đất reports.
	u, err := st.UserByUsername(bg, "ttptqd")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Report(bg, u, live.ID, u.UnitID)
	if err != nil {
		t.Fatal(err)
	}
	v := 3.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Đã hoàn thành kiểm đếm 3/5 dự án."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := st.SaveReport(bg, store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(bg, store.Actor{}, u, live.ID, u.UnitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}

	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#stale`))
	if notice := browsertest.Get(t, ctx, chromedp.Text(`#stale`)); !strings.Contains(notice, "Có báo cáo mới của Trung tâm Phát triển quỹ đất gửi sau khi lập dự thảo: cần tạo lại phần mở đầu") {
		t.Errorf("the notice says %q", notice)
	}

	browsertest.Do(t, ctx, chromedp.Click(`button[value="regen:late-units"]`), chromedp.WaitVisible(`#regen-yes`))
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](inView("regen-confirm"))); got != "yes" {
		t.Errorf("after “Tạo lại phần này” far down the page, the question is on screen: %s", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#regen-confirm button[value="save"]`))
	waitOK(t, ctx, "saved")

	browsertest.Do(t, ctx, chromedp.Click(`#regen-stale`), chromedp.WaitVisible(`#regen-yes`))
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](inView("regen-confirm"))); got != "yes" {
		t.Errorf("after the notice's button, the question is on screen: %s", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#regen-yes`), chromedp.WaitVisible(`#replaced`))
	text := browsertest.Get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("textarea")].map(t => t.value).join("\n")`))
	if !strings.Contains(text, "Trên cơ sở báo cáo của 05 cơ quan, đơn vị") || strings.Contains(text, "Trung tâm Phát triển quỹ đất chưa gửi báo cáo") {
		t.Errorf("drawn again, the draft does not count the new report")
	}
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#stale").length`)); n != 0 {
		t.Errorf("drawn again, the page still calls the draft out of date")
	}
}
