package web_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// The office pastes a directive, corrects one task in the preview, creates
// the round and publishes it; the unit then has it on its home page.
func TestBrowserIntake(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	browserPreview(t, ctx, base, "../../testdata/directives/huu-lung-2022-06.txt", `#create`)
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("fieldset.task").length`)); n != 13 {
		t.Fatalf("preview shows %d tasks, want 13", n)
	}
	warnings := browsertest.Get(t, ctx, chromedp.Text(`main`))
	if !strings.Contains(warnings, "12") || !strings.Contains(strings.ToLower(warnings), "tài chính") {
		t.Errorf("preview does not warn about the duplicate label and the missing recipient")
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `#task-3`, "preview-task")
		browsertest.ScreenshotOf(t, ctx, `main > h1 ~ aside`, "preview-warnings")
	}
	// Correct the second task labelled 12: it becomes 13.
	browsertest.Do(t, ctx,
		chromedp.SetValue(`#t12-label`, "13"),
		chromedp.SetValue(`#title`, "Báo cáo nhiệm vụ trọng tâm (thử)"),
		chromedp.Click(`#create`),
		chromedp.WaitVisible(`#publish`),
	)
	page := browsertest.Get(t, ctx, chromedp.Text(`main`))
	if !strings.Contains(page, "Báo cáo nhiệm vụ trọng tâm (thử)") || !strings.Contains(page, "nháp") {
		t.Fatalf("created round page:\n%s", page)
	}
	labels := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.tasks tbody tr td:first-child")].map(td => td.textContent.trim())`))
	if len(labels) != 13 || labels[11] != "12" || labels[12] != "13" {
		t.Errorf("task labels = %v, want 1..12 then 13", labels)
	}
	// The 2022 directive's deadline is long past: publishing asks first.
	browsertest.Do(t, ctx,
		chromedp.Click(`#publish`),
		chromedp.WaitVisible(`#publish-anyway`),
	)
	if page := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(page, "Hạn gửi của đợt này đã qua") {
		t.Errorf("no confirmation before publishing past the deadline:\n%s", page)
	}
	browsertest.Do(t, ctx,
		chromedp.Click(`#publish-anyway`),
		chromedp.WaitNotPresent(`#publish-anyway`),
		chromedp.WaitNotPresent(`#publish`),
	)
	if page := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(page, "Tình hình gửi báo cáo") {
		t.Errorf("published round page:\n%s", page)
	}
	// The unit sees it, and its bell says so.
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "ptckh")
	home := browsertest.Get(t, ctx, chromedp.Text(`main`))
	if !strings.Contains(home, "Báo cáo nhiệm vụ trọng tâm (thử)") {
		t.Errorf("the unit's home lacks the published round:\n%s", home)
	}
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelector(".bell .count") ? Number(document.querySelector(".bell .count").textContent) : 0`)); n < 1 {
		t.Errorf("bell shows %d unread, want the new round's notice", n)
	}
	browsertest.Do(t, ctx, chromedp.Click(`.bell`), chromedp.WaitVisible(`ul.notifications`))
	if list := browsertest.Get(t, ctx, chromedp.Text(`ul.notifications`)); !strings.Contains(list, "Báo cáo nhiệm vụ trọng tâm (thử)") {
		t.Errorf("notifications lack the published round:\n%s", list)
	}
}

// browserPreview logs the office in at base and has it paste the directive
// in file on /rounds/new and read it, waiting for sel on the preview; it
// returns the text pasted.
func browserPreview(t *testing.T, ctx context.Context, base, file, sel string) string {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/rounds/new"),
		chromedp.WaitVisible(`#text`),
		chromedp.SetValue(`#text`, string(text)),
		chromedp.Click(`form[action="/rounds/new"] button[type=submit]`),
		chromedp.WaitVisible(sel),
	)
	return string(text)
}
