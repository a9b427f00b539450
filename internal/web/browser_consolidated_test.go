package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// liveDraft opens a browser on the demo, logs the office in and drafts the
// live round's consolidated report in one click ("Lập dự thảo"); it
// returns the browser, the server's address, its store, the round and the
// report's page.
func liveDraft(t *testing.T) (context.Context, string, *store.Store, store.RoundSummary, string) {
	t.Helper()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	rounds, err := st.Rounds(context.Background(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil {
		t.Fatal(err)
	}
	live := rounds[0]
	page := fmt.Sprintf("%s/rounds/%d/consolidated", base, live.ID)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#draft`), chromedp.WaitVisible(`#send`))
	return ctx, base, st, live, page
}

// From the demo's live round: the office drafts the consolidated report in
// one click, sends it, the leader approves, the office issues it as number
// 01 of the year (the demo's 2022 report is 01 of 2022), and the frozen
// DOCX, PDF and XLSX download.
func TestBrowserConsolidatedIssue(t *testing.T) {
	t.Parallel()
	ctx, base, st, live, page := liveDraft(t)
	office := &tiendo.User{Role: tiendo.RoleOffice}
	text := browsertest.Get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("textarea")].map(t => t.value).join("\n")`))
	for _, want := range []string{"Trên cơ sở báo cáo của 04 cơ quan, đơn vị", "Trung tâm Phát triển quỹ đất chưa gửi báo cáo", "chỉ tiêu"} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send`))
	waitOK(t, ctx, "send")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))

	browserLogin(t, ctx, base, "lanhdao")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#approve`))
	waitOK(t, ctx, "approve")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))

	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(page),
		chromedp.SetValue(`#signer_name`, "Hoàng Văn Minh"),
		chromedp.Click(`#confirm_issue`), chromedp.Click(`#issue`),
	)
	waitOK(t, ctx, "issued")
	status := browsertest.Get(t, ctx, chromedp.Text(`main`))
	if !strings.Contains(status, "Số 01/BC-UBND") {
		t.Errorf("issued page does not show number 01:\n%s", status)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "issued")
	}
	// Download the frozen files in the page: the session cookie is HttpOnly.
	for _, kind := range []string{"docx", "pdf", "xlsx"} {
		size := browsertest.Get(t, ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch("/rounds/%d/consolidated/file/%s").then(r => r.ok ? r.arrayBuffer() : null).then(b => b ? b.byteLength : -1)`, live.ID, kind), chromedp.EvalAwaitPromise))
		if size < 1000 {
			t.Errorf("%s download: %d bytes", kind, size)
		}
	}
	data, err := st.IssuedFile(context.Background(), office, live.ID, tiendo.DocReport, "docx")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			xml, _ := io.ReadAll(rc)
			rc.Close()
			for _, want := range []string{"01/BC-UBND", "Hoàng Văn Minh", "Nhiệm vụ 12"} {
				if !strings.Contains(string(xml), want) {
					t.Errorf("the issued DOCX lacks %q", want)
				}
			}
		}
	}

	// The preview and the print view set the report as it prints: serif
	// type at 14 pt (18.67 px), the task headings no larger than the text.
	for _, path := range []string{"", "/print"} {
		browsertest.Do(t, ctx, chromedp.Navigate(page+path), chromedp.WaitVisible(`.sheet .sheet-table`))
		got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
			const out = [];
			for (const sel of [".sheet-h2", ".sheet-p", ".sheet-signer-name"]) {
				const s = getComputedStyle(document.querySelector(".sheet " + sel));
				out.push(sel + " " + s.fontSize + " " + (s.fontFamily.includes("Times New Roman") ? "serif" : s.fontFamily));
			}
			return out.join("; ");
		})()`))
		if want := ".sheet-h2 18.6667px serif; .sheet-p 18.6667px serif; .sheet-signer-name 18.6667px serif"; got != want {
			t.Errorf("%s: the sheet's type is %q, want %q", page+path, got, want)
		}
		text := browsertest.Get(t, ctx, chromedp.Text(`.sheet`))
		for _, want := range []string{"Số: 01/BC-UBND", "TM. ỦY BAN NHÂN DÂN", "Hoàng Văn Minh", "Nơi nhận:", "I. KẾT QUẢ THỰC HIỆN"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the sheet lacks %q", page+path, want)
			}
		}
		if testing.Verbose() {
			browsertest.Screenshot(t, ctx, "sheet"+strings.ReplaceAll(path, "/", "-"))
		}
	}
	// The menu leads to the outgoing register, which lists the report.
	browsertest.Do(t, ctx, chromedp.Click(`header nav a[href="/register"]`), chromedp.WaitVisible(`table.register`))
	if text := browsertest.Get(t, ctx, chromedp.Text(`table.register tbody`)); !strings.Contains(text, "01/BC-UBND") || !strings.Contains(text, "Hoàng Văn Minh") {
		t.Errorf("the register lists:\n%s", text)
	}

	if dir := os.Getenv(browsertest.EnvArtifacts); dir != "" && testing.Verbose() {
		for _, kind := range []string{"docx", "pdf", "xlsx"} {
			data, _ := st.IssuedFile(context.Background(), office, live.ID, tiendo.DocReport, kind)
			os.WriteFile(filepath.Join(dir, "bao-cao-tong-hop."+kind), data, 0o644)
		}
	}
}
