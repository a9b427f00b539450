package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// roundChartsJSON is the round page's chart data, as charts.js reads it.
type roundChartsJSON struct {
	Progress   []chartPointJSON `json:"progress"`
	Attainment []chartPointJSON `json:"attainment"`
	OnTime     []chartPointJSON `json:"on_time"`
}

type chartPointJSON struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// viNumberRE is a number written the Vietnamese way: dots between
// thousands, a comma before the decimals ("1.234,5", "99,1%").
var viNumberRE = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})*(,\d+)?%?$`)

// The tables under the round page's charts, read by screen readers and
// printed, write their numbers the Vietnamese way: a task of the demo that
// reaches, say, 99.1% of its targets is written "99,1%", never "99.1".
func TestRoundChartTablesWriteVietnameseNumbers(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	page := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", live))
	charts := roundCharts(t, page)
	tables := chartTables(page)
	if len(tables) != 3 {
		t.Fatalf("%d chart tables, want 3 (progress, attainment, on time)", len(tables))
	}
	fractional := 0
	for i, c := range []struct {
		name   string
		points []chartPointJSON
		want   func(float64) string
	}{
		{"progress", charts.Progress, func(f float64) string { return vi.FormatNumber(f, 0) }},
		{"attainment", charts.Attainment, func(f float64) string { return vi.FormatNumber(f, 1) + "%" }},
		{"on time", charts.OnTime, func(f float64) string { return vi.FormatNumber(f, 1) + "%" }},
	} {
		rows := tables[i]
		if len(rows) != len(c.points) || len(rows) == 0 {
			t.Errorf("%s table: %d rows, want one per chart point (%d)", c.name, len(rows), len(c.points))
			continue
		}
		for j, p := range c.points {
			label, got := rows[j][0], rows[j][1]
			if want := c.want(p.Value); label != p.Label || got != want {
				t.Errorf("%s table row %d = %q, %q; want %q, %q", c.name, j, label, got, p.Label, want)
			}
			if !viNumberRE.MatchString(got) {
				t.Errorf("%s table: %q for %s is not a Vietnamese number", c.name, got, label)
			}
			if c.name == "attainment" && p.Value != float64(int(p.Value)) {
				fractional++
			}
		}
	}
	// The demo has a fractional attainment: without one this test would
	// not see a decimal point written as a comma.
	if fractional == 0 {
		t.Errorf("no attainment has decimals; the test needs one")
	}
}

// The wide tables of the round page scroll sideways inside a labelled,
// focusable region on a phone instead of widening the page.
func TestRoundWideTablesScroll(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	page := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))
	for _, table := range []string{`<table class="targets-table">`, `<table class="tasks">`} {
		i := strings.Index(page, table)
		if i < 0 {
			t.Errorf("no %s on the round page", table)
			continue
		}
		before := strings.TrimSpace(page[:i])
		open := before[strings.LastIndex(before, "<"):]
		if !strings.HasPrefix(open, `<div class="table-wrap" tabindex="0" role="region" aria-label="`) {
			t.Errorf("%s follows %s, want it inside a labelled, focusable .table-wrap region", table, open)
		}
	}
}

