package directive

import (
	"strings"
	"testing"

	"tiendo"
)

// smallDirective is the directive of internal/api's round test: a lead
// named before "chủ trì:" or before a bare ":" followed by the task.
const smallDirective = `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 12/UBND-VP
V/v báo cáo nhiệm vụ trọng tâm quý I năm 2026
Kính gửi:
- Phòng Nội vụ huyện;
- Công an huyện.

1. Giao Phòng Nội vụ chủ trì: nâng Chỉ số cải cách hành chính đạt 85% trở lên (nhiệm vụ 1).
2. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% trở lên so với cùng kỳ (nhiệm vụ 2).

Các đơn vị gửi báo cáo về UBND huyện trước ngày 05/4/2026.
`

func TestSmallDirective(t *testing.T) {
	units := []tiendo.Unit{{Code: "pnv", Name: "Phòng Nội vụ"}, {Code: "cah", Name: "Công an huyện"}}
	r := Parse(smallDirective, units)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %d, want 2: %+v", len(r.Tasks), r.Tasks)
	}
	for i, code := range []string{"pnv", "cah"} {
		a := r.Tasks[i].Assignees
		if len(a) != 1 || a[0].Unit != code || a[0].Role != tiendo.Lead {
			t.Errorf("task %d assignees = %+v, want one lead %s", i+1, a, code)
		}
	}
	if got := r.Tasks[0].Text; got != "nâng Chỉ số cải cách hành chính đạt 85% trở lên" {
		t.Errorf("task 1 text = %q", got)
	}
	g1, g2 := r.Tasks[0].Targets, r.Tasks[1].Targets
	if len(g1) != 1 || g1[0].Comparator != ">=" || g1[0].Value != 85 || g1[0].Unit != "%" {
		t.Errorf("task 1 targets = %+v", g1)
	}
	if len(g2) != 1 || g2[0].Comparator != ">=" || g2[0].Value != 5 || g2[0].Unit != "%" || g2[0].Direction != "decrease" || g2[0].RelativeTo != "same-period" {
		t.Errorf("task 2 targets = %+v", g2)
	}
	if r.Deadline == nil || *r.Deadline != (Deadline{Date: "2026-04-05", Relation: "before"}) {
		t.Errorf("deadline = %+v", r.Deadline)
	}
	if r.Period == nil || *r.Period != (tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 1}) {
		t.Errorf("period = %+v", r.Period)
	}
	for _, w := range r.Warnings {
		if w.Code != WarnNoDeadline {
			t.Errorf("unexpected warning %+v", w)
		}
	}
}

