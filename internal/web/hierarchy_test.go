package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// treeApp is a province's round asked of two departments and the offices
// under them: three levels (the province office, the departments, their
// offices). Every unit leads the one task.
type treeApp struct {
	*app
	units map[string]*tiendo.Unit
	task  *tiendo.Task
}

func newTreeApp(t *testing.T) *treeApp {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	x := &treeApp{app: &app{t: t, st: st}, units: map[string]*tiendo.Unit{}}
	for _, u := range []struct{ code, name, parent string }{
		{"tinh", "UBND tỉnh", ""},
		{"snn", "Sở Nông nghiệp và Môi trường", "tinh"},
		{"cctl", "Chi cục Thủy lợi", "snn"},
		{"cckl", "Chi cục Kiểm lâm", "snn"},
		{"sxd", "Sở Xây dựng", "tinh"},
		{"pqh", "Phòng Quy hoạch kiến trúc", "sxd"},
	} {
		unit := &tiendo.Unit{Code: u.code, Name: u.name}
		if p := x.units[u.parent]; p != nil {
			unit.ParentID = p.ID
		}
		if err := st.CreateUnit(ctx, store.Actor{}, unit); err != nil {
			t.Fatal(err)
		}
		x.units[u.code] = unit
		if u.parent != "" {
			if err := st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: u.code, Role: tiendo.RoleReporter, UnitID: unit.ID}, pw); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}, pw); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var leads []tiendo.Assignee
	for _, c := range []string{"snn", "cctl", "cckl", "sxd", "pqh"} {
		ids = append(ids, x.units[c].ID)
		leads = append(leads, tiendo.Assignee{UnitID: x.units[c].ID, Role: tiendo.Lead})
	}
	x.task = &tiendo.Task{Label: "1", Text: "Kiên cố hóa kênh mương nội đồng", Assignees: leads,
		Targets: []*tiendo.Target{{Text: "Kiên cố hóa 30 km kênh mương", Comparator: tiendo.AtLeast, Value: 30, Unit: "km"}}}
	x.round = &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		UnitIDs: ids, Tasks: []*tiendo.Task{x.task}}
	if err := st.CreateRound(ctx, store.Actor{}, x.round); err != nil {
		t.Fatal(err)
	}
	x.srv = newServer(t, st)
	return x
}

// submit saves and submits a unit's report with a text and a value.
func (x *treeApp) submit(code, text string, km float64) {
	x.t.Helper()
	ctx := context.Background()
	u, err := x.st.UserByUsername(ctx, code)
	if err != nil {
		x.t.Fatal(err)
	}
	rep, err := x.st.Report(ctx, u, x.round.ID, x.units[code].ID)
	if err != nil {
		x.t.Fatal(err)
	}
	sec := rep.Sections[0]
	sec.Status, sec.ResultVsPlan, sec.Obstacles = "on_track", text, "Thiếu vốn đối ứng."
	sec.Actuals[0].Value = &km
	if err := x.st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		x.t.Fatal(err)
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, u, x.round.ID, x.units[code].ID,
		store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		x.t.Fatal(err)
	}
}

