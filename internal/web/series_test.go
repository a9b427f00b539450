package web_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

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

// The demo's poverty target ("giảm tỷ lệ hộ nghèo từ 3% trở lên") is led
// by three units and carried from 2022: its chart has one line per unit
// over the two periods in order, never a line running from one unit to
// the next, and the page writes every number with the same decimals.
func TestTargetChartOneLinePerUnit(t *testing.T) {
	base, st := demoStore(t)
	ctx := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	target, live := multiUnitTarget(t, st)
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
		t.Errorf("decimals = %d, want 1 (the demo's values carry one)", chart.Decimals)
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

// multiUnitTarget finds the live round's target whose task several units
// lead and that carries a target of an earlier round.
func multiUnitTarget(t *testing.T, st *store.Store) (*tiendo.Target, *tiendo.Round) {
	t.Helper()
	ctx := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	rounds, err := st.Rounds(ctx, office)
	if err != nil {
		t.Fatal(err)
	}
	live, err := st.Round(ctx, office, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range live.Tasks {
		leads := 0
		for _, a := range task.Assignees {
			if a.Role == tiendo.Lead {
				leads++
			}
		}
		for _, tg := range task.Targets {
			if leads > 1 && tg.Unit == "%" && strings.Contains(tg.Text, "hộ nghèo") {
				return tg, live
			}
		}
	}
	t.Fatal("the live round has no poverty target led by several units")
	return nil, nil
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
