package consolidate

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/document"
	"tiendo/internal/watch"
)

func sectionByKey(t *testing.T, secs []Section, key string) Section {
	t.Helper()
	for _, s := range secs {
		if s.Key == key {
			return s
		}
	}
	t.Fatalf("no section %q", key)
	return Section{}
}

func TestDraftSeed(t *testing.T) {
	in := seedInput(t)
	secs := Draft(in)

	var keys []string
	for _, s := range secs {
		keys = append(keys, s.Key)
	}
	wantKeys := []string{KeyOpening}
	for _, task := range in.Round.Tasks {
		wantKeys = append(wantKeys, TaskKey(task.ID))
	}
	wantKeys = append(wantKeys, KeyIndicators, KeyObstacles, KeyRecommendations, KeyNextSteps, KeyLateUnits, KeyClosing)
	if !slices.Equal(keys, wantKeys) {
		t.Fatalf("keys = %v, want %v", keys, wantKeys)
	}
	if len(in.Round.Tasks) != 13 {
		t.Fatalf("the seed has %d tasks, want 13", len(in.Round.Tasks))
	}

	units := map[int64]*tiendo.Unit{}
	for i := range registry {
		units[registry[i].ID] = &registry[i]
	}
	labels := watch.TaskLabels(in.Round.Tasks)
	for i, task := range in.Round.Tasks {
		s := sectionByKey(t, secs, TaskKey(task.ID))
		if want := "Nhiệm vụ " + labels[i] + ": "; !strings.HasPrefix(s.Heading, want) || len(s.Heading) <= len(want) {
			t.Errorf("task %d heading %q, want it to start %q and name the task", task.Position, s.Heading, want)
		}
		// Every lead unit is there: its narrative attributed, or said
		// not to have reported.
		for _, a := range task.Assignees {
			if name := units[a.UnitID].Name; !strings.Contains(s.Text, name) {
				t.Errorf("task %s: unit %q missing from\n%s", task.Label, name, s.Text)
			}
		}
		for _, rep := range in.Reports {
			for _, sec := range rep.Sections {
				if sec.TaskID != task.ID {
					continue
				}
				for _, p := range paragraphs(sec.ResultVsPlan) {
					for _, sent := range sentences(p) {
						if !strings.Contains(key(s.Text), key(sent)) {
							t.Errorf("task %s: %s's sentence %q missing", task.Label, units[rep.UnitID].Name, sent)
						}
					}
				}
			}
		}
	}

	task4 := sectionByKey(t, secs, TaskKey(in.Round.Tasks[3].ID)).Text
	if want := "Công an huyện (đơn vị phối hợp): Phối hợp bảo đảm an ninh trật tự tại 06 buổi cưỡng chế thu hồi đất, không để xảy ra điểm nóng."; !strings.Contains(task4, want) {
		t.Errorf("task 4 lacks the supporting unit's contribution %q:\n%s", want, task4)
	}
	last := sectionByKey(t, secs, TaskKey(in.Round.Tasks[12].ID)).Text
	if want := "Phòng Tài chính - Kế hoạch chưa gửi báo cáo."; !strings.Contains(last, want) {
		t.Errorf("the second task 12 should say %q:\n%s", want, last)
	}

	// Every target with data has its sentence, in its task's section.
	n := 0
	for _, row := range in.Targets {
		if row.Actual == nil {
			continue
		}
		name := ""
		if len(row.Task.Assignees) > 1 && row.Task.Label == "7" {
			name = units[row.UnitID].Name
		}
		want := "- " + TargetSentence(row.Target, name, row.Actual, row.SamePeriod) + "."
		if text := sectionByKey(t, secs, TaskKey(row.Task.ID)).Text; !strings.Contains(text, want) {
			t.Errorf("task %s lacks %q:\n%s", row.TaskLabel, want, text)
		}
		n++
	}
	if n < 15 {
		t.Errorf("only %d targets with data; the fixture should report most of them", n)
	}

	// Targets and tasks with the same label both appear: the seed repeats
	// "12", and the second is "12 (2)", as the round page's matrix calls it.
	all := strings.Join(headings(secs), "\n")
	if strings.Count(all, "Nhiệm vụ 12: ") != 1 || strings.Count(all, "Nhiệm vụ 12 (2): ") != 1 {
		t.Errorf("headings for the two tasks 12:\n%s\nwant one \"Nhiệm vụ 12: \" and one \"Nhiệm vụ 12 (2): \"", all)
	}

	late := sectionByKey(t, secs, KeyLateUnits).Text
	for _, want := range []string{"Ban Chỉ huy Quân sự huyện (gửi ngày 08/6/2022)", "trước ngày 07/6/2022", "Đơn vị chưa gửi báo cáo: Phòng Tài chính - Kế hoạch."} {
		if !strings.Contains(late, want) {
			t.Errorf("late units lack %q:\n%s", want, late)
		}
	}
	if closing := sectionByKey(t, secs, KeyClosing).Text; closing != "Trên đây là báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022 của UBND huyện Hữu Lũng." {
		t.Errorf("closing = %q", closing)
	}
}

