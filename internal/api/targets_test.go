package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// targetsFixture is newApp with four communes more and a round of three
// tasks: the first led by all six units with two targets, the second by
// pnv and cah with one target cah alone reports and one both do, the third
// with no target. pnv has sent its report, but in a draft round (which
// sends nothing, and whose targets may still change hands).
type targetsFixture struct {
	*app
	round  *tiendo.Round
	units  map[string]int64 // by code
	office string
	want   []rowID // the rows in the order the API gives them
}

// rowID names a row: its target and its unit.
type rowID struct{ target, unit int64 }

func (r rowID) String() string { return fmt.Sprintf("%d/%d", r.target, r.unit) }

func newTargetsFixture(t *testing.T, status tiendo.RoundStatus) *targetsFixture {
	t.Helper()
	ctx := t.Context()
	x := newApp(t)
	f := &targetsFixture{app: x, units: map[string]int64{}}
	f.units["pnv"] = x.round.Tasks[0].Assignees[0].UnitID
	f.units["cah"] = x.round.Tasks[1].Assignees[0].UnitID
	all := []int64{f.units["pnv"], f.units["cah"]}
	for i := range 4 {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa%02d", i+1), Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if err := x.st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		f.units[u.Code] = u.ID
		all = append(all, u.ID)
	}
	leads := func(ids ...int64) []tiendo.Assignee {
		var out []tiendo.Assignee
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return out
	}
	r := &tiendo.Round{Title: "Đợt có nhiều chỉ tiêu", Status: status, Deadline: time.Now().Add(time.Hour), UnitIDs: all,
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Cải cách hành chính", Assignees: leads(all...), Targets: []*tiendo.Target{
				{Text: "tỷ lệ hồ sơ đúng hạn đạt 90% trở lên", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"},
				{Text: "không quá 5 vụ khiếu nại", Comparator: tiendo.AtMost, Value: 5, Unit: "vụ"}}},
			{Label: "2", Text: "Bảo đảm an ninh trật tự", Assignees: leads(all[0], all[1]), Targets: []*tiendo.Target{
				{Text: "giảm 5% số vụ phạm pháp hình sự", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease", ReportedBy: all[1]},
				{Text: "hoàn thành 10 buổi tuyên truyền", Comparator: tiendo.AtLeast, Value: 10, Unit: "buổi"}}},
			{Label: "3", Text: "Chuyển đổi số", Assignees: leads(all[2])},
		}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	f.round = r
	// The order the API promises: task, then unit (all lead), then target.
	for _, task := range r.Tasks {
		var units []int64
		for _, as := range task.Assignees {
			units = append(units, as.UnitID)
		}
		slices.Sort(units)
		for _, id := range units {
			for _, tg := range task.TargetsOf(id) {
				f.want = append(f.want, rowID{tg.ID, id})
			}
		}
	}
	if len(f.want) != 15 {
		t.Fatalf("fixture: %d rows, want 15", len(f.want))
	}

	f.office = x.login("vanphong")
	if status == tiendo.RoundDraft {
		return f
	}
	reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: all[0]}
	rep, err := x.st.Report(ctx, reporter, r.ID, all[0])
	if err != nil {
		t.Fatal(err)
	}
	values := map[int64]float64{r.Tasks[0].Targets[0].ID: 95, r.Tasks[0].Targets[1].ID: 3, r.Tasks[1].Targets[1].ID: 4}
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Đã triển khai theo kế hoạch."
		for j := range sec.Actuals {
			if v, ok := values[sec.Actuals[j].TargetID]; ok {
				sec.Actuals[j].Value = &v
			}
		}
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, reporter, r.ID, all[0], store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *targetsFixture) path(query string) string {
	p := fmt.Sprintf("/api/v1/rounds/%d/targets", f.round.ID)
	if query != "" {
		p += "?" + query
	}
	return p
}

// walk follows "next" from the first page of query to the last, and
// returns every row read and every page.
func (f *targetsFixture) walk(t *testing.T, query string) (rows []map[string]any, pages []map[string]any) {
	t.Helper()
	for path := f.path(query); ; {
		code, page := f.do("GET", path, f.office, nil)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %v", path, code, page)
		}
		pages = append(pages, page)
		list, ok := page["targets"].([]any)
		if !ok {
			t.Fatalf("GET %s: no targets list: %v", path, page)
		}
		for _, row := range list {
			rows = append(rows, row.(map[string]any))
		}
		next, ok := page["next"]
		if !ok {
			t.Fatalf("GET %s: no next member: %v", path, page)
		}
		if next == nil {
			return rows, pages
		}
		if len(pages) > 100 {
			t.Fatalf("GET %s: more than 100 pages", query)
		}
		path = next.(string)
	}
}

