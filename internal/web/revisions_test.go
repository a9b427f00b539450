package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// The history of a report counts submissions from 1 in the order they were
// made, whatever the report's version (saves bump it); names the submitter
// by full name, by username when there is none, and with a "—" that says
// why when the submission has no user; and compares two submissions named
// by their number while the query still names them by version.
func TestRevisionsPageCountsSubmissionsAndNamesSubmitters(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	hoa := &tiendo.User{Username: "pldtbxh", FullName: "Nguyễn Thị Hoa", Role: tiendo.RoleReporter, UnitID: x.a.ID}
	if err := x.st.CreateUser(ctx, store.Actor{}, hoa, pw); err != nil {
		t.Fatal(err)
	}
	pnv, err := x.st.UserByUsername(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	office, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	var versions []int
	// send saves the report twice, so versions skip numbers, submits it
	// and has the office return it for the next round of changes.
	send := func(by store.Actor, u *tiendo.User, text string) {
		t.Helper()
		for _, obstacles := range []string{"Đang tổng hợp.", "Thiếu vốn đối ứng."} {
			rep, err := x.st.Report(ctx, u, x.round.ID, x.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			sec := rep.Sections[0]
			sec.Status, sec.ResultVsPlan, sec.Obstacles = "on_track", text, obstacles
			if err := x.st.SaveReport(ctx, by, u, rep); err != nil {
				t.Fatal(err)
			}
		}
		rep, _ := x.st.Report(ctx, u, x.round.ID, x.a.ID)
		sub, err := x.st.ActOnReport(ctx, by, u, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true})
		if err != nil {
			t.Fatal(err)
		}
		versions = append(versions, sub.Version)
		if _, err := x.st.ActOnReport(ctx, store.Actor{UserID: office.ID}, office, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: sub.Version, Comment: "Bổ sung số liệu"}); err != nil {
			t.Fatal(err)
		}
	}
	send(store.Actor{UserID: hoa.ID}, hoa, "Đã ban hành kế hoạch.")
	send(store.Actor{UserID: pnv.ID}, pnv, "Đã ban hành kế hoạch và kiểm tra.")
	send(store.Actor{}, pnv, "Đã ban hành kế hoạch, kiểm tra và sơ kết.")
	if versions[0] == 1 {
		t.Fatalf("the first submission has version 1; the saves before it should have bumped it")
	}

	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/reports/pnv/revisions", x.round.ID)
	code, body := x.get(c, path)
	if code != 200 {
		t.Fatalf("GET %s: %d", path, code)
	}
	tbody := body[strings.Index(body, "<tbody>"):strings.Index(body, "</tbody>")]
	rows := strings.Split(tbody, "<tr>")[1:]
	for i := range rows { // each submission's row, without the returns after it
		rows[i], _, _ = strings.Cut(rows[i], `<tr class="returned">`)
	}
	if len(rows) != 3 {
		t.Fatalf("the history has %d rows, want 3:\n%s", len(rows), tbody)
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	for i, want := range []struct{ first, who string }{
		{"Lần gửi thứ 1", "Nguyễn Thị Hoa"},
		{"Lần gửi thứ 2", "pnv"},
		{"Lần gửi thứ 3", "—"},
	} {
		cells := strings.Split(rows[i], "<td")
		if len(cells) != 5 {
			t.Fatalf("row %d has %d cells, want 4: %s", i+1, len(cells)-1, rows[i])
		}
		text := func(n int) string { return strings.TrimSpace(tag.ReplaceAllString("<td"+cells[n], "")) }
		if got := text(1); got != want.first {
			t.Errorf("row %d, first cell = %q, want %q", i+1, got, want.first)
		}
		if got := text(3); got != want.who {
			t.Errorf("row %d, submitter = %q, want %q", i+1, got, want.who)
		}
	}
	if !strings.Contains(rows[0], `title="Tài khoản: pldtbxh"`) {
		t.Errorf("the full name does not say its username in a title: %s", rows[0])
	}
	if !strings.Contains(rows[2], `title="Không rõ người gửi`) {
		t.Errorf("an unknown submitter is not explained: %s", rows[2])
	}

	// By default the last two submissions are compared; the choice goes by
	// version in the query, and the page names them by number.
	if !strings.Contains(body, "Thay đổi giữa lần gửi thứ 2 và lần gửi thứ 3") {
		t.Errorf("the default comparison is not named by submission numbers 2 and 3")
	}
	for _, v := range versions {
		if !strings.Contains(body, fmt.Sprintf(`<option value="%d"`, v)) {
			t.Errorf("no option picks version %d", v)
		}
	}
	code, body = x.get(c, fmt.Sprintf("%s?a=%d&b=%d", path, versions[0], versions[2]))
	if code != 200 || !strings.Contains(body, "Thay đổi giữa lần gửi thứ 1 và lần gửi thứ 3") || !strings.Contains(body, "sơ kết.</ins>") {
		t.Errorf("comparing versions %d and %d: %d, want submissions 1 and 3 and what was added", versions[0], versions[2], code)
	}
	// Two identical submissions still offer the choice of another pair.
	code, body = x.get(c, fmt.Sprintf("%s?a=%d&b=%d", path, versions[1], versions[1]))
	if code != 200 || !strings.Contains(body, "giống nhau") || !strings.Contains(body, `<select name="a">`) {
		t.Errorf("comparing a submission with itself: %d, want “giống nhau” and the choice of another pair", code)
	}
	if code, _ := x.get(c, fmt.Sprintf("%s?a=%d&b=%d", path, 999, versions[1])); code != 404 {
		t.Errorf("comparing a version never submitted: %d, want 404", code)
	}
}

// Between two submissions the history says why the report went back: who
// returned it, when, and their reason as written, line breaks kept.
func TestRevisionsPageShowsWhyReportWentBack(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, _ := x.st.UserByUsername(ctx, "pnv")
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	submit := func() int {
		t.Helper()
		rep, err := x.st.Report(ctx, pnv, x.round.ID, x.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		rep.Sections[0].Status, rep.Sections[0].ResultVsPlan = "on_track", "Đã ban hành kế hoạch."
		if err := x.st.SaveReport(ctx, store.Actor{UserID: pnv.ID}, pnv, rep); err != nil {
			t.Fatal(err)
		}
		sub, err := x.st.ActOnReport(ctx, store.Actor{UserID: pnv.ID}, pnv, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true})
		if err != nil {
			t.Fatal(err)
		}
		return sub.Version
	}
	v := submit()
	const why = "Bổ sung số liệu quý II.\nGhi rõ nguồn vốn đối ứng."
	if _, err := x.st.ActOnReport(ctx, store.Actor{UserID: office.ID}, office, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: v, Comment: why}); err != nil {
		t.Fatal(err)
	}
	submit()
	for _, who := range []string{"vanphong", "pnv"} {
		code, body := x.get(x.login(who), fmt.Sprintf("/rounds/%d/reports/pnv/revisions", x.round.ID))
		first, second := strings.Index(body, "Lần gửi thứ 1"), strings.Index(body, "Lần gửi thứ 2")
		back := strings.Index(body, "Văn phòng trả lại")
		if code != 200 || first < 0 || second < 0 || back < first || back > second {
			t.Fatalf("%s: %d; want the return between the first and the second submission", who, code)
		}
		row := body[back:second]
		if !strings.Contains(row, `<div class="return-comment">`+"Bổ sung số liệu quý II.\nGhi rõ nguồn vốn đối ứng.</div>") || !strings.Contains(row, "vanphong") {
			t.Errorf("%s: the return row lacks the reason or who:\n%s", who, row)
		}
	}
}