// TestAssignmentForms checks who a task's opening names, and that the text
// after the unit part is the task, for the forms directives use.
func TestAssignmentForms(t *testing.T) {
	tests := []struct {
		text     string
		leads    string // "|"-separated
		supports string
		task     string // the text after the prefix, "" to skip
	}{
		{"Giao Phòng Nội vụ chủ trì: nâng Chỉ số cải cách hành chính đạt 85% trở lên", "Phòng Nội vụ", "", "nâng Chỉ số cải cách hành chính đạt 85% trở lên"},
		{"Giao Công an huyện: giảm số vụ phạm pháp hình sự 5%", "Công an huyện", "", "giảm số vụ phạm pháp hình sự 5%"},
		{"Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Chi cục Thuế khu vực: báo cáo kết quả thu ngân sách", "Phòng Tài chính - Kế hoạch", "Chi cục Thuế khu vực", "báo cáo kết quả thu ngân sách"},
		{"Giao Phòng Kinh tế và Hạ tầng thực hiện: hoàn thành 25 km đường giao thông nông thôn", "Phòng Kinh tế và Hạ tầng", "", "hoàn thành 25 km đường giao thông nông thôn"},
		{"Phòng Văn hóa và Thông tin có trách nhiệm: tổ chức ít nhất 04 hội thi", "Phòng Văn hóa và Thông tin", "", "tổ chức ít nhất 04 hội thi"},
		{"Đề nghị Trung tâm Y tế huyện: báo cáo tỷ lệ tiêm chủng đạt trên 95%", "Trung tâm Y tế huyện", "", "báo cáo tỷ lệ tiêm chủng đạt trên 95%"},
		{"Phòng Giáo dục và Đào tạo: xây dựng 02 trường đạt chuẩn quốc gia", "Phòng Giáo dục và Đào tạo", "", "xây dựng 02 trường đạt chuẩn quốc gia"},
		{"Đơn vị chủ trì: Phòng Nội vụ; đơn vị phối hợp: Văn phòng HĐND và UBND huyện", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", ""},
		{"Công an xã chủ trì, phối hợp với Ban Chỉ huy Quân sự xã bảo đảm an ninh trật tự", "Công an xã", "Ban Chỉ huy Quân sự xã", ""},
		{"Giao công chức Văn phòng - Thống kê tổng hợp, báo cáo UBND xã", "công chức Văn phòng - Thống kê", "", ""},
		{"Trưởng Công an xã chịu trách nhiệm bảo đảm an ninh trật tự dịp Tết", "Trưởng Công an xã", "", ""},
	}
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for _, tt := range tests {
		a := p.assignment(tt.text)
		if got := strings.Join(a.leads, "|"); got != tt.leads {
			t.Errorf("%q: leads %q, want %q", tt.text, got, tt.leads)
		}
		if got := strings.Join(a.supports, "|"); got != tt.supports {
			t.Errorf("%q: supports %q, want %q", tt.text, got, tt.supports)
		}
		if tt.task != "" {
			got := ""
			if a.prefixEnd > 0 {
				got = strings.TrimSpace(tt.text[a.prefixEnd:])
			}
			if got != tt.task {
				t.Errorf("%q: task text %q, want %q", tt.text, got, tt.task)
			}
		}
	}
}

// TestTargetText checks that a target's text is the clause that states it,
// from the subject of the measure, without its neighbours.
func TestTargetText(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Đối với dự án Khu đô thị mới tại xã Sơn Hà, phấn đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên; dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt trên 60% trở lên.",
			[]string{"phấn đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên", "dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt trên 60% trở lên"}},
		{"giải quyết tố giác, tin báo tội phạm, kiến nghị khởi tố đạt 90%",
			[]string{"giải quyết tố giác, tin báo tội phạm, kiến nghị khởi tố đạt 90%"}},
		{"báo cáo tiến độ giải ngân vốn đầu tư công, tỷ lệ giải ngân đạt 100% kế hoạch vốn; nợ đọng xây dựng cơ bản không quá 2 tỷ đồng.",
			[]string{"tỷ lệ giải ngân đạt 100% kế hoạch vốn", "nợ đọng xây dựng cơ bản không quá 2 tỷ đồng"}},
		{"Tiến độ thu hoạch lúa, năng suất bình quân đạt 55 tạ/ha, diện tích thu hoạch đạt 100%",
			[]string{"năng suất bình quân đạt 55 tạ/ha", "diện tích thu hoạch đạt 100%"}},
		{"thu hút khách du lịch, đón 3.200.000 lượt khách, tăng 10% so với cùng kỳ; doanh thu đạt 4.150,5 tỷ đồng",
			[]string{"đón 3.200.000 lượt khách", "tăng 10% so với cùng kỳ", "doanh thu đạt 4.150,5 tỷ đồng"}},
		// A rate still waiting for its number takes the comma-separated
		// things it is of ("điều tra, khám phá").
		{"báo cáo tình hình an ninh trật tự; tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 80%",
			[]string{"tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 80%"}},
		{"Tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình đạt từ 80% trở lên",
			[]string{"Tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình đạt từ 80% trở lên"}},
		{"xây dựng 04 sản phẩm OCOP đạt 3 sao trở lên",
			[]string{"xây dựng 04 sản phẩm OCOP đạt 3 sao trở lên"}},
	}
	for _, tt := range tests {
		got := targets(tt.text)
		var texts []string
		for _, g := range got {
			texts = append(texts, g.Text)
		}
		if strings.Join(texts, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("targets(%q) texts:\n got  %q\n want %q", tt.text, texts, tt.want)
		}
	}
}