// ids names each row, full or compact.
func ids(rows []map[string]any) []rowID {
	out := make([]rowID, len(rows))
	for i, row := range rows {
		var target float64
		if tg, ok := row["target"].(map[string]any); ok {
			target = tg["id"].(float64)
		} else {
			target = row["target_id"].(float64)
		}
		out[i] = rowID{int64(target), int64(row["unit_id"].(float64))}
	}
	return out
}

// Paging walks every row once, in the order of the unpaged answer, at any
// limit, full or compact; every page says how many rows there are in all;
// the last one's next is null.
func TestTargetsPaging(t *testing.T) {
	t.Parallel()
	f := newTargetsFixture(t, tiendo.RoundOpen)
	n := len(f.want)
	for _, compact := range []string{"", "compact=true&"} {
		for _, limit := range []int{1, 4, n - 1, n, n + 1, 5000} {
			query := fmt.Sprintf("%slimit=%d", compact, limit)
			rows, pages := f.walk(t, query)
			if got := ids(rows); !slices.Equal(got, f.want) {
				t.Errorf("%s: rows %v, want %v", query, got, f.want)
			}
			if want := (n + limit - 1) / limit; len(pages) != want {
				t.Errorf("%s: %d pages, want %d", query, len(pages), want)
			}
			for i, p := range pages {
				if p["total"] != float64(n) {
					t.Errorf("%s: page %d: total %v, want %d", query, i+1, p["total"], n)
				}
				if got := len(p["targets"].([]any)); got > limit || got == 0 {
					t.Errorf("%s: page %d has %d rows, want 1 to %d", query, i+1, got, limit)
				}
			}
		}
	}
	// No parameter: one page of up to 1,000 rows, as the answer was before
	// the API paged, with the whole target on each row.
	rows, pages := f.walk(t, "")
	if len(pages) != 1 || !slices.Equal(ids(rows), f.want) {
		t.Errorf("no parameter: %d pages, rows %v; want one page of %v", len(pages), ids(rows), f.want)
	}
	if tg, _ := rows[0]["target"].(map[string]any); tg["text"] != "tỷ lệ hồ sơ đúng hạn đạt 90% trở lên" || rows[0]["task_label"] != "1" {
		t.Errorf("first row = %v, want the whole target and its task's label", rows[0])
	}
	if _, ok := pages[0]["target_defs"]; ok {
		t.Errorf("a full page has target_defs: %v", pages[0])
	}
}

// A compact row is the full row without its target, and without the
// members that are null, 0 or false; each page gives its targets once.
func TestTargetsCompact(t *testing.T) {
	t.Parallel()
	f := newTargetsFixture(t, tiendo.RoundOpen)
	full, _ := f.walk(t, "")
	compact, pages := f.walk(t, "compact=true&limit=4")
	if len(compact) != len(full) {
		t.Fatalf("%d compact rows, %d full ones", len(compact), len(full))
	}
	for i, c := range compact {
		want := map[string]any{"target_id": full[i]["target"].(map[string]any)["id"]}
		for k, v := range full[i] {
			switch {
			case k == "target" || k == "task_label":
			case v == nil || v == float64(0) || v == false:
			default:
				want[k] = v
			}
		}
		if fmt.Sprint(c) != fmt.Sprint(want) {
			t.Errorf("compact row %d = %v, want %v", i, c, want)
		}
	}
	// pnv's value of the first target is there; cah's, not sent, is not.
	if compact[0]["actual"] != float64(95) || compact[0]["verdict"] != "exceeded" {
		t.Errorf("pnv's first row = %v, want actual 95, exceeded", compact[0])
	}
	if _, ok := compact[2]["actual"]; ok || compact[2]["verdict"] != "no_data" {
		t.Errorf("cah's first row = %v, want no actual, no_data", compact[2])
	}
	for i, p := range pages {
		defs, _ := p["target_defs"].([]any)
		var got, want []float64
		for _, d := range defs {
			got = append(got, d.(map[string]any)["id"].(float64))
		}
		for _, row := range p["targets"].([]any) {
			if id := row.(map[string]any)["target_id"].(float64); !slices.Contains(want, id) {
				want = append(want, id)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("page %d: target_defs %v, want each target of the page once: %v", i+1, got, want)
		}
	}
	first := pages[0]["target_defs"].([]any)[0].(map[string]any)
	if first["text"] != "tỷ lệ hồ sơ đúng hạn đạt 90% trở lên" || first["task_label"] != "1" || first["task_id"] != float64(f.round.Tasks[0].ID) {
		t.Errorf("first target_def = %v", first)
	}
}

// The cursor names the last row given, not a count: when the round's rows
// change between two pages (a target given to one unit), the next page
// goes on after that row, and no row left to read is skipped.
func TestTargetsCursorAfterChange(t *testing.T) {
	t.Parallel()
	f := newTargetsFixture(t, tiendo.RoundDraft)
	code, page := f.do("GET", f.path("limit=3"), f.office, nil)
	if code != http.StatusOK {
		t.Fatalf("first page: %d %v", code, page)
	}
	first := ids(anyRows(page["targets"]))
	next, ok := page["next"].(string)
	if !ok {
		t.Fatalf("first page of 3 rows: no next link: %v", page)
	}
	// Task 1's first target goes to xa04 alone: pnv's row of it, on the
	// first page, is gone, and the rows after move up by one.
	task := f.round.Tasks[0]
	if err := f.st.SetTargetReporters(t.Context(), store.Actor{}, &tiendo.User{Role: tiendo.RoleOffice},
		f.round.ID, map[int64]int64{task.Targets[0].ID: f.units["xa04"]}); err != nil {
		t.Fatal(err)
	}
	rest, _ := f.walk(t, strings.TrimPrefix(next, f.path("")+"?"))
	all, _ := f.walk(t, "limit=5000")
	// The first page ended on cah's row of that target, gone now; the
	// next row is cah's of the second target, second of all now: going on
	// by count (the fourth row) would skip it.
	resume := slices.Index(ids(all), rowID{task.Targets[1].ID, f.units["cah"]})
	if first[len(first)-1] != (rowID{task.Targets[0].ID, f.units["cah"]}) || resume != 1 {
		t.Fatalf("first page %v, rows after the change %v: the test does not test the change", first, ids(all))
	}
	if got, want := ids(rest), ids(all)[resume:]; !slices.Equal(got, want) {
		t.Errorf("pages after the change: %v, want %v (first page %v)", got, want, first)
	}
}

func cursor64(format string, args ...any) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, format, args...))
}

