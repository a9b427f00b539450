package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// communeNames are real-sounding commune names; with a number they make
// a hundred distinct ones.
var communeNames = []string{"Bình An", "Đồng Tâm", "Hòa Lạc", "Tân Thành", "Yên Bình", "Minh Khai", "Quang Trung", "Thái Học", "Đức Thắng", "Âu Cơ"}

// A province with 100 communes runs a round to all of them and
// consolidates, in the browser: the admin loads the communes and their
// reporters from Excel, the office turns a directive into a round asked of
// every commune under the province, a commune reports through its form
// (the other 99 through the store, to keep the test short), and the office
// drafts the consolidated report, which the leader approves and the office
// issues.
func TestBrowserProvinceRound(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	bg := context.Background()
	st := storetest.Open(t)
	for _, u := range []*tiendo.User{
		{Username: "admin", FullName: "Quản trị", Role: tiendo.RoleAdmin},
		{Username: "vanphong", FullName: "Lê Thị Hoa", Role: tiendo.RoleOffice},
		{Username: "lanhdao", FullName: "Hoàng Văn Minh", Role: tiendo.RoleLeader},
	} {
		if err := st.CreateUser(bg, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	base := newServer(t, st).URL

	// The province and its hundred communes, each with a reporter.
	f := &bulk.File{Units: []bulk.UnitRow{{Code: "tinh", Name: "Ủy ban nhân dân tỉnh Hà Giang", ShortName: "UBND tỉnh"}}}
	for i := 1; i <= 100; i++ {
		code := fmt.Sprintf("xa%03d", i)
		name := fmt.Sprintf("Ủy ban nhân dân xã %s %d", communeNames[(i-1)%len(communeNames)], (i-1)/len(communeNames)+1)
		f.Units = append(f.Units, bulk.UnitRow{Code: code, Name: name, Parent: "tinh"})
		f.Users = append(f.Users, bulk.UserRow{Username: code, FullName: "Cán bộ " + name, Role: "Cán bộ đơn vị", Unit: code, Password: pw})
	}
	xlsx := filepath.Join(t.TempDir(), "xa-phuong-ha-giang.xlsx")
	if err := os.WriteFile(xlsx, workbook(t, f), 0o644); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/admin/bulk"),
		chromedp.WaitVisible(`#file`),
		chromedp.SetUploadFiles(`#file`, []string{xlsx}),
		chromedp.Click(`form.bulk-upload button[type=submit]`),
	)
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector("form.bulk-apply")`)
	if page := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(page, "Đơn vị thêm mới (101)") || !strings.Contains(page, "Người dùng thêm mới (100)") {
		t.Fatalf("bulk preview:\n%s", page)
	}
	browsertest.Do(t, ctx, chromedp.Click(`form.bulk-apply button[type=submit]`))
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !location.pathname.match(/^\/admin\/bulk\/\d+$/) || !!document.querySelector(".bulk-done, table.passwords, .notice")`)
	units, err := st.Units(bg)
	if err != nil || len(units) != 101 {
		t.Fatalf("after the import: %d units, %v", len(units), err)
	}
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))

	// The office: directive → round asked of every commune → published.
	browserPreview(t, ctx, base, "testdata/tinh-quy3.txt", `#add-tree`)
	// "UBND các xã, phường" leads every task: each commune reports on it.
	leads := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("select[name$='.lead']")].map(s => s.value)`))
	if len(leads) != 4 || strings.Join(leads, ",") != "all,all,all,all" {
		t.Errorf("lead choices = %v, want every task led by every commune", leads)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#add-tree`))
	// The page comes back with the province's hundred communes ticked.
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.querySelectorAll("input[name=recipients]:checked").length === 100`)
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "province-recipients")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#create`), chromedp.WaitVisible(`#publish`))
	// The directive's deadline has passed by now: publishing asks first.
	browsertest.Do(t, ctx, chromedp.Click(`#publish`), chromedp.WaitVisible(`#publish-anyway`))
	browsertest.Do(t, ctx, chromedp.Click(`#publish-anyway`), chromedp.WaitNotPresent(`#publish-anyway`), chromedp.WaitNotPresent(`#publish`))
	office, _ := st.UserByUsername(bg, "vanphong")
	rounds, err := st.Rounds(bg, office)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds: %v %v", rounds, err)
	}
	round, err := st.Round(bg, office, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(round.UnitIDs) != 100 || round.Status != tiendo.RoundOpen {
		t.Fatalf("round asks %d units, status %s", len(round.UnitIDs), round.Status)
	}
	for _, task := range round.Tasks {
		if len(task.Assignees) != 100 {
			t.Errorf("task %s has %d units, want 100", task.Label, len(task.Assignees))
		}
	}
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))

	// One commune reports through its form.
	browserLogin(t, ctx, base, "xa001")
	// Imported with a password the administrator typed: the commune sets its own first.
	browsertest.Do(t, ctx,
		chromedp.WaitVisible(`#must-change`),
		chromedp.SendKeys(`#current_password`, pw),
		chromedp.SendKeys(`#password`, "mật khẩu riêng của xã"),
		chromedp.SendKeys(`#password_confirm`, "mật khẩu riêng của xã"),
		chromedp.Submit(`#password`),
		chromedp.WaitNotPresent(`#must-change`),
	)
	browsertest.Do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/xa001", base, round.ID)),
		chromedp.WaitVisible(`#report-form`),
	)
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`for (const s of document.querySelectorAll("select[name$='.status']")) s.value = "on_track";
		for (const a of document.querySelectorAll("textarea[name$='.result_vs_plan']")) a.value = "Xã đã triển khai đúng kế hoạch, kết quả đạt khá.";
		for (const g of document.querySelectorAll("input[name$='.value']")) g.value = "1,5";
		true`))
	browsertest.Do(t, ctx, chromedp.Click(`#submit`))
	confirmSend(t, ctx) // "Gửi báo cáo" asks first (TestBrowserSubmitAsksFirst)
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	// The other 99 through the store, as their own users.
	for i := 2; i <= 100; i++ {
		code := fmt.Sprintf("xa%03d", i)
		u, err := st.UserByUsername(bg, code)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := st.Report(bg, u, round.ID, u.UnitID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range rep.Sections {
			sec.Status = "on_track"
			sec.ResultVsPlan = fmt.Sprintf("Xã đã hoàn thành %d%% khối lượng công việc của nhiệm vụ.", 50+i%40)
			sec.Obstacles = "Nguồn vốn phân bổ còn chậm."
			for j := range sec.Actuals {
				v := float64(60 + i%30)
				sec.Actuals[j].Value = &v
			}
		}
		if err := st.SaveReport(bg, store.Actor{}, u, rep); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ActOnReport(bg, store.Actor{}, u, round.ID, u.UnitID,
			store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
			t.Fatalf("%s submit: %v", code, err)
		}
	}

	// The office sees every commune in and consolidates.
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", base, round.ID)), chromedp.WaitVisible(`#rates-h`))
	if stats := browsertest.Get(t, ctx, chromedp.Text(`.stats`)); !strings.Contains(stats, "100/100") {
		t.Errorf("round page rates: %q, want 100/100", stats)
	}
	page := fmt.Sprintf("%s/rounds/%d/consolidated", base, round.ID)
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#draft`), chromedp.WaitVisible(`#send`))
	draft := browsertest.Get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("textarea")].map(t => t.value).join("\n")`))
	for _, want := range []string{"2417/UBND-TH", "Ủy ban nhân dân xã Âu Cơ 1", "Xã đã triển khai đúng kế hoạch", "Nguồn vốn phân bổ còn chậm"} {
		if !strings.Contains(draft, want) {
			t.Errorf("the consolidated draft lacks %q", want)
		}
	}
	if strings.Contains(draft, "chưa gửi báo cáo") {
		t.Error("the draft names a commune as missing, but all 100 reported")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "province-draft")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send`))
	waitOK(t, ctx, "send")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "lanhdao")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#approve`))
	waitOK(t, ctx, "approve")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#confirm_issue`), chromedp.Click(`#issue`))
	waitOK(t, ctx, "issued")
	if status := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(status, "Số 01/BC-UBND") {
		t.Errorf("issued page does not show number 01:\n%s", status)
	}
}