func headings(secs []Section) []string {
	var out []string
	for _, s := range secs {
		out = append(out, s.Heading)
	}
	return out
}

// A sentence two units share in otherwise different texts stays in each
// unit's text, whole and in order (TestMergeKeepsEachUnitsTextWhole); list
// items several units wrote are said once, attributed to all of them.
func TestMergeAcrossUnits(t *testing.T) {
	in := seedInput(t)
	secs := Draft(in)
	task7 := sectionByKey(t, secs, TaskKey(in.Round.Tasks[6].ID)).Text
	want := "Phòng Giáo dục và Đào tạo: Trường Tiểu học Hồ Sơn đã được công nhận đạt chuẩn quốc gia. Tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 40,3%. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo tại xã Hòa Thắng.\n\n" +
		"Phòng Lao động - Thương binh và Xã hội: Tỷ lệ hộ nghèo ước giảm 1,6%; đã hỗ trợ xây dựng 48 nhà ở cho hộ nghèo.\n\n" +
		"Trung tâm Y tế huyện Hữu Lũng: Trạm Y tế xã Hữu Liên đạt Bộ tiêu chí quốc gia về y tế xã. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo tại xã Hoà Thắng.\n\n"
	if !strings.HasPrefix(task7, want) {
		t.Errorf("task 7 does not open with each unit's whole text, in order:\n%s\nwant it to open with:\n%s", task7, want)
	}

	obstacles := sectionByKey(t, secs, KeyObstacles).Text
	if c := strings.Count(obstacles, "Một số hộ dân chưa đồng thuận"); c != 1 {
		t.Errorf("obstacle repeated %d times:\n%s", c, obstacles)
	}
	if want := "- Một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ (TT Phát triển quỹ đất, Phòng LĐ-TB&XH)."; !strings.Contains(obstacles, want) {
		t.Errorf("obstacles lack %q:\n%s", want, obstacles)
	}
	recs := sectionByKey(t, secs, KeyRecommendations).Text
	if strings.Contains(recs, "Không có kiến nghị") {
		t.Errorf("“Không có kiến nghị” is not a recommendation:\n%s", recs)
	}
	next := sectionByKey(t, secs, KeyNextSteps).Text
	if want := "- Tăng cường tuyên truyền, vận động nhân dân đồng thuận thực hiện (TT Phát triển quỹ đất, Chi cục Thuế KV I)."; !strings.Contains(next, want) {
		t.Errorf("next steps lack %q:\n%s", want, next)
	}
}

// smallInput is a round of one task led by the units given texts, in order.
func smallInput(texts map[int64]string) Input {
	task := &tiendo.Task{ID: 7, Position: 1, Label: "1", Text: "Báo cáo việc triển khai công tác chuyển đổi số"}
	units := map[int64]*tiendo.Unit{
		1: {ID: 1, Name: "Phòng A", ShortName: "P.A"},
		2: {ID: 2, Name: "Phòng B", ShortName: "P.B"},
		3: {ID: 3, Name: "Phòng C", ShortName: "P.C"},
		4: {ID: 4, Name: "Đội D", ShortName: "Đ.D"},
	}
	var reports []*tiendo.UnitReport
	for id, text := range texts {
		task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		reports = append(reports, &tiendo.UnitReport{UnitID: id, Status: tiendo.ReportAccepted, Sections: []*tiendo.Section{
			{TaskID: task.ID, ResultVsPlan: text, Obstacles: text},
		}})
	}
	return Input{Round: &tiendo.Round{Tasks: []*tiendo.Task{task}}, Units: units, Reports: reports, Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}
}