func anyRows(v any) []map[string]any {
	var out []map[string]any
	for _, r := range v.([]any) {
		out = append(out, r.(map[string]any))
	}
	return out
}

// unit, task and target keep only their rows, and "next" carries them.
func TestTargetsFilters(t *testing.T) {
	t.Parallel()
	f := newTargetsFixture(t, tiendo.RoundOpen)
	task2 := f.round.Tasks[1]
	only := func(keep func(rowID) bool) []rowID {
		var out []rowID
		for _, r := range f.want {
			if keep(r) {
				out = append(out, r)
			}
		}
		return out
	}
	inTask2 := func(r rowID) bool { return r.target == task2.Targets[0].ID || r.target == task2.Targets[1].ID }
	for _, c := range []struct {
		query string
		want  []rowID
	}{
		{"unit=cah", only(func(r rowID) bool { return r.unit == f.units["cah"] })},
		{"unit=XA02", only(func(r rowID) bool { return r.unit == f.units["xa02"] })},
		{fmt.Sprintf("task=%d", task2.ID), only(inTask2)},
		{fmt.Sprintf("target=%d", task2.Targets[1].ID), only(func(r rowID) bool { return r.target == task2.Targets[1].ID })},
		{fmt.Sprintf("unit=pnv&task=%d", task2.ID), only(func(r rowID) bool { return inTask2(r) && r.unit == f.units["pnv"] })},
		{fmt.Sprintf("unit=pnv&target=%d", task2.Targets[0].ID), nil}, // cah alone reports it
		{fmt.Sprintf("task=%d", f.round.Tasks[2].ID), nil},            // no targets
		{fmt.Sprintf("task=%d&target=%d", task2.ID, f.round.Tasks[0].Targets[0].ID), nil},
	} {
		for _, compact := range []string{"", "&compact=1"} {
			query := c.query + "&limit=2" + compact
			rows, pages := f.walk(t, query)
			if got := ids(rows); !slices.Equal(got, c.want) {
				t.Errorf("%s: rows %v, want %v", query, got, c.want)
			}
			if pages[0]["total"] != float64(len(c.want)) {
				t.Errorf("%s: total %v, want %d", query, pages[0]["total"], len(c.want))
			}
		}
	}
	// A unit the round does not ask has no rows; that is no error.
	other := &tiendo.Unit{Code: "sotc", Name: "Sở Tài chính"}
	if err := f.st.CreateUnit(t.Context(), store.Actor{}, other); err != nil {
		t.Fatal(err)
	}
	if code, out := f.do("GET", f.path("unit=sotc"), f.office, nil); code != http.StatusOK || len(out["targets"].([]any)) != 0 || out["total"] != float64(0) {
		t.Errorf("a unit not asked: %d %v, want 200 and no rows", code, out)
	}
	// Compact, an empty page still lists its (no) targets.
	if code, out := f.do("GET", f.path("unit=sotc&compact=true"), f.office, nil); code != http.StatusOK || out["target_defs"] == nil || len(out["target_defs"].([]any)) != 0 {
		t.Errorf("a unit not asked, compact: %d %v, want 200 and target_defs []", code, out)
	}
	// The first row of task 1 keeps its label when a filter leaves task 1 out.
	code, out := f.do("GET", f.path(fmt.Sprintf("task=%d", task2.ID)), f.office, nil)
	if row := anyRows(out["targets"])[0]; code != http.StatusOK || row["task_label"] != "2" {
		t.Errorf("task 2 alone: %d %v, want its rows labelled 2", code, out)
	}
}

