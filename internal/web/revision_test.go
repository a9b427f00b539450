package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// One submission can be opened and read whole, as it was sent: its numbers
// written the Vietnamese way, its status and texts, the files it listed,
// who sent it, when, and whether on time; with the links around it. A
// submission that does not exist is a Vietnamese 404, and another unit's
// reporter is refused as on the list. The report page offers "Các lần gửi"
// only once something was sent.
func TestRevisionShowsOneSubmissionWhole(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	cah, err := x.st.UserByUsername(ctx, "cah")
	if err != nil {
		t.Fatal(err)
	}
	office, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	reporter := x.login("cah")
	reportPath := fmt.Sprintf("/rounds/%d/reports/cah", x.round.ID)
	list := reportPath + "/revisions"
	hasListLink := func() bool {
		t.Helper()
		code, body := x.get(reporter, reportPath)
		if code != 200 {
			t.Fatalf("GET %s: %d", reportPath, code)
		}
		return strings.Contains(body, `href="`+list+`"`)
	}

	// fill saves the report with these values and submits it.
	fill := func(value, same float64, status, result string) int {
		t.Helper()
		rep, err := x.st.Report(ctx, cah, x.round.ID, x.b.ID)
		if err != nil {
			t.Fatal(err)
		}
		sec := rep.Sections[0]
		sec.Status, sec.ResultVsPlan, sec.Obstacles = status, result, "Thiếu cán bộ điều tra."
		sec.Actuals[0].Value, sec.Actuals[0].SamePeriod = &value, &same
		if err := x.st.SaveReport(ctx, store.Actor{UserID: cah.ID}, cah, rep); err != nil {
			t.Fatal(err)
		}
		if hasListLink() && rep.SubmittedAt.IsZero() {
			t.Errorf("the report page links to “Các lần gửi” before anything was sent")
		}
		rep, _ = x.st.Report(ctx, cah, x.round.ID, x.b.ID)
		sub, err := x.st.ActOnReport(ctx, store.Actor{UserID: cah.ID}, cah, x.round.ID, x.b.ID,
			store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true})
		if err != nil {
			t.Fatal(err)
		}
		return sub.Version
	}
	v1 := fill(1234.5, 7.25, "on_track", "Đã mở đợt cao điểm tấn công trấn áp tội phạm.")
	if !hasListLink() {
		t.Errorf("the report page does not link to “Các lần gửi” after a submission")
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{UserID: office.ID}, office, x.round.ID, x.b.ID,
		store.ActRequest{Action: tiendo.ReportReturn, Version: v1, Comment: "Bổ sung tệp số liệu"}); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.AddAttachment(ctx, store.Actor{UserID: cah.ID}, cah, x.round.ID, x.b.ID, "bang-so-lieu.pdf", []byte("%PDF-1.4 số liệu")); err != nil {
		t.Fatal(err)
	}
	// The second submission comes after the deadline.
	// (Sessions expire by that clock: log in again.)
	x.st.Now = func() time.Time { return x.round.Deadline.Add(time.Hour) }
	reporter = x.login("cah")
	fill(6, 5, "completed", "Đã hoàn thành, giảm 6%.")

	c := x.login("vanphong")
	code, body := x.get(c, list)
	if code != 200 {
		t.Fatalf("GET %s: %d", list, code)
	}
	for n := 1; n <= 2; n++ {
		if link := fmt.Sprintf(`href="%s/%d"`, list, n); !strings.Contains(body, link) {
			t.Errorf("the list has no link to submission %d (%s)", n, link)
		}
	}

	code, first := x.get(c, list+"/1")
	if code != 200 {
		t.Fatalf("GET %s/1: %d\n%s", list, code, first)
	}
	for _, want := range []string{
		"lần gửi thứ 1",
		"1.234,5%", "7,25%", // as the report page writes numbers
		"Đang thực hiện, đúng tiến độ", "Đã mở đợt cao điểm tấn công trấn áp tội phạm.", "Thiếu cán bộ điều tra.",
		"Lần gửi này không kèm tệp nào.",
		"Đúng hạn", "<dt>Người gửi</dt><dd>cah</dd>", // the submitter has no full name: the username
		`href="` + list + `/2" rel="next"`, `href="` + list + `"`, `href="` + reportPath + `"`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("submission 1 does not show %q", want)
		}
	}
	for _, unwanted := range []string{"Đã hoàn thành, giảm 6%.", "bang-so-lieu.pdf", `rel="prev"`, "Quá hạn"} {
		if strings.Contains(first, unwanted) {
			t.Errorf("submission 1 shows %q, which it did not have", unwanted)
		}
	}

	code, second := x.get(c, list+"/2")
	if code != 200 {
		t.Fatalf("GET %s/2: %d", list, code)
	}
	for _, want := range []string{
		"lần gửi thứ 2", "Đã hoàn thành, giảm 6%.", "<strong>Tình trạng:</strong> Đã hoàn thành", "Quá hạn", "6%", "5%",
		`<a href="/attachments/`, "bang-so-lieu.pdf",
		`href="` + list + `/1" rel="prev"`, fmt.Sprintf(`href="%s?a=%d&amp;b=`, list, v1),
	} {
		if !strings.Contains(second, want) {
			t.Errorf("submission 2 does not show %q", want)
		}
	}
	if strings.Contains(second, `rel="next"`) || strings.Contains(second, "1.234,5") {
		t.Errorf("submission 2 links to a next one or shows the first one's number")
	}

	for _, n := range []string{"0", "3", "abc"} {
		code, body := x.get(c, list+"/"+n)
		if code != 404 || !strings.Contains(body, "Không có lần gửi thứ "+n) {
			t.Errorf("GET %s/%s: %d, want 404 with “Không có lần gửi thứ %s”", list, n, code, n)
		}
	}
	// Whoever may not read the report may not read its submissions.
	if code, _ := x.get(x.login("pnv"), list+"/1"); code != 403 {
		t.Errorf("another unit's reporter: %d, want 403", code)
	}
	// A report never sent has nothing to show, and says so.
	code, body = x.get(c, fmt.Sprintf("/rounds/%d/reports/pnv/revisions/1", x.round.ID))
	if code != 404 || !strings.Contains(body, "chưa gửi báo cáo lần nào") {
		t.Errorf("a report never sent: %d, want 404 saying it was never sent", code)
	}
}