func TestOpening(t *testing.T) {
	seed := seedInput(t)
	reports := []*tiendo.UnitReport{{UnitID: 1, Status: tiendo.ReportSubmitted}, {UnitID: 2, Status: tiendo.ReportAccepted}, {UnitID: 3, Status: tiendo.ReportDraft}}
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"basis from the directive", seed,
			"Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy về việc báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022; trên cơ sở báo cáo của 11 cơ quan, đơn vị, UBND huyện báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022 như sau:"},
		{"no basis: the directive itself", Input{Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", Reports: reports, Round: &tiendo.Round{
			DocNumber: "123", DocSymbol: "UBND-VP", DocDate: "2022-06-03", Issuer: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", Subject: "V/v báo cáo kết quả thực hiện nhiệm vụ quý II năm 2022"}},
			"Thực hiện Công văn số 123/UBND-VP ngày 03/6/2022 của UBND tỉnh Lạng Sơn về việc báo cáo kết quả thực hiện nhiệm vụ quý II năm 2022; trên cơ sở báo cáo của 02 cơ quan, đơn vị, UBND huyện báo cáo kết quả thực hiện nhiệm vụ quý II năm 2022 như sau:"},
		{"a plan, day blank", Input{Issuer: "UBND XÃ HỒ SƠN", Reports: reports[:1], Round: &tiendo.Round{
			DocNumber: "12", DocSymbol: "KH-UBND", DocDate: "2025-03", Issuer: "UBND HUYỆN HỮU LŨNG", Subject: "Kế hoạch thực hiện nhiệm vụ năm 2025"}},
			"Thực hiện Kế hoạch số 12/KH-UBND tháng 3/2025 của UBND huyện Hữu Lũng về việc báo cáo kế hoạch thực hiện nhiệm vụ năm 2025; trên cơ sở báo cáo của 01 cơ quan, đơn vị, UBND xã báo cáo kế hoạch thực hiện nhiệm vụ năm 2025 như sau:"},
		{"nothing to cite", Input{Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", Reports: reports, Round: &tiendo.Round{Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2022, Index: 2}}},
			"Trên cơ sở báo cáo của 02 cơ quan, đơn vị, UBND huyện báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm quý II năm 2022 như sau:"},
		{"no reports, no issuer", Input{Round: &tiendo.Round{Subject: "báo cáo tình hình kinh tế - xã hội tháng 5"}},
			"Trên cơ sở tình hình thực hiện của các cơ quan, đơn vị, UBND báo cáo tình hình kinh tế - xã hội tháng 5 như sau:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Regenerate(tt.in, KeyOpening)
			if !ok || got.Text != tt.want {
				t.Errorf("opening\n got: %s\nwant: %s", got.Text, tt.want)
			}
		})
	}
}

