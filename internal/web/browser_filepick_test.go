package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// The report's file field in a real browser: the "Chọn tệp…" label opens
// the input, which keeps the focus; the chosen file's name replaces "Chưa
// chọn tệp"; the size check of js/report.js still stops an empty upload
// and puts its message under the field; and the file goes up.
func TestBrowserFilePick(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử đính kèm", &tiendo.Task{Label: "1", Text: "Nâng Chỉ số cải cách hành chính"})
	pdf := filepath.Join(t.TempDir(), "bang-so-lieu-quy-3.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 số liệu"), 0o644); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)),
		chromedp.WaitVisible(`label.file-button`),
	)
	type state struct {
		Name, Active, Check, CheckAfter string
		Width                           float64
		Labelled, Asked                 bool
	}
	look := func() state {
		t.Helper()
		return browsertest.Get(t, ctx, chromedp.Evaluate[state](`(() => {
			const f = document.getElementById("file"), c = document.getElementById("file-check");
			return {Name: document.getElementById("file-name").textContent, Active: document.activeElement.id,
				Check: c ? c.textContent : "", CheckAfter: c && c.previousElementSibling ? c.previousElementSibling.className : "",
				Width: f.getBoundingClientRect().width, Labelled: document.querySelector("label.file-button").control === f,
				Asked: !!window.pickerAsked};
		})()`))
	}
	if s := look(); s.Name != "Chưa chọn tệp" || !s.Labelled || s.Width > 1 {
		t.Errorf("before a choice: %+v; want \"Chưa chọn tệp\", the label tied to the input, the input out of sight", s)
	}
	// The label opens the picker: clicking it clicks the input (stopped
	// here, before a dialog would open).
	browsertest.Do(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("file").addEventListener("click", e => { window.pickerAsked = true; e.preventDefault(); })`),
		chromedp.Click(`label.file-button`),
		chromedp.Focus(`#file`),
	)
	if s := look(); !s.Asked || s.Active != "file" {
		t.Errorf("the label did not open the picker (%v) or the input takes no focus (active %q)", s.Asked, s.Active)
	}
	// Attaching with nothing chosen: report.js says so under the field.
	browsertest.Do(t, ctx, chromedp.Click(`#attach`), chromedp.WaitVisible(`#file-check`))
	if s := look(); s.Check != "Hãy chọn một tệp để đính kèm." || s.CheckAfter != "file-pick" || s.Active != "file" {
		t.Errorf("empty attach: %+v; want the message under the field and the focus on it", s)
	}
	browsertest.Do(t, ctx, chromedp.SetUploadFiles(`#file`, []string{pdf}), chromedp.WaitNotPresent(`#file-check`))
	if s := look(); s.Name != "bang-so-lieu-quy-3.pdf" {
		t.Errorf("after a choice the field reads %q, want the file's name", s.Name)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `section.attach`, "chosen")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#attach`), chromedp.WaitVisible(`ul.attachments`))
	page := browsertest.Get(t, ctx, chromedp.Text(`section.attach`))
	if !strings.Contains(page, "bang-so-lieu-quy-3.pdf") || !strings.Contains(page, "Chưa chọn tệp") {
		t.Errorf("after the upload the section reads:\n%s", page)
	}
	// The page says the upload went through; an empty attach then takes
	// that message away rather than contradict it.
	notices := func() int {
		t.Helper()
		return browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("main .notice[role=status]").length`))
	}
	if n := notices(); n == 0 {
		t.Error("after the upload the page does not say it went through")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#attach`), chromedp.WaitVisible(`#file-check`))
	if n := notices(); n != 0 {
		t.Errorf("an empty attach left %d notices of the last step beside its error", n)
	}
}
