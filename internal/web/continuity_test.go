package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"tiendo"
)

// In the demo the live round carries the 2022 round's tasks: a target's page
// shows its 2022 values as history.
func TestDemoTargetHistory(t *testing.T) {
	base, st := demoStore(t)
	bg := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	rounds, _ := st.Rounds(bg, office)
	live, err := st.Round(bg, office, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var target *tiendo.Target
	for _, task := range live.Tasks {
		if task.Label == "4" && len(task.Targets) > 0 {
			target = task.Targets[0] // land clearance, >= 70 %
		}
	}
	if target == nil {
		t.Fatal("the live round has no target on task 4")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(fmt.Sprintf("%s/targets/%d", base, target.ID))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "6 tháng đầu năm 2022") || !strings.Contains(page, "TT Phát triển quỹ đất") {
		t.Errorf("target history: %d, want the 2022 value of the land-clearance target:\n%s", resp.StatusCode, page)
	}
	if strings.Count(page, "%</td>") < 2 {
		t.Errorf("the history shows no values")
	}
}

// In the demo, a search without diacritics finds the land-clearance task
// and what the units wrote about it.
func TestDemoSearch(t *testing.T) {
	base, _ := demoStore(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + "/search?q=giai+phong+mat+bang")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "giải phóng mặt bằng") || !strings.Contains(page, "/rounds/") {
		t.Fatalf("search: %d\n%s", resp.StatusCode, page)
	}
	if !strings.Contains(page, "reports/") {
		t.Errorf("search finds no unit report text about land clearance")
	}
}