// TestTargetForms covers comparators, numbers and units of measure of
// several words.
func TestTargetForms(t *testing.T) {
	tests := []struct {
		text string
		want Target // Text ignored
	}{
		{"tỷ lệ trẻ em được tiêm chủng không dưới 98%", Target{Comparator: ">=", Value: 98, Unit: "%"}},
		{"tối thiểu 1.250 hộ gia đình được hỗ trợ", Target{Comparator: ">=", Value: 1250, Unit: "hộ gia đình"}},
		{"xây dựng ít nhất 15,5 km đường giao thông nông thôn", Target{Comparator: ">=", Value: 15.5, Unit: "km"}},
		{"thu ngân sách vượt 8% so với dự toán", Target{Comparator: ">", Value: 8, Unit: "%", RelativeTo: "estimate"}},
		{"số vụ cháy không quá 3 vụ", Target{Comparator: "<=", Value: 3, Unit: "vụ"}},
		{"tỷ lệ hộ nghèo dưới 2%", Target{Comparator: "<", Value: 2, Unit: "%"}},
		{"tổng vốn đầu tư tăng 12% so với kế hoạch", Target{Comparator: "=", Value: 12, Unit: "%", Direction: "increase", RelativeTo: "plan"}},
		{"số người chết do tai nạn giao thông giảm 5% so với cùng kỳ", Target{Comparator: "=", Value: 5, Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"100% hồ sơ được giải quyết đúng hạn", Target{Comparator: "=", Value: 100, Unit: "%"}},
		{"tổng vốn tối đa 250 tỷ đồng", Target{Comparator: "<=", Value: 250, Unit: "tỷ đồng"}},
		{"đón trên 45.000 lượt khách", Target{Comparator: ">", Value: 45000, Unit: "lượt khách"}},
	}
	for _, tt := range tests {
		wantOneTarget(t, tt.text, tt.want)
	}
}

// TestPlanReferences: units assigned in "Tổ chức thực hiện" by task
// number are linked to those tasks, and "Mục đích, yêu cầu" gives no task.
func TestPlanReferences(t *testing.T) {
	text := "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n\nCăn cứ chỉ đạo của UBND tỉnh, UBND huyện ban hành Kế hoạch như sau:\n\n" +
		"I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng phục vụ, 100% cán bộ nắm vững Kế hoạch.\n\n" +
		"II. NHIỆM VỤ\n1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.\n2. Tổ chức ít nhất 02 đợt kiểm tra.\n3. Số hóa hồ sơ đạt 100%.\n\n" +
		"III. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ: chủ trì thực hiện nhiệm vụ 1 - 2; phối hợp thực hiện nhiệm vụ 3.\n2. Văn phòng HĐND và UBND huyện: chủ trì nhiệm vụ 3; phối hợp nhiệm vụ 7.\n3. Phòng Tư pháp: theo dõi, hướng dẫn.\n"
	r := Parse(text, nil)
	var got []string
	for _, task := range r.Tasks {
		var as []string
		for _, a := range task.Assignees {
			as = append(as, a.Name+":"+string(a.Role))
		}
		got = append(got, task.Label+"="+strings.Join(as, ","))
	}
	want := "1=Phòng Nội vụ:lead|2=Phòng Nội vụ:lead|3=Văn phòng HĐND và UBND huyện:lead,Phòng Nội vụ:support"
	if strings.Join(got, "|") != want {
		t.Errorf("tasks:\n got  %s\n want %s", strings.Join(got, "|"), want)
	}
	found := false
	for _, w := range r.Warnings {
		if w.Code == WarnUnknownTaskRef && strings.Contains(w.Message, `"7"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no %s warning for task 7: %+v", WarnUnknownTaskRef, r.Warnings)
	}
}

func TestDeadlineWarnings(t *testing.T) {
	r := Parse("Kính gửi: Phòng Nội vụ.\n\nĐề nghị Phòng Nội vụ báo cáo kết quả, gửi về UBND huyện định kỳ trước ngày 20 hằng tháng.\n", nil)
	codes := map[string]bool{}
	for _, w := range r.Warnings {
		codes[w.Code] = true
	}
	if r.Deadline != nil || !codes[WarnRecurringDeadline] || !codes[WarnNoDeadline] {
		t.Errorf("recurring: deadline %+v, warnings %+v", r.Deadline, r.Warnings)
	}
	r = Parse("Kính gửi: Phòng Nội vụ.\n\n1. Phòng Nội vụ báo cáo kết quả.\n\nCác đơn vị gửi báo cáo 6 tháng trước ngày 10/6/2026, báo cáo năm trước ngày 10/12/2026.\n", nil)
	codes = map[string]bool{}
	for _, w := range r.Warnings {
		codes[w.Code] = true
	}
	if r.Deadline == nil || r.Deadline.Date != "2026-06-10" || !codes[WarnManyDeadlines] {
		t.Errorf("two deadlines: deadline %+v, warnings %+v", r.Deadline, r.Warnings)
	}
}

func TestTabCells(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1\tTổng thu\ttỷ đồng\t1.250", "1 | Tổng thu | tỷ đồng | 1.250"},
		{"1.\tGiao Phòng Nội vụ báo cáo.", "1.\tGiao Phòng Nội vụ báo cáo."},
		{"-\tPhòng Nội vụ: báo cáo.", "-\tPhòng Nội vụ: báo cáo."},
		{"Nơi nhận:\tKT. CHỦ TỊCH", "Nơi nhận: | KT. CHỦ TỊCH"},
	}
	for _, tt := range tests {
		if got := tabCells(tt.in); got != tt.want {
			t.Errorf("tabCells(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestProseTasks: a notice of conclusions gives work in sentences.
func TestProseTasks(t *testing.T) {
	text := "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 9 năm 2025\n\n" +
		"Ngày 06/10/2025, Chủ tịch UBND huyện chủ trì cuộc họp. Chủ tịch UBND huyện kết luận như sau:\n\n" +
		"Giao Chi cục Thuế khu vực phấn đấu thu ngân sách vượt 10% so với dự toán; nợ thuế không quá 5% tổng thu. Giao Phòng Nội vụ phối hợp với Phòng Tư pháp rà soát thủ tục.\n\n" +
		"Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
	r := Parse(text, nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v", r.Tasks)
	}
	if a := r.Tasks[0].Assignees; len(a) != 1 || a[0].Name != "Chi cục Thuế khu vực" || len(r.Tasks[0].Targets) != 2 {
		t.Errorf("task 1 = %+v", r.Tasks[0])
	}
	if a := r.Tasks[1].Assignees; len(a) != 2 || a[0].Name != "Phòng Nội vụ" || a[1].Name != "Phòng Tư pháp" || a[1].Role != tiendo.Support {
		t.Errorf("task 2 = %+v", r.Tasks[1])
	}
	if r.Period != nil {
		t.Errorf("period %+v: a meeting's month is not the round's period", r.Period)
	}
}

// wantOneTarget checks that text holds one target, want but for its Text.
func wantOneTarget(t *testing.T, text string, want Target) {
	t.Helper()
	got := targets(text)
	if len(got) != 1 {
		t.Errorf("targets(%q) = %+v, want one", text, got)
		return
	}
	g := got[0]
	g.Text = ""
	if g != want {
		t.Errorf("targets(%q) = %+v, want %+v", text, g, want)
	}
}
