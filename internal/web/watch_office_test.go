package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/mail"
	"tiendo/internal/mail/mailtest"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// officeFixture is a round past its deadline asked of five units, its
// directive numbered, with reminders that send e-mail to an in-process SMTP
// server: Công an huyện sent on time, Phòng Tư pháp late; Phòng Nội vụ and
// Phòng Y tế have sent nothing and have a reporter with an e-mail address;
// Đội Quản lý thị trường has sent nothing and has no one to tell.
type officeFixture struct {
	st    *store.Store
	base  string
	rem   *remind.Service
	smtp  *mailtest.Server
	round *tiendo.Round
	units map[string]*tiendo.Unit // by code
	users map[string]*tiendo.User // by username
}

func newOfficeFixture(t *testing.T) *officeFixture {
	t.Helper()
	ctx := context.Background()
	f := &officeFixture{st: storetest.Open(t), units: map[string]*tiendo.Unit{}, users: map[string]*tiendo.User{}}
	deadline := tiendo.DeadlineBefore(time.Now().In(tiendo.Zone).Date())
	f.st.Now = func() time.Time { return deadline.Add(-72 * time.Hour) }
	for _, u := range []*tiendo.Unit{{Code: "pnv", Name: "Phòng Nội vụ"}, {Code: "cah", Name: "Công an huyện"}, {Code: "ptp", Name: "Phòng Tư pháp"},
		{Code: "pyt", Name: "Phòng Y tế"}, {Code: "dqltt", Name: "Đội Quản lý thị trường"}} {
		if err := f.st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		f.units[u.Code] = u
	}
	for _, u := range []*tiendo.User{
		{Username: "vanphong", FullName: "Nguyễn Văn Phòng", Role: tiendo.RoleOffice},
		{Username: "huyenuy", Role: tiendo.RoleReader},
		{Username: "pnv", FullName: "Trần Thị Nội", Email: "pnv@huulung.example", Role: tiendo.RoleReporter, UnitID: f.units["pnv"].ID},
		{Username: "cah", FullName: "Lê Văn An", Email: "cah@huulung.example", Role: tiendo.RoleReporter, UnitID: f.units["cah"].ID},
		{Username: "ptp", FullName: "Đỗ Thị Pháp", Email: "ptp@huulung.example", Role: tiendo.RoleReporter, UnitID: f.units["ptp"].ID},
		{Username: "pyt", FullName: "Hoàng Văn Tế", Email: "pyt@huulung.example", Role: tiendo.RoleReporter, UnitID: f.units["pyt"].ID},
	} {
		if err := f.st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
		f.users[u.Username] = u
	}
	id := func(code string) int64 { return f.units[code].ID }
	f.round = &tiendo.Round{Title: "Báo cáo kết quả cải cách hành chính năm 2026", Deadline: deadline,
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026},
		Issuer: "Ủy ban nhân dân huyện Hữu Lũng", DocNumber: "635", DocSymbol: "UBND-VP", DocDate: "2026-11-20",
		Subject: "V/v báo cáo kết quả cải cách hành chính năm 2026",
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Cải cách thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: id("pnv"), Role: tiendo.Lead}, {UnitID: id("ptp"), Role: tiendo.Support}, {UnitID: id("dqltt"), Role: tiendo.Lead}}},
			{Label: "2", Text: "Bảo đảm an ninh trật tự", Assignees: []tiendo.Assignee{{UnitID: id("cah"), Role: tiendo.Lead}, {UnitID: id("pyt"), Role: tiendo.Lead}}},
		}}
	if err := f.st.CreateRound(ctx, store.Actor{}, f.round); err != nil {
		t.Fatal(err)
	}
	if err := f.st.PublishRound(ctx, store.Actor{}, f.round.ID); err != nil {
		t.Fatal(err)
	}
	storetest.Submit(t, f.st, "cah", f.round.ID, id("cah"))
	f.st.Now = func() time.Time { return deadline.Add(2 * time.Hour) }
	storetest.Submit(t, f.st, "ptp", f.round.ID, id("ptp"))
	f.st.Now = time.Now
	var err error
	if f.round, err = f.st.Round(ctx, f.users["vanphong"], f.round.ID); err != nil {
		t.Fatal(err)
	}

	f.smtp = mailtest.Start(t)
	mailer, err := mail.New(mail.Config{Host: f.smtp.Host(), Port: f.smtp.Port(), TLS: mail.TLSNone, From: "Văn phòng HĐND và UBND <vanphong@huulung.example>"})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.rem = remind.New(f.st, mailer, remind.Config{BaseURL: "https://tiendo.huulung.example"}, log)
	h, err := web.New(web.Config{Reminders: f.rem}, f.st, api.New(f.st, log), log)
	if err != nil {
		t.Fatal(err)
	}
	f.base = serve(t, h).URL
	return f
}