func TestLateUnits(t *testing.T) {
	units := map[int64]*tiendo.Unit{
		1: {ID: 1, Name: "Phòng Nội vụ"}, 2: {ID: 2, Name: "Công an huyện"}, 3: {ID: 3, Name: "Ban Chỉ huy Quân sự huyện"}, 4: {ID: 4, Name: "Đài Truyền thanh"},
	}
	deadline := time.Date(2022, 6, 7, 0, 0, 0, 0, tiendo.Zone)
	round := &tiendo.Round{Deadline: deadline}
	reports := []*tiendo.UnitReport{
		{UnitID: 2, Status: tiendo.ReportSubmitted, Late: true, SubmittedAt: time.Date(2022, 6, 8, 2, 0, 0, 0, time.UTC)},
		{UnitID: 3, Status: tiendo.ReportAccepted, Late: true},
	}
	tests := []struct {
		name          string
		round         *tiendo.Round
		late, missing []int64
		want          string
	}{
		{"all on time", round, nil, nil, "Các cơ quan, đơn vị được giao nhiệm vụ đều gửi báo cáo đúng thời hạn."},
		{"late and missing", round, []int64{3, 2}, []int64{4, 1},
			"Đơn vị gửi báo cáo chậm so với thời hạn (trước ngày 07/6/2022): Ban Chỉ huy Quân sự huyện; Công an huyện (gửi ngày 08/6/2022).\n\nĐơn vị chưa gửi báo cáo: Đài Truyền thanh; Phòng Nội vụ."},
		{"missing only", round, nil, []int64{1}, "Đơn vị chưa gửi báo cáo: Phòng Nội vụ."},
		{"late with a time, missing wins", &tiendo.Round{Deadline: time.Date(2022, 6, 7, 17, 0, 0, 0, tiendo.Zone)}, []int64{2, 1}, []int64{1},
			"Đơn vị gửi báo cáo chậm so với thời hạn (trước 17 giờ 00 ngày 07/6/2022): Công an huyện (gửi ngày 08/6/2022).\n\nĐơn vị chưa gửi báo cáo: Phòng Nội vụ."},
		{"no deadline", &tiendo.Round{}, []int64{3}, nil, "Đơn vị gửi báo cáo chậm: Ban Chỉ huy Quân sự huyện."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Regenerate(Input{Round: tt.round, Units: units, Reports: reports, Late: tt.late, Missing: tt.missing}, KeyLateUnits)
			if got.Text != tt.want {
				t.Errorf("late units\n got: %q\nwant: %q", got.Text, tt.want)
			}
			if got.Heading != "Đơn vị báo cáo chậm, chưa báo cáo" {
				t.Errorf("heading = %q", got.Heading)
			}
		})
	}
}

func TestRegenerateMatchesDraft(t *testing.T) {
	in := seedInput(t)
	for _, s := range Draft(in) {
		got, ok := Regenerate(in, s.Key)
		if !ok || got != s {
			t.Errorf("Regenerate(%q) = %+v, %v; Draft gave %+v", s.Key, got, ok, s)
		}
	}
	for _, key := range []string{"", "task-", "task-999", "task-x", "unknown", "Opening"} {
		if s, ok := Regenerate(in, key); ok {
			t.Errorf("Regenerate(%q) = %+v, want false", key, s)
		}
	}
	// A round without targets has no note on them.
	in.Targets = []watch.TargetRow{}
	in.Round.Tasks = in.Round.Tasks[4:5] // task 5 has no target
	if _, ok := Regenerate(in, KeyIndicators); ok {
		t.Error("indicators-note drafted for a round without targets")
	}
	for _, s := range Draft(in) {
		if s.Key == KeyIndicators {
			t.Error("Draft has indicators-note for a round without targets")
		}
	}
}

// The draft does not depend on the order reports arrive in or on map order.
func TestDraftDeterministic(t *testing.T) {
	in := seedInput(t)
	want := Draft(in)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		in.Reports = slices.Clone(in.Reports)
		rng.Shuffle(len(in.Reports), func(i, j int) { in.Reports[i], in.Reports[j] = in.Reports[j], in.Reports[i] })
		in.Targets = slices.Clone(in.Targets)
		rng.Shuffle(len(in.Targets), func(i, j int) { in.Targets[i], in.Targets[j] = in.Targets[j], in.Targets[i] })
		if got := Draft(in); !slices.Equal(got, want) {
			t.Fatal("Draft changed with the order of its input")
		}
	}
	// Without Targets the rows are computed from the reports: same draft.
	in.Targets = nil
	if got := Draft(in); !slices.Equal(got, want) {
		for i := range got {
			if i < len(want) && got[i] != want[i] {
				t.Errorf("computed targets: section %s\n got: %s\nwant: %s", got[i].Key, got[i].Text, want[i].Text)
			}
		}
	}
}