func TestParentUnitReadsItsSubunits(t *testing.T) {
	t.Parallel()
	x := newTreeApp(t)
	x.submit("cctl", "Đã kiên cố hóa 12 km kênh mương.", 12)
	x.submit("cckl", "Đã kiên cố hóa 8 km kênh mương.", 8)
	x.submit("pqh", "Phòng Quy hoạch đã hoàn thành.", 5)
	round := "/rounds/" + strconv.FormatInt(x.round.ID, 10)

	c := x.login("snn")
	code, body := x.get(c, round)
	if code != 200 {
		t.Fatalf("round page for the department: %d", code)
	}
	for _, want := range []string{"Đơn vị trực thuộc (2)", "Chi cục Thủy lợi", "Chi cục Kiểm lâm", "2/2"} {
		if !strings.Contains(body, want) {
			t.Errorf("department's round page lacks %q", want)
		}
	}
	if strings.Contains(body, "/reports/pqh") {
		t.Error("department's round page links another department's office's report")
	}
	if code, body := x.get(c, round+"/reports/cctl"); code != 200 || !strings.Contains(body, "Đã kiên cố hóa 12 km") {
		t.Errorf("department reads its office's report: %d", code)
	}
	if code, _ := x.get(c, round+"/reports/pqh"); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("department reads another department's office: %d, want 403 or 404", code)
	}
	// Reading is not writing: the office's report is not the department's to change.
	resp := x.post(c, round+"/reports/cctl", url.Values{"op": {"save"}, "version": {"1"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("department saves its office's report: %d, want 403", resp.StatusCode)
	}
	// An office does not read its parent's report nor its sibling's.
	o := x.login("cctl")
	for _, p := range []string{"/reports/snn", "/reports/cckl"} {
		if code, _ := x.get(o, round+p); code != http.StatusForbidden && code != http.StatusNotFound {
			t.Errorf("office GET %s: %d, want 403 or 404", p, code)
		}
	}

	// The department consolidates its offices into its own report.
	code, body = x.get(c, round+"/reports/snn")
	if code != 200 || !strings.Contains(body, `value="rollup"`) || !strings.Contains(body, "2</strong> đơn vị đã gửi") {
		t.Fatalf("department's report form: %d, no roll-up button", code)
	}
	mine := "Sở đã chỉ đạo các chi cục triển khai."
	form := url.Values{"op": {"rollup"}, "version": {"0"}}
	form.Set("t"+strconv.FormatInt(x.task.ID, 10)+".result_vs_plan", mine)
	resp = x.post(c, round+"/reports/snn", form)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(b))
	if resp.StatusCode != 200 {
		t.Fatalf("roll-up: %d", resp.StatusCode)
	}
	for _, want := range []string{
		mine, // what was typed stays
		"Chi cục Kiểm lâm: Đã kiên cố hóa 8 km kênh mương.",
		"- Thiếu vốn đối ứng (Chi cục Kiểm lâm, Chi cục Thủy lợi).",
		`value="20"`, // 12 + 8 km: kilometres add up
		"Đã tổng hợp từ báo cáo của 2/2 đơn vị trực thuộc",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("after roll-up the form lacks %q", want)
		}
	}
	if strings.Contains(page, "Phòng Quy hoạch đã hoàn thành") {
		t.Error("roll-up took another department's office")
	}
	// A second roll-up over the result adds nothing twice.
	again := url.Values{"op": {"rollup"}, "version": {"0"}}
	key := "t" + strconv.FormatInt(x.task.ID, 10) + ".result_vs_plan"
	again.Set(key, mine+"\n\nChi cục Kiểm lâm: Đã kiên cố hóa 8 km kênh mương.\n\nChi cục Thủy lợi: Đã kiên cố hóa 12 km kênh mương.\n\nCác chỉ tiêu theo từng đơn vị:\n- Kiên cố hóa 30 km kênh mương: Chi cục Kiểm lâm 8 km; Chi cục Thủy lợi 12 km.")
	resp = x.post(c, round+"/reports/snn", again)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := strings.Count(html.UnescapeString(string(b)), "Đã kiên cố hóa 8 km"); n != 1 {
		t.Errorf("second roll-up: the sentence appears %d times, want 1", n)
	}
	// A report the office sent back is not merged, and a sum over some of
	// the offices is not the department's figure: the values stay listed.
	office, _ := x.st.UserByUsername(context.Background(), "vanphong")
	if _, err := x.st.ActOnReport(context.Background(), store.Actor{}, office, x.round.ID, x.units["cckl"].ID,
		store.ActRequest{Action: tiendo.ReportReturn, Version: 2, Comment: "Bổ sung số liệu."}); err != nil {
		t.Fatal(err)
	}
	resp = x.post(c, round+"/reports/snn", url.Values{"op": {"rollup"}, "version": {"0"}})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	partial := html.UnescapeString(string(b))
	if strings.Contains(partial, "Đã kiên cố hóa 8 km") || !strings.Contains(partial, "Đã kiên cố hóa 12 km") ||
		!strings.Contains(partial, "Còn 1 đơn vị chưa gửi") || strings.Contains(partial, `value="12"`) {
		t.Errorf("roll-up with one office returned: merged the returned report or summed a partial figure")
	}

	// Nothing was saved: the department's report is still missing.
	snn, _ := x.st.UserByUsername(context.Background(), "snn")
	if rep, err := x.st.Report(context.Background(), snn, x.round.ID, x.units["snn"].ID); err != nil || rep.Status != tiendo.ReportMissing {
		t.Errorf("roll-up saved the report: %v %v", rep.Status, err)
	}

	// The office sees the rates rolled up the tree.
	v := x.login("vanphong")
	code, body = x.get(v, round)
	if code != 200 || !strings.Contains(body, "Tỷ lệ gửi báo cáo theo cấp") {
		t.Fatalf("office round page: %d, no roll-up table", code)
	}
	for _, want := range []string{"<td class=\"depth-1\">\u00a0\u00a0\u00a0Sở Nông nghiệp và Môi trường</td><td>2/3", "<td class=\"depth-1\">\u00a0\u00a0\u00a0Sở Xây dựng</td><td>1/2", `<td class="depth-0">UBND tỉnh</td><td>3/5`} {
		if !strings.Contains(body, want) {
			t.Errorf("office round page lacks %q", want)
		}
	}
	// The same roll-up in the API.
	token, _, err := x.st.CreateToken(context.Background(), office.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", x.srv.URL+"/api/v1/rounds/"+strconv.FormatInt(x.round.ID, 10)+"/rates", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	code, body = resp.StatusCode, string(b)
	var rates struct {
		Tree []struct {
			UnitID   int64 `json:"unit_id"`
			Depth    int   `json:"depth"`
			Expected int   `json:"expected"`
			Received int   `json:"received"`
		} `json:"tree"`
	}
	if err := json.Unmarshal([]byte(body), &rates); code != 200 || err != nil {
		t.Fatalf("rates API: %d %v", code, err)
	}
	got := fmt.Sprint(rates.Tree)
	want := fmt.Sprintf("[{%d 0 5 3} {%d 1 3 2} {%d 1 2 1}]", x.units["tinh"].ID, x.units["snn"].ID, x.units["sxd"].ID)
	if got != want {
		t.Errorf("rates API tree = %s, want %s", got, want)
	}
}

