package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// matrixRowRE is a row of the round page's matrix: the unit's name (a link
// or not) and its report's state.
var matrixRowRE = regexp.MustCompile(`(?s)<tr>\s*<th scope="row">(.*?)</th>\s*<td><span class="cell cell-([a-z_]+)">([^<]*)</span>`)

// matrixRows returns the matrix's rows: unit name and state label.
func matrixRows(page string) [][2]string {
	_, matrix, _ := strings.Cut(page, `<table class="matrix">`)
	matrix, _, _ = strings.Cut(matrix, "</table>")
	var out [][2]string
	for _, m := range matrixRowRE.FindAllStringSubmatch(matrix, -1) {
		name := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], ""))
		out = append(out, [2]string{name, m[3]})
	}
	return out
}

// The card "chưa gửi" counts every unit that has not sent, as the "đôn
// đốc" button does, and says how many have not started and how many are
// writing: the matrix names those two states so, and filtering it by each
// shows that many units. No state of the matrix is called "Chưa gửi",
// which would be a part under the name of the whole.
func TestRoundNotSentCardMatchesTheMatrix(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	path := fmt.Sprintf("/rounds/%d", live)
	get, _ := officeSession(t, base)
	page := get(path)
	m := regexp.MustCompile(`<div id="not-sent"><strong>(\d+)</strong><span>chưa gửi</span> <span>\(<a href="([^"]+)">(\d+) chưa bắt đầu</a>, <a href="([^"]+)">(\d+) đang soạn</a>\)</span></div>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the card “chưa gửi” does not say how many have not started and how many are writing:\n%s", grep(page, "chưa gửi"))
	}
	total, _ := strconv.Atoi(m[1])
	notStarted, _ := strconv.Atoi(m[3])
	drafting, _ := strconv.Atoi(m[5])
	if notStarted == 0 || drafting == 0 {
		t.Fatalf("the demo's live round has %d not started and %d writing; the test needs both", notStarted, drafting)
	}
	if notStarted+drafting != total {
		t.Errorf("card: %d chưa gửi = %d chưa bắt đầu + %d đang soạn?", total, notStarted, drafting)
	}
	if label, _ := nudgeButton(t, page); label != fmt.Sprintf("Đôn đốc %d đơn vị chưa gửi", total) {
		t.Errorf("the button says %q; the card says %d chưa gửi", label, total)
	}
	for _, c := range []struct {
		href, label string
		n           int
	}{{m[2], "Chưa bắt đầu", notStarted}, {m[4], "Đang soạn", drafting}} {
		href := html.UnescapeString(c.href)
		if !strings.HasSuffix(href, "#matrix-h") {
			t.Errorf("the card's link %q does not lead to the matrix", href)
		}
		rows := matrixRows(get(strings.TrimSuffix(href, "#matrix-h")))
		if len(rows) != c.n {
			t.Errorf("%s: the matrix shows %d units, the card says %d", href, len(rows), c.n)
		}
		for _, r := range rows {
			if r[1] != c.label {
				t.Errorf("%s: %s is %q, want %q", href, r[0], r[1], c.label)
			}
		}
	}
	for _, r := range matrixRows(page) {
		if r[1] == "Chưa gửi" {
			t.Errorf("the matrix calls %s's report “Chưa gửi”", r[0])
		}
	}
	for _, want := range []string{`value="missing"> Chưa bắt đầu</label>`, `value="draft"> Đang soạn</label>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the filter lacks %q", want)
		}
	}
}