// A parameter that means nothing is a 400 in the API's error shape, whose
// Vietnamese message says what to send.
func TestTargetsBadParameters(t *testing.T) {
	t.Parallel()
	f := newTargetsFixture(t, tiendo.RoundOpen)
	_, page := f.do("GET", f.path("limit=1"), f.office, nil)
	link, ok := page["next"].(string)
	if !ok {
		t.Fatalf("first page of 1 row: no next link: %v", page)
	}
	next, _ := url.Parse(link)
	cursor := next.Query().Get("cursor")
	otherTarget := f.app.round.Tasks[1].Targets[0].ID // newApp's round
	for _, c := range []struct{ query, want string }{
		{"limit=0", "limit phải là số nguyên từ 1 đến 5000"},
		{"limit=5001", "limit phải là số nguyên từ 1 đến 5000"},
		{"limit=mười", "limit phải là số nguyên từ 1 đến 5000"},
		{"cursor=abc", "Tham số cursor không hợp lệ"},
		{"cursor=" + cursor + "x", "Tham số cursor không hợp lệ"},
		{"cursor=" + cursor64("t1.%d.1.2.3", f.round.ID), "Tham số cursor không hợp lệ"},
		{"cursor=" + cursor64("t1.%d.1.2.0.3.x.5", f.round.ID), "Tham số cursor không hợp lệ"},
		{"cursor=" + cursor64("t9.%d.1.2.0.3.4.5", f.round.ID), "Tham số cursor không hợp lệ"},
		{"cursor=" + cursor64("t1.%d.1.2.0.3.4.5", f.round.ID), "Tham số cursor không hợp lệ"}, // before filters were recorded
		// A cursor made under no filter means nothing under one.
		{fmt.Sprintf("task=%d&cursor=%s", f.round.Tasks[0].ID, cursor), "bộ lọc unit, task, target khác"},
		{"compact=có", "compact chỉ nhận true hoặc false"},
		{"unit=khong-co", "Không có đơn vị mã \"khong-co\""},
		{"task=abc", "task phải là id (số nguyên) của một nhiệm vụ"},
		{"task=999999", "không có nhiệm vụ mã số \"999999\""},
		{"target=abc", "target phải là id (số nguyên) của một chỉ tiêu"},
		{fmt.Sprintf("target=%d", otherTarget), fmt.Sprintf("không có chỉ tiêu mã số \"%d\"", otherTarget)},
	} {
		code, out := f.do("GET", f.path(c.query), f.office, nil)
		msg := errMessage(out)
		if code != http.StatusBadRequest || errCode(out) != "bad_request" || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %d %v, want 400 bad_request saying %q", c.query, code, out, c.want)
		}
	}
	// A cursor of another round is refused, and says so.
	code, out := f.do("GET", fmt.Sprintf("/api/v1/rounds/%d/targets?cursor=%s", f.app.round.ID, cursor), f.office, nil)
	if msg := errMessage(out); code != http.StatusBadRequest || !strings.Contains(msg, "thuộc đợt báo cáo mã số") {
		t.Errorf("another round's cursor: %d %v, want 400", code, out)
	}
	// Nor one made under a filter without it: the rows were cut from the
	// filtered list, and read without it they would skip some.
	_, page = f.do("GET", f.path(fmt.Sprintf("task=%d&limit=1", f.round.Tasks[0].ID)), f.office, nil)
	if link, ok := page["next"].(string); !ok {
		t.Errorf("first page of task 1, 1 row: no next link: %v", page)
	} else {
		next, _ := url.Parse(link)
		code, out := f.do("GET", f.path("cursor="+next.Query().Get("cursor")), f.office, nil)
		if msg := errMessage(out); code != http.StatusBadRequest || !strings.Contains(msg, "bộ lọc unit, task, target khác") {
			t.Errorf("a filtered cursor without its filter: %d %v, want 400", code, out)
		}
	}
	// The cursor is opaque but whole: the one given works.
	if code, out := f.do("GET", f.path("limit=1&cursor="+cursor), f.office, nil); code != http.StatusOK || !slices.Equal(ids(anyRows(out["targets"])), f.want[1:2]) {
		t.Errorf("the cursor given: %d %v, want the second row %v", code, out, f.want[1])
	}
}
