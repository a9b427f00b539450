package consolidate

import (
	"fmt"
	"strings"
	"testing"

	"tiendo"
)

// province is a round of 12 tasks every one of n communes leads, with two
// targets each, every commune having reported, and the texts real communes
// write: two in five copy the boilerplate word for word (their whole text
// the same), two in five open with their own sentence and close with the
// boilerplate, one in five write two paragraphs of their own; obstacles of
// eleven kinds (every tenth "Không có khó khăn, vướng mắc."), the same
// recommendation, next steps of four kinds a task.
func province(n int) Input {
	units := map[int64]*tiendo.Unit{}
	var tasks []*tiendo.Task
	var reports []*tiendo.UnitReport
	var tgID int64
	for k := 1; k <= 12; k++ {
		t := &tiendo.Task{ID: int64(k), Position: k, Label: fmt.Sprint(k), Text: fmt.Sprintf("Nhiệm vụ trọng tâm số %d: nâng cao hiệu quả công tác quản lý nhà nước", k)}
		for p, tg := range []tiendo.Target{
			{Text: "Tỷ lệ hoàn thành đạt 90% trở lên", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"},
			{Text: "Số hồ sơ giải quyết trễ hạn không quá 5", Comparator: tiendo.AtMost, Value: 5, Unit: "hồ sơ"},
		} {
			tgID++
			tg.ID, tg.TaskID, tg.Position = tgID, t.ID, p+1
			t.Targets = append(t.Targets, &tg)
		}
		tasks = append(tasks, t)
	}
	const boiler = "Đơn vị đã triển khai thực hiện nghiêm túc nhiệm vụ theo kế hoạch, kết quả cơ bản đạt yêu cầu đề ra."
	for i := 1; i <= n; i++ {
		id := int64(i)
		units[id] = &tiendo.Unit{ID: id, Name: fmt.Sprintf("UBND xã số %d", i)}
		r := &tiendo.UnitReport{UnitID: id, Status: tiendo.ReportSubmitted}
		for _, t := range tasks {
			t.Assignees = append(t.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
			s := &tiendo.Section{TaskID: t.ID, Status: "on_track"}
			switch i % 5 {
			case 0, 1:
				s.ResultVsPlan, s.VsSamePeriod = boiler, "Tương đương cùng kỳ năm trước."
			case 2, 3:
				s.ResultVsPlan = fmt.Sprintf("Xã đã tổ chức %d cuộc họp, tuyên truyền đến %d hộ dân. %s", i%7+2, 100+i%300, boiler)
				s.VsSamePeriod = fmt.Sprintf("Tăng %d%% so với cùng kỳ năm trước.", i%15)
			default:
				s.ResultVsPlan = fmt.Sprintf("Xã số %d đã kiểm tra %d thôn, xử lý %d trường hợp vi phạm.\nĐã tập huấn cho %d lượt cán bộ thôn.", i, i%9+1, i%4, 20+i%50)
				s.VsSamePeriod = fmt.Sprintf("Giảm %d trường hợp so với cùng kỳ.", i%6)
			}
			if i%10 == 0 {
				s.Obstacles = "Không có khó khăn, vướng mắc."
			} else {
				s.Obstacles = fmt.Sprintf("Kinh phí còn hạn chế; nhân lực thôn %d còn thiếu.", i%11+1)
			}
			s.Recommendations = "Đề nghị cấp trên bổ sung kinh phí và tổ chức tập huấn chuyên môn cho cán bộ cơ sở."
			s.NextSteps = fmt.Sprintf("Tiếp tục đôn đốc, kiểm tra; phấn đấu hoàn thành nhiệm vụ %d trước quý %d.", t.ID, i%4+1)
			v, late := 80+float64(i%20), float64(i%9)
			s.Actuals = []tiendo.Actual{{TargetID: t.Targets[0].ID, Value: &v}, {TargetID: t.Targets[1].ID, Value: &late}}
			r.Sections = append(r.Sections, s)
		}
		reports = append(reports, r)
	}
	return Input{Round: &tiendo.Round{ID: 1, Tasks: tasks}, Units: units, Reports: reports, Issuer: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"}
}

// BenchmarkDraft drafts the whole consolidated report of a province's
// round (province): the time, and how long the text is, tasks' sections
// and the whole report, in KB and paragraphs.
func BenchmarkDraft(b *testing.B) {
	for _, n := range []int{100, 3321} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			in := province(n)
			var secs []Section
			b.ReportAllocs()
			for b.Loop() {
				secs = Draft(in)
			}
			var all, tasks, paras int
			for _, s := range secs {
				all += len(s.Text)
				if strings.HasPrefix(s.Key, taskKeyPrefix) {
					tasks += len(s.Text)
					paras += strings.Count(s.Text, "\n\n") + 1
				}
			}
			b.ReportMetric(float64(tasks)/1024, "task-KB")
			b.ReportMetric(float64(paras), "task-paras")
			b.ReportMetric(float64(all)/1024, "report-KB")
		})
	}
}