// On the round page the charts' axes and tooltips write numbers the
// Vietnamese way, as the tables under them do.
func TestBrowserRoundChartsVietnameseNumbers(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", base, liveRoundID(t, st))),
		chromedp.WaitVisible(`#charts-h`),
	)
	browsertest.WaitFor(t, ctx, `typeof Chart !== "undefined" && !!Chart.getChart("chart-attainment")`)
	// Each chart's tick labels, and the tooltip of every point.
	got := browsertest.Get(t, ctx, chromedp.Evaluate[map[string][]string](`(() => {
		const out = {};
		for (const id of ["chart-progress", "chart-attainment", "chart-ontime"]) {
			const chart = Chart.getChart(id);
			const axis = chart.options.indexAxis === "y" ? "x" : "y";
			out[id + " ticks"] = chart.scales[axis].ticks.map(t => String(t.label));
			out[id + " tooltips"] = chart.data.datasets[0].data.map((v, i) => {
				const el = chart.getDatasetMeta(0).data[i];
				chart.tooltip.setActiveElements([{datasetIndex: 0, index: i}], {x: el.x, y: el.y});
				chart.update();
				return chart.tooltip.body.flatMap(b => b.lines).join(" ");
			});
		}
		return out;
	})()`))
	data := browsertest.Get(t, ctx, chromedp.Evaluate[roundChartsJSON](`JSON.parse(document.getElementById("chart-data").textContent)`))
	want := map[string][]string{}
	for id, c := range map[string]struct {
		points []chartPointJSON
		write  func(float64) string
	}{
		"chart-progress":   {data.Progress, func(f float64) string { return vi.FormatNumber(f, 0) }},
		"chart-attainment": {data.Attainment, func(f float64) string { return vi.FormatNumber(f, 1) + "%" }},
		"chart-ontime":     {data.OnTime, func(f float64) string { return vi.FormatNumber(f, 1) + "%" }},
	} {
		for _, p := range c.points {
			want[id+" tooltips"] = append(want[id+" tooltips"], c.write(p.Value))
		}
	}
	for key, w := range want {
		if strings.Join(got[key], "|") != strings.Join(w, "|") {
			t.Errorf("%s = %q, want %q", key, got[key], w)
		}
	}
	for _, id := range []string{"chart-progress", "chart-attainment", "chart-ontime"} {
		ticks := got[id+" ticks"]
		if len(ticks) < 2 {
			t.Errorf("%s: ticks %q, want an axis", id, ticks)
		}
		for _, tk := range ticks {
			if !viNumberRE.MatchString(tk) || (id != "chart-progress" && !strings.HasSuffix(tk, "%")) {
				t.Errorf("%s: tick %q, want a Vietnamese number (a percentage on the %% charts)", id, tk)
			}
		}
	}
}

// liveRoundID is the demo's open round.
func liveRoundID(t *testing.T, st *store.Store) int64 {
	t.Helper()
	rounds, err := st.Rounds(context.Background(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil || len(rounds) == 0 {
		t.Fatalf("demo rounds: %v (%d)", err, len(rounds))
	}
	return rounds[0].ID
}

// roundCharts reads the round page's chart data, as charts.js does.
func roundCharts(t *testing.T, page string) roundChartsJSON {
	t.Helper()
	_, rest, ok := strings.Cut(page, `<script type="application/json" id="chart-data">`)
	raw, _, ok2 := strings.Cut(rest, "</script>")
	if !ok || !ok2 {
		t.Fatalf("the round page has no chart data")
	}
	var charts roundChartsJSON
	if err := json.Unmarshal([]byte(raw), &charts); err != nil {
		t.Fatalf("chart data %s: %v", raw, err)
	}
	return charts
}

// getPage logs username in and returns the page at path.
func getPage(t *testing.T, base, username, path string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s: status %d", username, path, resp.StatusCode)
	}
	return string(b)
}

var (
	chartTableRE = regexp.MustCompile(`(?s)<table class="chart-table">.*?<tbody>(.*?)</tbody>`)
	chartRowRE   = regexp.MustCompile(`(?s)<tr><td>(.*?)</td><td>(.*?)</td>`)
)

// chartTables returns the rows (label, value: the first two cells) of each
// chart's table.
func chartTables(page string) [][][2]string {
	var out [][][2]string
	for _, m := range chartTableRE.FindAllStringSubmatch(page, -1) {
		var rows [][2]string
		for _, r := range chartRowRE.FindAllStringSubmatch(m[1], -1) {
			rows = append(rows, [2]string{html.UnescapeString(r[1]), html.UnescapeString(r[2])})
		}
		out = append(out, rows)
	}
	return out
}

// The attainment chart leaves out tasks whose targets have no data yet
// (a bar at 0% would read as nothing done) and names them under it.
func TestRoundAttainmentLeavesOutTasksWithoutData(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	page := getPage(t, base, "vanphong", fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))
	charts := roundCharts(t, page)
	_, after, found := strings.Cut(page, "Chưa có số liệu chỉ tiêu: ")
	listed, _, _ := strings.Cut(after, ".</small>")
	if !found || listed == "" {
		t.Fatalf("the demo's live round names no task without data under the attainment chart")
	}
	for _, p := range charts.Attainment {
		if p.Value == 0 {
			t.Errorf("attainment chart has %s at 0%%: a task without data must be left out", p.Label)
		}
		for _, l := range strings.Split(listed, ", ") {
			if l == p.Label {
				t.Errorf("%s is both charted and listed as without data", l)
			}
		}
	}
}
