package web_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// seriesJSON is the chart data of the target page, as charts.js reads it.
type seriesJSON struct {
	Labels   []string `json:"labels"`
	Datasets []struct {
		Label  string     `json:"label"`
		Values []*float64 `json:"values"`
		Texts  []string   `json:"texts"`
	} `json:"datasets"`
	Unit     string `json:"unit"`
	Decimals int    `json:"decimals"`
}

// A poverty target ("giảm tỷ lệ hộ nghèo từ 3% trở lên") that two units
// lead and report each, carried from 2022: its chart has one line per unit
// over the two periods in order, never a line running from one unit to
// the next, and the page writes every number with the same decimals.
func TestTargetChartOneLinePerUnit(t *testing.T) {
	t.Parallel()
	base, st, target, live := multiUnitTarget(t)
	ctx := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	_, points, err := st.Series(ctx, office, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	units, err := st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	name := map[int64]string{}
	for _, u := range units {
		name[u.ID] = cmp.Or(u.ShortName, u.Name)
	}

	page, chart := getSeries(t, base, "vanphong", target.ID)

	wantLabels := []string{"6 tháng đầu năm 2022", fmt.Sprintf("Năm %d", live.Period.Year)}
	if strings.Join(chart.Labels, "|") != strings.Join(wantLabels, "|") {
		t.Errorf("x axis = %q, want %q: one label per period, oldest first", chart.Labels, wantLabels)
	}
	col := map[int64]int{}
	for _, p := range points {
		if _, ok := col[p.RoundID]; !ok {
			col[p.RoundID] = len(col)
		}
	}
	withValue := map[string]bool{}
	for _, p := range points {
		if p.Value != nil {
			withValue[name[p.UnitID]] = true
		}
	}
	if len(chart.Datasets) != len(withValue) || len(withValue) < 2 {
		t.Fatalf("%d datasets, want %d: one per unit with a value", len(chart.Datasets), len(withValue))
	}
	byUnit := map[string]int{}
	for i, d := range chart.Datasets {
		if _, dup := byUnit[d.Label]; dup || !withValue[d.Label] {
			t.Errorf("dataset %q: want each unit with a value exactly once", d.Label)
		}
		byUnit[d.Label] = i
		if len(d.Values) != len(chart.Labels) || len(d.Texts) != len(chart.Labels) {
			t.Errorf("dataset %q has %d values, %d texts; want %d, one per period", d.Label, len(d.Values), len(d.Texts), len(chart.Labels))
		}
	}
	if chart.Decimals != 1 {
		t.Errorf("decimals = %d, want 1 (the values carry one)", chart.Decimals)
	}
	for _, p := range points {
		d := chart.Datasets[byUnit[name[p.UnitID]]]
		i := col[p.RoundID]
		if p.Value == nil {
			if _, ok := byUnit[name[p.UnitID]]; ok && d.Values[i] != nil {
				t.Errorf("%s, round %d: %v, want null (no value)", d.Label, p.RoundID, *d.Values[i])
			}
			continue
		}
		if d.Values[i] == nil || *d.Values[i] != *p.Value {
			t.Errorf("%s, round %d: got %v, want %v", d.Label, p.RoundID, d.Values[i], *p.Value)
			continue
		}
		text := vi.FormatNumber(*p.Value, 1) + "%"
		if d.Texts[i] != text {
			t.Errorf("%s, round %d: text %q, want %q", d.Label, p.RoundID, d.Texts[i], text)
		}
		if !strings.Contains(page, "<td>"+text+"</td>") {
			t.Errorf("the table lacks %q", text)
		}
	}
	if goal := "<td>" + vi.FormatNumber(target.Value, 1) + "%</td>"; !strings.Contains(page, goal) {
		t.Errorf("the table lacks the goal as %q, with the values' decimals", goal)
	}

	// A unit sees its own line only.
	var lead int64
	for _, p := range points {
		if p.Value != nil {
			lead = p.UnitID
		}
	}
	var code string
	for _, u := range units {
		if u.ID == lead {
			code = u.Code
		}
	}
	_, own := getSeries(t, base, code, target.ID)
	if len(own.Datasets) != 1 || own.Datasets[0].Label != name[lead] {
		t.Errorf("%s sees %d datasets, want its own only", code, len(own.Datasets))
	}
}

// multiUnitTarget serves a store where two units lead one task, each
// reporting its own poverty rate (no unit named to report it, as when every
// commune leads), in 2022's first half and in the round carried from it for
// this year. It returns the server's address, the store, the current
// round's target and that round.
func multiUnitTarget(t *testing.T) (string, *store.Store, *tiendo.Target, *tiendo.Round) {
	t.Helper()
	x := newApp(t)
	ctx := context.Background()
	office, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	first := &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm 2022", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1},
		Tasks: []*tiendo.Task{{Label: "7", Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên",
			Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, first); err != nil {
		t.Fatal(err)
	}
	report := func(r *tiendo.Round, username string, unit int64, v float64) {
		t.Helper()
		u, err := x.st.UserByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := x.st.Report(ctx, u, r.ID, unit)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range rep.Sections {
			sec.Status, sec.ResultVsPlan = "on_track", "Đã rà soát hộ nghèo trên địa bàn."
			sec.Actuals[0].Value = &v
		}
		if err := x.st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
			t.Fatal(err)
		}
		if _, err := x.st.ActOnReport(ctx, store.Actor{}, u, r.ID, unit, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
			t.Fatal(err)
		}
	}
	report(first, "pnv", x.a.ID, 1.6)
	report(first, "cah", x.b.ID, 2.4)
	live, err := x.st.CreateSuccessor(ctx, store.Actor{}, office, first.ID,
		store.Successor{Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: time.Now().Year()}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.PublishRound(ctx, store.Actor{}, live.ID); err != nil {
		t.Fatal(err)
	}
	report(live, "pnv", x.a.ID, 2.8) // the other unit has not reported yet
	return x.srv.URL, x.st, live.Tasks[0].Targets[0], live
}

// getSeries logs username in, opens the target page and reads its chart data.
func getSeries(t *testing.T, base, username string, id int64) (string, seriesJSON) {
	t.Helper()
	page := getPage(t, base, username, fmt.Sprintf("/targets/%d", id))
	const open = `<script type="application/json" id="series-data">`
	_, rest, ok := strings.Cut(page, open)
	raw, _, ok2 := strings.Cut(rest, "</script>")
	if !ok || !ok2 {
		t.Fatalf("%s: the target page has no chart data:\n%s", username, page)
	}
	var chart seriesJSON
	if err := json.Unmarshal([]byte(raw), &chart); err != nil {
		t.Fatalf("%s: chart data %s: %v; want {labels, datasets: one per unit}", username, raw, err)
	}
	return page, chart
}