// client logs username in and returns a client that keeps the session.
func (f *officeFixture) client(t *testing.T, username string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(f.base+"/login", url.Values{"username": {username}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return c
}

// The matrix downloads as the office sees it: the page's link carries the
// filter and the order, and the spreadsheet read back holds a heading that
// names the round and its directive, then one row per unit in that order,
// each task's state in words, the sent time and the timeliness. The file's
// name is Vietnamese where the browser reads filename*, ASCII where not.
// A unit's reporter, who does not see the matrix, may not download it.
func TestMatrixXLSX(t *testing.T) {
	t.Parallel()
	f := newOfficeFixture(t)
	office := f.client(t, "vanphong")
	get := func(c *http.Client, path string) (*http.Response, []byte) {
		t.Helper()
		resp, err := c.Get(f.base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	// The page, sorted by sent time, links to the spreadsheet as shown.
	path := fmt.Sprintf("/rounds/%d?sort=sent&state=missing&state=late", f.round.ID)
	resp, page := get(office, path)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	link := regexp.MustCompile(`<a href="([^"]+)" id="matrix-xlsx" download>Tải bảng theo dõi \(XLSX\)</a>`).FindSubmatch(page)
	if link == nil {
		t.Fatalf("the page has no “Tải bảng theo dõi (XLSX)” link:\n%s", grep(string(page), "xlsx"))
	}
	href := strings.ReplaceAll(string(link[1]), "&amp;", "&")
	u, _ := url.Parse(href)
	if q := u.Query(); u.Path != fmt.Sprintf("/rounds/%d/matrix.xlsx", f.round.ID) || q.Get("sort") != "sent" || q.Get("dir") != "desc" ||
		!slices.Equal(q["state"], []string{"missing", "late"}) {
		t.Errorf("the link is %q, want the spreadsheet with the page's filter and order", href)
	}
	resp, body := get(office, href)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("GET %s: %d %s", href, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	cd := resp.Header.Get("Content-Disposition")
	if want := `attachment; filename="bang-theo-doi-bao-cao-ket-qua-cai-cach-hanh-chinh-nam-2026.xlsx"; filename*=UTF-8''`; !strings.HasPrefix(cd, want) {
		t.Errorf("Content-Disposition = %q, want it to start %q", cd, want)
	}
	if _, params, err := mime.ParseMediaType(cd); err != nil || params["filename"] != "Bảng theo dõi - Báo cáo kết quả cải cách hành chính năm 2026.xlsx" {
		t.Errorf("Content-Disposition %q reads as %q (%v), want the Vietnamese name", cd, params["filename"], err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer x.Close()
	// The file says it was made when its figures were taken, by the
	// server's clock, and by tiendo.
	if props, err := x.GetDocProps(); err != nil || props.Creator != "tiendo" || !strings.HasPrefix(props.Created, f.st.Now().UTC().Format("2006-01-02T15")) {
		t.Errorf("the file's properties: %+v (%v); want tiendo's, created at the server's time", props, err)
	}
	sheet := x.GetSheetList()[0]
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	text := func(r []string) string { return strings.TrimRight(strings.Join(r, "|"), "|") }
	var heading []string
	i := 0
	for ; i < len(rows) && (len(rows[i]) == 0 || rows[i][0] != "STT"); i++ {
		heading = append(heading, text(rows[i]))
	}
	head := strings.Join(heading, "\n")
	for _, want := range []string{
		"BẢNG THEO DÕI TÌNH HÌNH GỬI BÁO CÁO",
		"Đợt báo cáo: Báo cáo kết quả cải cách hành chính năm 2026",
		"Văn bản: Số 635/UBND-VP ngày 20/11/2026 của UBND huyện Hữu Lũng",
		"Trích yếu: V/v báo cáo kết quả cải cách hành chính năm 2026",
		// The date as the report writes it: "07/6/2022", not "07/06/2022".
		"Hạn gửi báo cáo: trước ngày " + docDay(f.round.Deadline),
		"Gồm 4/5 đơn vị được yêu cầu báo cáo, lọc theo trạng thái Chưa bắt đầu, Quá hạn; xếp theo thời điểm gửi (đơn vị chưa gửi trước",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("the sheet's heading lacks %q:\n%s", want, head)
		}
	}
	if i == len(rows) {
		t.Fatalf("the sheet has no header row:\n%q", rows)
	}
	sent := func(code string) string {
		t.Helper()
		states, err := f.st.ReportStates(context.Background(), f.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		return states[f.units[code].ID].SubmittedAt.In(tiendo.Zone).Format("15:04 02/01/2006")
	}
	want := []string{
		"STT|Đơn vị|Trạng thái báo cáo|Gửi lúc|Đúng hạn/Quá hạn|NV 1|NV 2",
		// Nothing sent, by name ("Đ" after "D"), then the latest sent.
		"1|Đội Quản lý thị trường|Chưa bắt đầu||Chưa gửi|Chưa bắt đầu",
		"2|Phòng Nội vụ|Chưa bắt đầu||Chưa gửi|Chưa bắt đầu",
		"3|Phòng Y tế|Chưa bắt đầu||Chưa gửi||Chưa bắt đầu",
		"4|Phòng Tư pháp|Quá hạn|" + sent("ptp") + "|Quá hạn|Quá hạn (phối hợp)",
		// After a blank row, what "NV 1" and "NV 2" stand for, so that a
		// printout reads on its own.
		"",
		"Các nhiệm vụ:",
		"NV 1: Cải cách thủ tục hành chính",
		"NV 2: Bảo đảm an ninh trật tự",
	}
	got := []string{}
	for _, r := range rows[i:] {
		got = append(got, text(r))
	}
	if len(got) != len(want) {
		t.Fatalf("table rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("row %d = %q, want %q", k+1, got[k], want[k])
		}
	}

	// The reader sees the matrix and may download it; a unit's reporter may not.
	if resp, _ := get(f.client(t, "huyenuy"), href); resp.StatusCode != 200 {
		t.Errorf("the reader downloads the matrix: %d, want 200", resp.StatusCode)
	}
	if resp, _ := get(f.client(t, "pnv"), href); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a unit's reporter downloads the matrix: %d, want 403", resp.StatusCode)
	}
}

// The office ticks which units to chase and adds a note, without
// JavaScript: the form lists the units owing, all that can be chased
// ticked; the press chases only those ticked, by e-mail through the SMTP
// server and in the app, both with the note; the page then names the units
// chased and those left alone and why. A form with nothing ticked or a
// note too long comes back (422) as sent, and sends nothing. The hour's
// limit per unit holds.
func TestNudgeChosenUnitsForm(t *testing.T) {
	t.Parallel()
	f := newOfficeFixture(t)
	ctx := context.Background()
	office := f.client(t, "vanphong")
	path := fmt.Sprintf("/rounds/%d", f.round.ID)
	do := func(method string, form url.Values) (int, string) {
		t.Helper()
		var req *http.Request
		if method == "GET" {
			req, _ = http.NewRequest("GET", f.base+path, nil)
		} else {
			req, _ = http.NewRequest("POST", f.base+path+"/remind", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", f.base)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
		}
		resp, err := office.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, page := do("GET", nil)
	// The form: Phòng Nội vụ and Phòng Y tế ticked; Đội Quản lý thị trường
	// shown, not to be ticked, with why.
	box := func(page, code string) string {
		t.Helper()
		m := regexp.MustCompile(`<input type="checkbox" name="unit" value="` + fmt.Sprint(f.units[code].ID) + `"[^>]*>`).FindString(page)
		if m == "" {
			t.Fatalf("the form has no box for %s:\n%s", code, grep(page, "checkbox"))
		}
		return m
	}
	for _, code := range []string{"pnv", "pyt"} {
		if b := box(page, code); !strings.Contains(b, " checked") || strings.Contains(b, "disabled") {
			t.Errorf("%s's box is %s, want ticked", code, b)
		}
	}
	if b := box(page, "dqltt"); !strings.Contains(b, "disabled") || strings.Contains(b, "checked") {
		t.Errorf("the unit nobody can be told of has %s, want a box that cannot be ticked", b)
	}
	if !strings.Contains(page, "Đội Quản lý thị trường <span class=\"cell cell-missing\">Chưa bắt đầu</span> <small class=\"muted\">chưa có tài khoản hay địa chỉ e-mail nhận thư</small>") {
		t.Errorf("the form does not say why Đội Quản lý thị trường cannot be chased:\n%s", grep(page, "dqltt"))
	}
	if strings.Contains(page, `value="`+fmt.Sprint(f.units["cah"].ID)+`"`) && strings.Contains(page, `name="unit" value="`+fmt.Sprint(f.units["cah"].ID)) {
		t.Errorf("a unit that sent its report is on the form")
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)[1]
	note := "  Đề nghị gửi báo cáo trước 16 giờ hôm nay để kịp tổng hợp.  "

	// Nothing ticked: the page comes back with the note as typed.
	code, back := do("POST", url.Values{"key": {key}, "pick": {"1"}, "note": {note}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(back, "Chưa chọn đơn vị nào; hãy đánh dấu ít nhất một đơn vị cần đôn đốc.") ||
		!strings.Contains(back, ">"+note+"</textarea>") {
		t.Errorf("nothing ticked: %d\n%s", code, grep(back, "nudge"))
	}
	if b := box(back, "pnv"); strings.Contains(b, "checked") {
		t.Errorf("nothing ticked came back with Phòng Nội vụ ticked: %s", b)
	}
	// A note too long: back with the boxes as ticked and the note kept.
	long := strings.Repeat("Đề nghị khẩn trương. ", 20) // 419 characters once trimmed
	code, back = do("POST", url.Values{"key": {key}, "pick": {"1"}, "unit": {fmt.Sprint(f.units["pyt"].ID)}, "note": {long}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(back, "Ghi chú dài 419 ký tự; hãy rút gọn còn tối đa 300 ký tự.") ||
		!strings.Contains(back, strings.TrimSpace(long)) || !strings.Contains(box(back, "pyt"), "checked") || strings.Contains(box(back, "pnv"), "checked") {
		t.Errorf("a note too long: %d\n%s", code, grep(back, "nudge"))
	}
	msgs, err := f.st.Outbox(ctx, store.OutboxFilter{RoundID: f.round.ID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == store.KindAdhoc {
			t.Fatalf("a refused press queued a đôn đốc to %s", m.Email)
		}
	}

	// Phòng Y tế only, with the note typed in decomposed form.
	code, done := do("POST", url.Values{"key": {key}, "pick": {"1"}, "unit": {fmt.Sprint(f.units["pyt"].ID)}, "note": {norm.NFD.String(note)}})
	if code != 200 {
		t.Fatalf("the press: %d\n%s", code, grep(done, "notice"))
	}
	for _, want := range []string{
		"Đã gửi đôn đốc đến 1 đơn vị: thông báo trong ứng dụng đến 1 tài khoản, kèm 1 thư e-mail đang được gửi.",
		"<li>Đã đôn đốc: Phòng Y tế.</li>",
		"<li>Không đôn đốc được vì chưa có tài khoản hay địa chỉ e-mail nhận thư: Đội Quản lý thị trường.</li>",
		"<li>Không đôn đốc vì không được chọn: Phòng Nội vụ.</li>",
	} {
		if !strings.Contains(done, want) {
			t.Errorf("after the press the page lacks %q:\n%s", want, grep(done, "nudge-result"))
		}
	}
	if _, err := f.rem.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	var mailed []string
	for _, m := range f.smtp.Messages() {
		mailed = append(mailed, m.To[0])
		if !strings.Contains(m.Body, "Ghi chú của Văn phòng: Đề nghị gửi báo cáo trước 16 giờ hôm nay để kịp tổng hợp.\n") ||
			!strings.HasSuffix(m.Subject(), "Ghi chú: Đề nghị gửi báo cáo trước 16 giờ hôm nay để kịp tổng hợp.") {
			t.Errorf("the e-mail to %s lacks the note:\n%s\n%s", m.To[0], m.Subject(), m.Body)
		}
	}
	if !slices.Equal(mailed, []string{"pyt@huulung.example"}) {
		t.Errorf("e-mail went to %q, want Phòng Y tế's reporter only", mailed)
	}
	bell := func(username string) []string {
		t.Helper()
		items, _, err := f.st.Notifications(ctx, f.users[username], 20)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range items {
			if n.Kind == store.KindAdhoc {
				out = append(out, n.Title)
			}
		}
		return out
	}
	if got := bell("pyt"); len(got) != 1 || !strings.HasSuffix(got[0], "Ghi chú: Đề nghị gửi báo cáo trước 16 giờ hôm nay để kịp tổng hợp.") || !norm.NFC.IsNormalString(got[0]) {
		t.Errorf("Phòng Y tế's bell: %q, want the đôn đốc with the note, in NFC", got)
	}
	if got := bell("pnv"); len(got) != 0 {
		t.Errorf("Phòng Nội vụ was not ticked, yet its bell has %q", got)
	}

	// The page drawn again: Phòng Y tế cannot be ticked for the hour.
	_, page = do("GET", nil)
	if b := box(page, "pyt"); !strings.Contains(b, "disabled") {
		t.Errorf("Phòng Y tế, chased a moment ago, has %s", b)
	}
	// Both ticked all the same (an older page): Phòng Nội vụ is chased,
	// Phòng Y tế is left alone and named.
	key = regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)[1]
	_, done = do("POST", url.Values{"key": {key}, "pick": {"1"}, "unit": {fmt.Sprint(f.units["pyt"].ID), fmt.Sprint(f.units["pnv"].ID)}})
	for _, want := range []string{
		"<li>Đã đôn đốc: Phòng Nội vụ.</li>",
		"<li>Không đôn đốc lại vì vừa được đôn đốc chưa quá 1 giờ: Phòng Y tế.</li>",
	} {
		if !strings.Contains(done, want) {
			t.Errorf("the second press's page lacks %q:\n%s", want, grep(done, "nudge-result"))
		}
	}
	if got := bell("pyt"); len(got) != 1 {
		t.Errorf("Phòng Y tế was chased again within the hour: %q", got)
	}
	if got := bell("pnv"); len(got) != 1 || strings.Contains(got[0], "Ghi chú") {
		t.Errorf("Phòng Nội vụ's bell: %q, want one đôn đốc without a note", got)
	}
}

// docDay is t's day as documents write it in running text (Decree 30): a
// zero before days 1-9 and months 1-2 only, "07/6/2022", "05/01/2026".
func docDay(t time.Time) string {
	t = t.In(tiendo.Zone)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), month, t.Year())
}