// A count of zero late reports is not an alarm: it is written plainly, and
// in red only when some report came late.
func TestRoundZeroLateIsNotRed(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	get, _ := officeSession(t, base)
	lateRE := regexp.MustCompile(`<strong( class="late")?>(\d+)</strong><span>quá hạn</span>`)
	rounds, err := st.Rounds(context.Background(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil {
		t.Fatal(err)
	}
	var zero, some bool
	for _, r := range rounds {
		page := get(fmt.Sprintf("/rounds/%d", r.ID))
		m := lateRE.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("round %d: no card “quá hạn”:\n%s", r.ID, grep(page, "quá hạn"))
			continue
		}
		n, _ := strconv.Atoi(m[2])
		zero, some = zero || n == 0, some || n > 0
		if red := m[1] != ""; red != (n > 0) {
			t.Errorf("round %d: %d quá hạn, written in red: %v", r.ID, n, red)
		}
	}
	if !zero || !some {
		t.Errorf("the demo needs a round with no late report and one with some (zero %v, some %v)", zero, some)
	}
}

// A draft round has asked no unit anything yet: its page says so where a
// live round shows how many have sent, and shows neither those counts nor
// a "đôn đốc" button nor the chart of arrivals.
func TestDraftRoundShowsNoChaseStatistics(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	liveID := liveRoundID(t, st)
	ctx := context.Background()
	units, err := st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	draft := &tiendo.Round{Title: "Đợt nháp chưa phát hành", Deadline: time.Now().Add(240 * time.Hour)}
	for _, u := range units {
		draft.UnitIDs = append(draft.UnitIDs, u.ID)
	}
	if err := st.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	get, _ := officeSession(t, base)
	page := get(fmt.Sprintf("/rounds/%d", draft.ID))
	_, rates, _ := strings.Cut(page, `id="rates-h"`)
	rates, _, _ = strings.Cut(rates, `id="matrix-h"`)
	if !strings.Contains(rates, `id="draft-rates"`) || !strings.Contains(rates, "Đợt chưa phát hành") {
		t.Errorf("the draft's page does not say it is not published where the counts would be:\n%s", rates)
	}
	for _, no := range []string{`class="stats"`, "chưa gửi</span>", "quá hạn</span>", `id="nudge"`, "Tỷ lệ gửi báo cáo theo cấp", `/consolidated" class="button`} {
		if strings.Contains(rates, no) {
			t.Errorf("the draft's page shows %q", no)
		}
	}
	if strings.Contains(page, `id="chart-progress"`) {
		t.Errorf("the draft's page charts the reports that arrived")
	}
	// A live round still has them.
	live := get(fmt.Sprintf("/rounds/%d", liveID))
	for _, want := range []string{`class="stats"`, `id="nudge"`, `id="chart-progress"`} {
		if !strings.Contains(live, want) || strings.Contains(live, `id="draft-rates"`) {
			t.Errorf("the live round's page lacks %q or says it is a draft", want)
		}
	}
}

// The matrix's filter leads back to the matrix, not to the top of a long
// page, and its list of units reads as the matrix does: the same units in
// the same (Vietnamese) order under the same full names.
func TestMatrixFilterLandsOnTheMatrix(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	get, _ := officeSession(t, base)
	page := get(fmt.Sprintf("/rounds/%d", live))
	if want := fmt.Sprintf(`<form method="get" action="/rounds/%d#matrix-h" class="filters"`, live); !strings.Contains(page, want) {
		t.Errorf("the filter's form is not %s:\n%s", want, grep(page, `class="filters"`))
	}
	if !strings.Contains(page, `<h2 id="matrix-h">`) {
		t.Errorf("the matrix's heading has no id matrix-h")
	}
	_, sel, _ := strings.Cut(page, `<select name="unit">`)
	sel, _, _ = strings.Cut(sel, "</select>")
	var options, ids []string
	for _, m := range regexp.MustCompile(`<option value="(\d+)"[^>]*>([^<]*)</option>`).FindAllStringSubmatch(sel, -1) {
		if m[1] != "0" {
			options, ids = append(options, html.UnescapeString(m[2])), append(ids, m[1])
		}
	}
	var names []string
	for _, r := range matrixRows(page) {
		names = append(names, r[0])
	}
	if len(names) < 2 || !slices.Equal(options, names) {
		t.Errorf("the filter lists the units\n%q\nthe matrix\n%q", options, names)
	}
	// Filtering by a unit still offers every unit, and keeps it chosen.
	id := ids[len(ids)-1]
	one := get(fmt.Sprintf("/rounds/%d?unit=%s", live, id))
	_, sel, _ = strings.Cut(one, `<select name="unit">`)
	sel, _, _ = strings.Cut(sel, "</select>")
	if rows := matrixRows(one); len(rows) != 1 || rows[0][0] != names[len(names)-1] || strings.Count(sel, "<option value=") != len(names)+1 || !strings.Contains(sel, `<option value="`+id+`" selected>`) {
		t.Errorf("filtered by unit %s: rows %q, %d options", id, rows, strings.Count(sel, "<option value="))
	}
}

// A unit's home lists first the rounds whose report it still has to send,
// the nearest deadline first, then the rounds it has sent, then the closed
// ones: not the round due in two weeks above the one due in three days.
func TestUnitHomeListsRoundsToSendFirst(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	task := func() []*tiendo.Task {
		return []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}
	}
	far := &tiendo.Round{Title: "Đợt hạn xa", Status: tiendo.RoundOpen, Deadline: time.Now().Add(14 * 24 * time.Hour), Tasks: task()}
	sent := &tiendo.Round{Title: "Đợt đã gửi", Status: tiendo.RoundOpen, Deadline: time.Now().Add(24 * time.Hour), Tasks: task()}
	closed := &tiendo.Round{Title: "Đợt đã đóng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(30 * 24 * time.Hour), Tasks: task()}
	for _, r := range []*tiendo.Round{far, sent, closed} {
		if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.st.CloseRound(ctx, store.Actor{}, closed.ID); err != nil {
		t.Fatal(err)
	}
	pnv, err := x.st.UserByUsername(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := x.st.Report(ctx, pnv, sent.ID, x.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rep.Sections[0].Status, rep.Sections[0].ResultVsPlan = "on_track", "Đã triển khai."
	if err := x.st.SaveReport(ctx, store.Actor{}, pnv, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, pnv, sent.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	code, page := x.get(x.login("pnv"), "/")
	if code != http.StatusOK {
		t.Fatalf("home: %d", code)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<h2><a href="/rounds/\d+">([^<]*)</a></h2>`).FindAllStringSubmatch(page, -1) {
		got = append(got, html.UnescapeString(m[1]))
	}
	// x.round is due in three days, not sent.
	if want := []string{x.round.Title, far.Title, sent.Title, closed.Title}; !slices.Equal(got, want) {
		t.Errorf("the unit's home lists\n%q\nwant\n%q", got, want)
	}
}

// The attainment chart says, bar by bar, how many of a task's targets are
// met, as the target table's verdicts do: a task with a target not met is
// marked so and stays below 100 % however far another target went; the
// chart's table says the same.
func TestRoundAttainmentSaysWhichTargetsAreMet(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	get, _ := officeSession(t, base)
	page := get(fmt.Sprintf("/rounds/%d", liveRoundID(t, st)))

	// Each task's verdicts, from the target table.
	type count struct{ met, of int }
	verdicts := map[string]*count{}
	_, table, _ := strings.Cut(page, `<table class="targets-table">`)
	table, _, _ = strings.Cut(table, "</table>")
	rowRE := regexp.MustCompile(`(?s)<tr>\s*<td>([^<]*)</td>(.*?)</tr>`)
	for _, m := range rowRE.FindAllStringSubmatch(table, -1) {
		label := "NV " + strings.ReplaceAll(html.UnescapeString(m[1]), "\u00a0", " ")
		c := verdicts[label]
		if c == nil {
			c = &count{}
			verdicts[label] = c
		}
		for _, v := range regexp.MustCompile(`<span class="verdict-([a-z_]+)">([^<]*)</span>`).FindAllStringSubmatch(m[2], -1) {
			n := 1
			if d := regexp.MustCompile(`^(\d+) `).FindStringSubmatch(v[2]); d != nil { // "3 đạt", "2 chưa đạt": several units
				n, _ = strconv.Atoi(d[1])
			}
			switch v[1] {
			case "met", "exceeded":
				c.met += n
				c.of += n
			case "not_met":
				c.of += n
			}
		}
	}

	type point struct {
		Label string  `json:"label"`
		Value float64 `json:"value"`
		Note  string  `json:"note"`
		Tick  string  `json:"tick"`
		Short bool    `json:"short"`
	}
	var charts struct {
		Attainment []point `json:"attainment"`
	}
	_, raw, _ := strings.Cut(page, `<script type="application/json" id="chart-data">`)
	raw, _, _ = strings.Cut(raw, "</script>")
	if err := json.Unmarshal([]byte(raw), &charts); err != nil {
		t.Fatal(err)
	}
	short := 0
	for _, p := range charts.Attainment {
		c := verdicts[p.Label]
		if c == nil || c.of == 0 {
			t.Errorf("%s is charted, but the target table has no verdict for it", p.Label)
			continue
		}
		if want := fmt.Sprintf("%d/%d chỉ tiêu đạt", c.met, c.of); p.Note != want {
			t.Errorf("%s: note %q, want %q", p.Label, p.Note, want)
		}
		if want := fmt.Sprintf("%d/%d đạt", c.met, c.of); p.Tick != want {
			t.Errorf("%s: tick %q, want %q", p.Label, p.Tick, want)
		}
		if p.Short != (c.met < c.of) {
			t.Errorf("%s: %d of %d targets met, marked short: %v", p.Label, c.met, c.of, p.Short)
		}
		if p.Value > 100 || (p.Short && p.Value >= 100) {
			t.Errorf("%s: %v%% with %d of %d targets met", p.Label, p.Value, c.met, c.of)
		}
		if p.Short {
			short++
		}
	}
	if short == 0 {
		t.Errorf("no task of the demo has a target not met; the test needs one")
	}
	// The chart's table says the same, row by row.
	_, fig, _ := strings.Cut(page, `id="chart-attainment"`)
	fig, _, _ = strings.Cut(fig, "</figure>")
	for _, p := range charts.Attainment {
		class := "verdict-met"
		if p.Short {
			class = "verdict-not_met"
		}
		if want := fmt.Sprintf(`<tr><td>%s</td><td>%s</td><td><span class="%s">%s</span></td></tr>`, p.Label, vietPct(p.Value), class, p.Note); !strings.Contains(fig, want) {
			t.Errorf("the attainment table lacks %s", want)
		}
	}
}

// In a browser the attainment chart colours a task's bar red when one of
// its targets is not met and green when all are, says how many are met
// in the bar's tooltip, and draws the 100 % line. The filter of the matrix
// lands on the matrix.
func TestBrowserRoundAttainmentAndFilter(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", base, live)),
		chromedp.WaitVisible(`#charts-h`),
	)
	browsertest.WaitFor(t, ctx, `typeof Chart !== "undefined" && !!Chart.getChart("chart-attainment")`)
	type bar struct {
		Color, After string
		Label        []string
		Short        bool
	}
	got := browsertest.Get(t, ctx, chromedp.Evaluate[struct {
		Bars  []bar
		Goal  bool
		Ticks []float64
		Max   float64
	}](`(() => {
		const chart = Chart.getChart("chart-attainment");
		const data = JSON.parse(document.getElementById("chart-data").textContent).attainment;
		const ds = chart.data.datasets[0];
		const bars = data.map((p, i) => {
			const el = chart.getDatasetMeta(0).data[i];
			chart.tooltip.setActiveElements([{datasetIndex: 0, index: i}], {x: el.x, y: el.y});
			chart.update();
			const after = chart.tooltip.body.flatMap(b => b.after).join(" ");
			const label = chart.data.labels[i];
			return {Color: Array.isArray(ds.backgroundColor) ? ds.backgroundColor[i] : ds.backgroundColor, After: after, Short: !!p.short,
				Label: Array.isArray(label) ? label : [label]};
		});
		return {Bars: bars, Goal: (chart.config.plugins || []).some(p => p.id === "goalLine"),
			Ticks: chart.scales.y.ticks.map(t => t.value), Max: chart.scales.y.max};
	})()`))
	if len(got.Bars) == 0 {
		t.Fatal("no bars")
	}
	short := 0
	for i, b := range got.Bars {
		want := "#2e7d32"
		if b.Short {
			want, short = "#c62828", short+1
		}
		if b.Color != want {
			t.Errorf("bar %d (short %v) is %s, want %s", i, b.Short, b.Color, want)
		}
		if !strings.Contains(b.After, "chỉ tiêu đạt") {
			t.Errorf("bar %d's tooltip does not say how many targets are met: %q", i, b.After)
		}
		if len(b.Label) != 2 || !regexp.MustCompile(`^\d+/\d+ đạt$`).MatchString(b.Label[1]) {
			t.Errorf("bar %d is labelled %q, want the task and how many of its targets are met", i, b.Label)
		}
	}
	if short == 0 {
		t.Errorf("no red bar: the demo has tasks with a target not met")
	}
	if !got.Goal || got.Max <= 100 || slices.Max(got.Ticks) != 100 {
		t.Errorf("the 100%% line: plugin %v, axis up to %v, ticks %v; want the line, room above 100 and no tick past it", got.Goal, got.Max, got.Ticks)
	}

	// Filter the matrix: the page comes back on the matrix, not at its top.
	browsertest.Do(t, ctx,
		chromedp.Click(`form.filters input[value="draft"]`),
		chromedp.Click(`form.filters button[type="submit"]`),
		chromedp.WaitVisible(`#matrix-h`),
	)
	browsertest.WaitFor(t, ctx, `location.search.includes("state=draft")`)
	where := browsertest.Get(t, ctx, chromedp.Evaluate[[]float64](`[window.scrollY, document.getElementById("matrix-h").getBoundingClientRect().top, location.hash === "#matrix-h" ? 1 : 0]`))
	if where[2] != 1 || where[0] < 500 || where[1] < -5 || where[1] > 200 {
		t.Errorf("after Lọc: scrolled to %v, the matrix's heading at %v px from the top, hash %v; want the heading at the top", where[0], where[1], where[2])
	}
}

// vietPct writes a percentage as the template's pct does: "99,3%".
func vietPct(f float64) string { return vi.FormatNumber(f, 1) + "%" }