// Before any unit has reported, the draft does not say that the units
// found no obstacles and have no recommendations.
func TestNothingGatheredBeforeAnyReport(t *testing.T) {
	in := smallInput(map[int64]string{1: "Đã ban hành kế hoạch."})
	in.Reports = nil
	for key, said := range map[string]string{KeyObstacles: "không phản ánh khó khăn", KeyRecommendations: "không có kiến nghị"} {
		got, ok := Regenerate(in, key)
		if want := "Chưa có cơ quan, đơn vị nào gửi báo cáo."; !ok || got.Text != want {
			t.Errorf("%s with no report = %q, want %q", key, got.Text, want)
		}
		in.Reports = []*tiendo.UnitReport{{UnitID: 1, Status: tiendo.ReportSubmitted, Sections: []*tiendo.Section{{TaskID: 7, ResultVsPlan: "Đã làm."}}}}
		if got, _ := Regenerate(in, key); !strings.Contains(got.Text, said) {
			t.Errorf("%s with a report that names none = %q, want it to say %q", key, got.Text, said)
		}
		in.Reports = nil
	}
}

func TestDraftEmpty(t *testing.T) {
	for _, in := range []Input{{}, {Round: &tiendo.Round{Tasks: []*tiendo.Task{nil, {ID: 1, Position: 1}}}}} {
		secs := Draft(in)
		if len(secs) == 0 || secs[0].Key != KeyOpening {
			t.Errorf("Draft(%+v) = %+v", in, secs)
		}
		d := ToDocument(Meta{}, secs, document.IndicatorTable("", IndicatorRows(in)))
		if err := document.WriteDOCX(&bytes.Buffer{}, d); err != nil {
			t.Error(err)
		}
	}
}

func TestIndicatorRows(t *testing.T) {
	in := seedInput(t)
	rows := IndicatorRows(in)
	if len(rows) != 19 {
		t.Fatalf("%d rows, want one for each of the 19 targets", len(rows))
	}
	first := rows[0]
	if first.Task != "Nhiệm vụ 1" || first.Target != "02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới" || first.Unit != "xã" ||
		*first.Plan != 2 || *first.Actual != 0 || *first.SamePeriod != 1 || first.Verdict != "Chưa đạt" {
		t.Errorf("first row = %+v", first)
	}
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Task+" | "+r.Target+" | "+r.Verdict)
	}
	all := strings.Join(labels, "\n")
	for _, want := range []string{
		"Nhiệm vụ 4 | Tỷ lệ giải phóng mặt bằng đạt 70% trở lên | Chưa đạt",
		"Nhiệm vụ 6 | Thu nội địa tăng 10% trở lên so với dự toán tỉnh giao | Vượt",
		"Nhiệm vụ 7 | Giảm tỷ lệ hộ nghèo từ 3% trở lên (Phòng LĐ-TB&XH) | Chưa đạt",
		"Nhiệm vụ 7 | Nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42% (Phòng GD&ĐT) | Chưa đạt",
		"Nhiệm vụ 2 | Xây dựng 01 mô hình sản xuất nông nghiệp an toàn theo chuỗi liên kết đối với lúa Nhật JAPONICA J02 | Chưa có số liệu",
		"Nhiệm vụ 8 | Hình thành từ 02 sản phẩm du lịch | Đạt",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("rows lack %q:\n%s", want, all)
		}
	}
	for _, r := range rows {
		if r.Actual == nil && r.Verdict != "Chưa có số liệu" {
			t.Errorf("row without data has verdict %q", r.Verdict)
		}
	}
}

func TestMetaFor(t *testing.T) {
	m := MetaFor(seedInput(t))
	if m.Subject != "Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022" || m.Place != "Hữu Lũng" || m.Symbol != "BC-UBND" || m.Number != "" || !m.Date.IsZero() {
		t.Errorf("meta = %+v", m)
	}
	if !slices.Contains(m.Distribution, "Ban Thường vụ Huyện ủy (b/c)") || m.Distribution[len(m.Distribution)-1] != "Lưu: VT, VP" {
		t.Errorf("distribution = %q", m.Distribution)
	}
}

