package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
	"tiendo/internal/bulk"
)

// The admin loads twenty communes and their reporters from Excel: a wrong
// file is refused on the page itself (htmx would drop the 422 without
// bulk.js), the right one is previewed, confirmed, and its generated
// passwords shown once.
func TestBrowserBulkImport(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "danh-sach.xlsx") // a CSV under an .xlsx name
	if err := os.WriteFile(csv, []byte("Mã đơn vị,Tên đơn vị\nxa-1,UBND xã Một\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &bulk.File{}
	for i := 1; i <= 20; i++ {
		f.Units = append(f.Units, bulk.UnitRow{Code: fmt.Sprintf("xa-%02d", i), Name: fmt.Sprintf("Ủy ban nhân dân xã Số %d", i), Parent: "huyen-moi"})
		f.Users = append(f.Users, bulk.UserRow{Username: fmt.Sprintf("xa%02d.canbo", i), FullName: fmt.Sprintf("Cán bộ xã %d", i),
			Role: "Cán bộ đơn vị", Unit: fmt.Sprintf("xa-%02d", i)})
	}
	f.Units = append(f.Units, bulk.UnitRow{Code: "huyen-moi", Name: "Ủy ban nhân dân huyện Mới"})
	good := filepath.Join(dir, "xa-huyen-moi.xlsx")
	if err := os.WriteFile(good, workbook(t, f), 0o644); err != nil {
		t.Fatal(err)
	}

	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/admin/units"),
		chromedp.Click(`a[href="/admin/bulk"]`),
		chromedp.WaitVisible(`#file`),
		chromedp.SetUploadFiles(`#file`, []string{csv}),
		chromedp.Click(`form.bulk-upload button[type=submit]`),
		chromedp.WaitVisible(`main .alert`),
	)
	if msg := browsertest.Get(t, ctx, chromedp.Text(`main .alert`)); !strings.Contains(msg, "không phải bảng tính Excel (.xlsx)") {
		t.Errorf("refusal shown: %q", msg)
	}
	browsertest.Do(t, ctx,
		chromedp.SetUploadFiles(`#file`, []string{good}),
		chromedp.Click(`form.bulk-upload button[type=submit]`),
	)
	browsertest.WaitFor(t, ctx, `/^\/admin\/bulk\/\d+$/.test(location.pathname) && document.readyState === "complete" && !!document.querySelector("form.bulk-apply")`)
	page := browsertest.Get(t, ctx, chromedp.Text(`main`))
	for _, want := range []string{"Đơn vị thêm mới (21)", "Người dùng thêm mới (20)", "20 tài khoản mới chưa có mật khẩu"} {
		if !strings.Contains(page, want) {
			t.Errorf("preview lacks %q:\n%s", want, page)
		}
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "preview")
	}
	browsertest.Do(t, ctx, chromedp.Click(`form.bulk-apply button[type=submit]`))
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector("table.passwords")`)
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.passwords tbody tr").length`)); n != 20 {
		t.Errorf("%d generated passwords shown, want 20", n)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "result")
	}
}
