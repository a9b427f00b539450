package consolidate

import (
	"fmt"
	"strings"
	"testing"

	"tiendo"
)

// communes is a round whose one task every one of n communes leads, each
// reporting its own figures for two targets: a count that adds up and a
// rate that does not. Commune i built i%3 cultural houses (goal 02) and
// reached a rate of 85+i% (goal 90%); the last commune has not sent.
func communes(n int) Input {
	houses := &tiendo.Target{ID: 1, TaskID: 7, Position: 1, Text: "Xây dựng 02 nhà văn hóa thôn", Comparator: tiendo.Equal, Value: 2, Unit: "nhà"}
	rate := &tiendo.Target{ID: 2, TaskID: 7, Position: 2, Text: "Tỷ lệ thôn đạt chuẩn văn hóa đạt 90%", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}
	task := &tiendo.Task{ID: 7, Position: 1, Label: "1", Text: "Xây dựng đời sống văn hóa ở khu dân cư", Targets: []*tiendo.Target{houses, rate}}
	units := map[int64]*tiendo.Unit{}
	var reports []*tiendo.UnitReport
	for i := 1; i <= n; i++ {
		id := int64(i)
		units[id] = &tiendo.Unit{ID: id, Name: fmt.Sprintf("UBND xã số %02d", i)}
		task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		if i == n {
			continue
		}
		h, r, last := float64(i%3), 85+float64(i), 1.0
		reports = append(reports, &tiendo.UnitReport{UnitID: id, Status: tiendo.ReportSubmitted, Sections: []*tiendo.Section{{
			TaskID: 7, Status: "on_track", ResultVsPlan: "Đã triển khai.",
			Actuals: []tiendo.Actual{{TargetID: 1, Value: &h, SamePeriod: &last}, {TargetID: 2, Value: &r}},
		}}})
	}
	return Input{Round: &tiendo.Round{Tasks: []*tiendo.Task{task}}, Units: units, Reports: reports, Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}
}

// A target a few units report is a sentence and a table row for each; one
// that more than manyUnits report is one sentence and one row: how many
// reported, the total where amounts add up, how many met it, which did not.
func TestManyUnitsOneTargetSummarised(t *testing.T) {
	in := communes(13) // 12 reported
	task := sectionByKey(t, Draft(in), TaskKey(7)).Text
	for _, want := range []string{
		// 12 communes: i%3 for i = 1..12 adds up to 12; four (2, 5, 8, 11) built 02.
		"- Xây dựng 02 nhà văn hóa thôn: 12 đơn vị báo cáo số liệu, tổng cộng 12 nhà (cùng kỳ năm trước 12 nhà); 04 đơn vị đạt, vượt chỉ tiêu; 08 đơn vị chưa đạt (UBND xã số 01, UBND xã số 03, UBND xã số 04, UBND xã số 06, UBND xã số 07, UBND xã số 09, UBND xã số 10, UBND xã số 12).",
		// 85+i reaches 90 from commune 5 on: 8 met, 4 not; a rate is not added up.
		"- Tỷ lệ thôn đạt chuẩn văn hóa đạt 90%: 12 đơn vị báo cáo số liệu; 08 đơn vị đạt, vượt chỉ tiêu; 04 đơn vị chưa đạt (UBND xã số 01, UBND xã số 02, UBND xã số 03, UBND xã số 04).",
	} {
		if !strings.Contains(task, want) {
			t.Errorf("task section lacks\n%s\nin:\n%s", want, task)
		}
	}
	if strings.Contains(task, "Theo báo cáo của UBND xã") {
		t.Errorf("a summarised target still has a sentence per unit:\n%s", task)
	}
	rows := IndicatorRows(in)
	if len(rows) != 2 {
		t.Fatalf("%d indicator rows, want one per target", len(rows))
	}
	if r := rows[0]; r.Target != "Xây dựng 02 nhà văn hóa thôn (12 đơn vị báo cáo)" || *r.Plan != 24 || r.Actual == nil || *r.Actual != 12 || *r.SamePeriod != 12 || r.Verdict != "4/12 đơn vị đạt" {
		t.Errorf("count row = %+v (plan %v)", r, *r.Plan)
	}
	if r := rows[1]; *r.Plan != 90 || r.Actual != nil || r.Verdict != "8/12 đơn vị đạt" {
		t.Errorf("rate row = %+v: want the goal of each unit, no total, 8/12", r)
	}

	// More units short of the target than a sentence names are counted.
	many := sectionByKey(t, Draft(communes(20)), TaskKey(7)).Text // 19 reported, 13 short of 02 houses
	if want := "13 đơn vị chưa đạt (UBND xã số 01, UBND xã số 03, UBND xã số 04, UBND xã số 06, UBND xã số 07, UBND xã số 09, UBND xã số 10, UBND xã số 12 và 5 đơn vị khác)"; !strings.Contains(many, want) {
		t.Errorf("19 communes: lacks %q in:\n%s", want, many)
	}

	// Up to manyUnits, each unit keeps its sentence and its row.
	few := communes(manyUnits + 1) // 8 reported
	if rows := IndicatorRows(few); len(rows) != 2*manyUnits {
		t.Errorf("%d indicator rows for %d units, want one per unit and target", len(rows), manyUnits)
	}
	if task := sectionByKey(t, Draft(few), TaskKey(7)).Text; !strings.Contains(task, "Theo báo cáo của UBND xã số 01") {
		t.Errorf("a target %d units report lost its sentences:\n%s", manyUnits, task)
	}
}

// A target given to one unit names that unit in the table and the task's
// sentences, with data or without: the reader learns who owes the figure.
func TestSharedTargetNamesItsUnitWithoutData(t *testing.T) {
	in := seedInput(t)
	var task *tiendo.Task
	for _, tk := range in.Round.Tasks {
		if tk.Label == "7" {
			task = tk
		}
	}
	for i, by := range []int64{4, 3, 3, 9} { // labour, education twice, health
		task.Targets[i].ReportedBy = by
	}
	// The health centre has not given its figure.
	for _, r := range in.Reports {
		for _, sec := range r.Sections {
			for j := range sec.Actuals {
				if sec.Actuals[j].TargetID == task.Targets[3].ID {
					sec.Actuals[j].Value = nil
				}
			}
		}
	}
	in.Targets = nil // computed again from the reports, as changed
	var row string
	for _, r := range IndicatorRows(in) {
		if r.Task == "Nhiệm vụ 7" && strings.HasPrefix(r.Target, "Xây dựng 02 trạm y tế") {
			row = r.Target + " | " + r.Verdict
		}
	}
	if row != "Xây dựng 02 trạm y tế xã đạt chuẩn Bộ tiêu chí Quốc gia về y tế (TTYT huyện) | Chưa có số liệu" {
		t.Errorf("the health stations' row = %q, want it to name the health centre", row)
	}
	if text := sectionByKey(t, Draft(in), TaskKey(task.ID)).Text; !strings.Contains(text, "Trung tâm Y tế huyện Hữu Lũng chưa báo cáo số liệu") {
		t.Errorf("task 7's section does not say the health centre owes its figure:\n%s", text)
	}
}