func TestToDocument(t *testing.T) {
	in := seedInput(t)
	secs := Draft(in)
	table := document.IndicatorTable("", IndicatorRows(in))
	d := ToDocument(MetaFor(in), secs, table)
	if d.Kind != document.Report || d.Subject == "" {
		t.Fatalf("document = %+v", d)
	}
	var outline []string
	tableAt, lastTask := -1, -1
	for i, b := range d.Body {
		switch b.Kind {
		case document.Heading1:
			outline = append(outline, b.Spans[0].Text)
		case document.Heading2:
			outline = append(outline, "  "+b.Spans[0].Text)
			lastTask = i
		case document.TableBlock:
			outline = append(outline, "  [bảng]")
			tableAt = i
		}
		for _, s := range b.Spans {
			if (b.Kind == document.Heading1 || b.Kind == document.Heading2) && !s.Bold {
				t.Errorf("heading %q is not bold", s.Text)
			}
		}
	}
	wantParts := []string{
		"I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM",
		"II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
		"III. KHÓ KHĂN, VƯỚNG MẮC",
		"IV. KIẾN NGHỊ, ĐỀ XUẤT",
		"V. NHIỆM VỤ THỜI GIAN TỚI",
		"VI. ĐƠN VỊ BÁO CÁO CHẬM, CHƯA BÁO CÁO",
	}
	var parts []string
	tasks := 0
	for _, o := range outline {
		if !strings.HasPrefix(o, " ") {
			parts = append(parts, o)
		} else if strings.Contains(o, "Nhiệm vụ") {
			tasks++
			if want := "  " + strconv.Itoa(tasks) + ". Nhiệm vụ "; !strings.HasPrefix(o, want) {
				t.Errorf("task heading %q, want it to start %q", o, want)
			}
		}
	}
	if !slices.Equal(parts, wantParts) || tasks != 13 {
		t.Errorf("outline:\n%s", strings.Join(outline, "\n"))
	}
	if tableAt < lastTask || d.Body[tableAt-2].Kind != document.Heading1 {
		t.Errorf("table at %d, after the last task heading at %d and the note; outline:\n%s", tableAt, lastTask, strings.Join(outline, "\n"))
	}
	if d.Body[0].Kind != document.Paragraph || !strings.HasPrefix(d.Body[0].Spans[0].Text, "Thực hiện Công văn số 635-CV/HU") {
		t.Errorf("body opens with %+v", d.Body[0])
	}
	found := false
	for _, b := range d.Body {
		if len(b.Spans) == 2 && b.Spans[0].Italic && b.Spans[0].Text == "Phòng Nội vụ: " {
			found = true
		}
		if len(b.Spans) == 2 && b.Spans[0].Italic && (strings.ContainsAny(b.Spans[0].Text, "0123456789") || !strings.Contains(b.Spans[0].Text, " ") ||
			strings.HasPrefix(b.Spans[0].Text, "Đơn vị") || strings.HasPrefix(b.Spans[0].Text, "So với")) {
			t.Errorf("italic label that names no unit: %q", b.Spans[0].Text)
		}
	}
	if !found {
		t.Error("no paragraph attributed to Phòng Nội vụ in italics")
	}

	var docx, pdf bytes.Buffer
	if err := document.WriteDOCX(&docx, d); err != nil {
		t.Fatal(err)
	}
	if err := document.WritePDF(&pdf, d); err != nil {
		t.Fatal(err)
	}
	// TIENDO_CONSOLIDATE_OUT=/tmp/x keeps the files to look at.
	if dir := os.Getenv("TIENDO_CONSOLIDATE_OUT"); dir != "" {
		for name, b := range map[string][]byte{"bao-cao.docx": docx.Bytes(), "bao-cao.pdf": pdf.Bytes()} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	// Without a note the table still follows the tasks; without rows there
	// is none.
	var noNote []Section
	for _, s := range secs {
		if s.Key != KeyIndicators {
			noNote = append(noNote, s)
		}
	}
	d = ToDocument(Meta{}, noNote, table)
	for i, b := range d.Body {
		if b.Kind == document.TableBlock && (d.Body[i-1].Kind != document.Heading1 || d.Body[i-1].Spans[0].Text != "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU") {
			t.Errorf("table not under its own part: %+v", d.Body[i-1])
		}
	}
	d = ToDocument(Meta{}, secs, document.Table{})
	for _, b := range d.Body {
		if b.Kind == document.TableBlock {
			t.Error("a table without rows was placed")
		}
	}
}
