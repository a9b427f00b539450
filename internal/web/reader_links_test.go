package web_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"testing"
)

// reportLink is a link to a unit's report, with or without its section.
var reportLink = regexp.MustCompile(`href="(/rounds/\d+/reports/[^"#]+)(?:#[^"]*)?"`)

// The reader reads a unit's report only once it is sent: the round page
// links only those, so that no link it shows ends on "Không có quyền".
func TestReaderSeesLinksOnlyToSentReports(t *testing.T) {
	base, st := demoStore(t)
	page := getPage(t, base, "huyenuy", fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))
	links := map[string]bool{}
	for _, m := range reportLink.FindAllStringSubmatch(page, -1) {
		links[m[1]] = true
	}
	if len(links) == 0 {
		t.Fatal("the reader sees no report to open; the demo's live round has sent reports")
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
	// The office, who reads every report, has a link for every unit.
	office := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))
	all := map[string]bool{}
	for _, m := range reportLink.FindAllStringSubmatch(office, -1) {
		all[m[1]] = true
	}
	if len(all) <= len(links) {
		t.Errorf("the office sees %d reports to open, the reader %d: the demo has unsent reports the reader should not be offered", len(all), len(links))
	}
}