// A unit that is not asked itself, but whose subunits are, sees the round.
func TestParentNotAskedSeesRound(t *testing.T) {
	t.Parallel()
	x := newTreeApp(t)
	ctx := context.Background()
	r := &tiendo.Round{Title: "Đợt chỉ hỏi các chi cục", Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour),
		UnitIDs: []int64{x.units["cctl"].ID}, Tasks: []*tiendo.Task{{Label: "1", Text: "Nạo vét kênh",
			Assignees: []tiendo.Assignee{{UnitID: x.units["cctl"].ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	for user, want := range map[string]bool{"snn": true, "sxd": false, "cckl": false} {
		u, _ := x.st.UserByUsername(ctx, user)
		rounds, err := x.st.Rounds(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range rounds {
			found = found || s.ID == r.ID
		}
		if found != want {
			t.Errorf("%s sees the offices-only round: %v, want %v", user, found, want)
		}
	}
	c := x.login("snn")
	if code, body := x.get(c, "/"); code != 200 || !strings.Contains(body, "Đơn vị không phải báo cáo trong đợt này") {
		t.Errorf("department's home page: %d", code)
	}
}

// The office sends a round to every unit under a node and has each of them
// report on a task ("UBND các xã"), from the intake preview.
func TestIntakeToSubtree(t *testing.T) {
	t.Parallel()
	x := newTreeApp(t)
	c := x.login("vanphong")
	form := url.Values{"source": {"Kính gửi: Các sở, ngành."}, "title": {"Báo cáo quý III"}, "deadline_date": {"2031-10-10"},
		"deadline_relation": {"before"}, "tasks": {"1"}, "t0.label": {"1"}, "t0.text": {"Rà soát kênh mương"}, "t0.lead": {"all"},
		"t0.targets": {"0"}, "op": {"add-tree"}, "tree": {strconv.FormatInt(x.units["snn"].ID, 10)}}
	resp := x.post(c, "/rounds/preview", form)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != 200 || !strings.Contains(body, "đã chọn 2") || strings.Contains(body, "recipient-group") {
		t.Fatalf("add-tree: %d, want the department's two offices chosen, in a list not folded (a small office)", resp.StatusCode)
	}
	for _, code := range []string{"cctl", "cckl"} {
		if !strings.Contains(body, `value="`+strconv.FormatInt(x.units[code].ID, 10)+`" checked`) {
			t.Errorf("%s not ticked after add-tree", code)
		}
	}
	if !strings.Contains(body, `<option value="all" selected>`) {
		t.Error("the every-unit lead choice was lost on re-render")
	}
	// The whole province, then create.
	form.Set("tree", strconv.FormatInt(x.units["tinh"].ID, 10))
	resp = x.post(c, "/rounds/preview", form)
	resp.Body.Close()
	form.Del("recipients")
	for _, code := range []string{"snn", "cctl", "cckl", "sxd", "pqh"} {
		form.Add("recipients", strconv.FormatInt(x.units[code].ID, 10))
	}
	r := x.createFromPreview(c, form)
	if len(r.UnitIDs) != 5 || len(r.Tasks) != 1 || len(r.Tasks[0].Assignees) != 5 {
		t.Fatalf("round: %d units, task assignees %v", len(r.UnitIDs), r.Tasks[0].Assignees)
	}
	for _, a := range r.Tasks[0].Assignees {
		if a.Role != tiendo.Lead {
			t.Errorf("unit %d is %s, want every unit leading", a.UnitID, a.Role)
		}
	}
	// Every unit with no unit chosen is refused with a clear message.
	form.Del("recipients")
	resp = x.post(c, "/rounds/preview", form)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "Chưa chọn đơn vị nào nhận báo cáo") {
		t.Errorf("every-unit lead without recipients: %d", resp.StatusCode)
	}
}
