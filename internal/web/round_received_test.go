package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// apiGet reads an API path with a fresh token of username.
func apiGet(t *testing.T, st *store.Store, base, username, path string, into any) {
	t.Helper()
	u, err := st.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := st.CreateToken(context.Background(), u.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, into); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// targetRow is the round page's line for target id.
func targetRow(t *testing.T, page string, id int64) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<tr>\s*<td>[^<]*</td><td><a href="/targets/` + fmt.Sprint(id) + `".*?</tr>`)
	row := re.FindString(page)
	if row == "" {
		t.Fatalf("the round page has no line for target %d", id)
	}
	return row
}

// A unit's draft is its own work, not a result: the round page, the
// target's page and the API show a target's value once the office has
// received the report, as the consolidated report does.
func TestRoundCountsOnlyReceivedValues(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	reporter, err := x.st.UserByUsername(ctx, "cah")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := x.st.Report(ctx, reporter, x.round.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := 7.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Giảm 7% so với cùng kỳ."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
		t.Fatal(err)
	}
	target := x.round.Tasks[1].Targets[0].ID
	office := x.login("vanphong")
	type apiTargets struct {
		Targets []struct {
			UnitID  int64    `json:"unit_id"`
			Actual  *float64 `json:"actual"`
			Verdict string   `json:"verdict"`
		} `json:"targets"`
	}
	check := func(step string, received bool) {
		t.Helper()
		_, page := x.get(office, fmt.Sprintf("/rounds/%d", x.round.ID))
		row := targetRow(t, page, target)
		if shown := strings.Contains(row, "<td>7%</td>"); shown != received {
			t.Errorf("%s: the round page shows the value 7%%: %v, want %v:\n%s", step, shown, received, row)
		}
		if noData := strings.Contains(row, "Chưa có số liệu"); noData == received {
			t.Errorf("%s: the round page says no data: %v, want %v:\n%s", step, noData, !received, row)
		}
		_, series := x.get(office, fmt.Sprintf("/targets/%d", target))
		if shown := strings.Contains(series, "7%"); shown != received {
			t.Errorf("%s: the target's page shows the value 7%%: %v, want %v", step, shown, received)
		}
		var got apiTargets
		apiGet(t, x.st, x.srv.URL, "vanphong", fmt.Sprintf("/api/v1/rounds/%d/targets", x.round.ID), &got)
		if len(got.Targets) != 1 || (got.Targets[0].Actual != nil) != received {
			t.Errorf("%s: the API's targets = %+v, want a value: %v", step, got.Targets, received)
		}
	}
	check("a draft", false)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, reporter, x.round.ID, x.b.ID,
		store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	check("submitted", true)
}

// A unit's on-time rate over rounds does not count the round still open
// against it when it has not sent yet: in the demo, every unit sent the
// 2022 round (three late) and the live round is due in four days.
func TestRoundOnTimeChartLeavesOutOpenRound(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	rounds, err := st.Rounds(ctx, &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	onTime, counted := map[int64]int{}, map[int64]int{}
	for _, r := range rounds {
		states, err := st.ReportStates(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for id, s := range states {
			if s.SubmittedAt.IsZero() && r.Status == tiendo.RoundOpen {
				continue // it still has time
			}
			counted[id]++
			if !s.SubmittedAt.IsZero() && !s.Late {
				onTime[id]++
			}
		}
	}
	for id, n := range counted {
		u, err := st.Unit(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		name := u.ShortName
		if name == "" {
			name = u.Name
		}
		want[name] = float64(int(1000*float64(onTime[id])/float64(n)+0.5)) / 10
	}
	page := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))
	charts := roundCharts(t, page)
	if len(charts.OnTime) != 12 {
		t.Errorf("on-time chart has %d units, want the 12 asked", len(charts.OnTime))
	}
	for _, p := range charts.OnTime {
		if w, ok := want[p.Label]; !ok || p.Value != w {
			t.Errorf("%s on time %v%%, want %v%%", p.Label, p.Value, w)
		}
	}
}

// After the office returns a report, the cards count it apart, and the
// "đôn đốc" button, the schedule and the đôn đốc itself reach the same
// units: those that have not sent and the one returned.
func TestRoundReturnedReportCountsAgree(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	returnOneReport(t, st, live)

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get := func(path string) string {
		t.Helper()
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	page := get(fmt.Sprintf("/rounds/%d", live))
	for _, want := range []string{
		"<strong>4/12</strong><span>đã gửi",
		"<strong>8</strong><span>chưa gửi</span>",
		"<strong>1</strong><span>trả lại để bổ sung (trong số đã gửi)</span>",
		`id="nudge">Đôn đốc 9 đơn vị (8 chưa gửi, 1 trả lại để bổ sung)</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("round page lacks %q", want)
		}
	}
	_, schedule, _ := strings.Cut(page, `<details class="upcoming">`)
	schedule, _, _ = strings.Cut(schedule, "</details>")
	units := map[string]bool{}
	for _, m := range regexp.MustCompile(`<tr><td>[^<]*</td><td>([^<]*)</td>`).FindAllStringSubmatch(schedule, -1) {
		units[m[1]] = true
	}
	if len(units) != 9 {
		t.Errorf("the schedule reminds %d units, want 9: %v", len(units), units)
	}

	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)
	if key == nil {
		t.Fatal("no đôn đốc form")
	}
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/rounds/%d/remind", base, live), strings.NewReader(url.Values{"key": {key[1]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The demo server has no e-mail: the message must not say mail went.
	if want := "Đã gửi đôn đốc đến 9 đơn vị: thông báo trong ứng dụng đến 10 tài khoản; không gửi thư e-mail vì máy chủ chưa được cấu hình gửi thư."; resp.StatusCode != 200 || !strings.Contains(string(b), want) {
		t.Errorf("after đôn đốc: %d, page lacks %q\n%s", resp.StatusCode, want, grep(string(b), "notice"))
	}
}

// returnOneReport has the office return, with a reason, the sent report of
// the demo's live round whose unit has the lowest id, and returns that
// unit's id.
func returnOneReport(t *testing.T, st *store.Store, live int64) int64 {
	t.Helper()
	ctx := context.Background()
	office, err := st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	states, err := st.ReportStates(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	var returned int64
	for id, s := range states {
		if s.Status == tiendo.ReportSubmitted && (returned == 0 || id < returned) {
			returned = id
		}
	}
	if returned == 0 {
		t.Fatal("the demo's live round has no sent report to return")
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, office, live, returned,
		store.ActRequest{Action: tiendo.ReportReturn, Version: states[returned].Version, Comment: "Bổ sung số liệu cùng kỳ"}); err != nil {
		t.Fatal(err)
	}
	return returned
}
