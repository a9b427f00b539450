package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// reportLink is a link to a unit's report, with or without its section.
var reportLink = regexp.MustCompile(`href="(/rounds/\d+/reports/[^"#]+)(?:#[^"]*)?"`)

// The reader reads a unit's report only once it is sent: the round page
// links only those, so that no link it shows ends on "Không có quyền".
func TestReaderSeesLinksOnlyToSentReports(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	live := liveRoundID(t, st)
	// The office returns one sent report: the reader is then led to what
	// was sent, under "Các lần gửi".
	u, err := st.Unit(ctx, returnOneReport(t, st, live))
	if err != nil {
		t.Fatal(err)
	}
	returned := u.Code
	page := getPage(t, base, "huyenuy", fmt.Sprintf("/rounds/%d", live))
	links := map[string]bool{}
	for _, m := range reportLink.FindAllStringSubmatch(page, -1) {
		links[m[1]] = true
	}
	if len(links) == 0 {
		t.Fatal("the reader sees no report to open; the demo's live round has sent reports")
	}
	if want := fmt.Sprintf("/rounds/%d/reports/%s/revisions", live, returned); returned == "" || !links[want] {
		t.Errorf("the reader is not led to the submissions of the returned report (%q): links %v", want, links)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"huyenuy"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for link := range links {
		resp, err := c.Get(base + link)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("the reader follows %s from the round page: %d", link, resp.StatusCode)
		}
	}
	// From the returned report's submissions, and from its first one, no
	// link leads to the report as it is now, which the reader may not open.
	revisions := fmt.Sprintf("/rounds/%d/reports/%s/revisions", live, returned)
	for _, page := range []string{revisions, revisions + "/1"} {
		body := getPage(t, base, "huyenuy", page)
		for _, m := range reportLink.FindAllStringSubmatch(body, -1) {
			resp, err := c.Get(base + m[1])
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("the reader follows %s from %s: %d", m[1], page, resp.StatusCode)
			}
		}
	}

	// The office, who reads every report, has a link for every unit.
	officePage := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", live))
	all := map[string]bool{}
	for _, m := range reportLink.FindAllStringSubmatch(officePage, -1) {
		all[m[1]] = true
	}
	if len(all) <= len(links) {
		t.Errorf("the office sees %d reports to open, the reader %d: the demo has unsent reports the reader should not be offered", len(all), len(links))
	}
}

// The reminders' timetable is the office's work: the reader and the units
// do not see it on the round page.
func TestReminderScheduleIsTheOffices(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	path := fmt.Sprintf("/rounds/%d", liveRoundID(t, st))
	const schedule = "Lịch nhắc việc tự động sắp tới"
	if page := getPage(t, base, "vanphong", path); !strings.Contains(page, schedule) {
		t.Fatal("the office's round page has no reminder schedule; the demo's live round is due in days")
	}
	for _, who := range []string{"huyenuy", "lanhdao", "pnv"} {
		if page := getPage(t, base, who, path); strings.Contains(page, schedule) {
			t.Errorf("%s sees the reminder schedule", who)
		}
	}
}
