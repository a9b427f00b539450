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
		// "bố trí" ends the units before it; it starts no unit itself.
		{"Ban Chỉ huy Quân sự huyện, Công an huyện bố trí lực lượng, phương tiện tại các khu vực trọng điểm", "Ban Chỉ huy Quân sự huyện|Công an huyện", "", ""},
		{"Phòng Tài chính - Kế hoạch tham mưu bố trí vốn cho Trung tâm Y tế huyện", "Phòng Tài chính - Kế hoạch", "", ""},
		{"Bố trí đủ kinh phí cho Trung tâm Y tế huyện thực hiện tiêm chủng", "", "", ""},
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
		// An acronym in brackets is inside the subject; a numbered
		// bracket, a bracket of words or a letter's ")" ends the clause.
		{"Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,5% trở lên",
			[]string{"Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,5% trở lên"}},
		{"(1) Tỷ lệ hộ nghèo giảm 1,5%",
			[]string{"Tỷ lệ hộ nghèo giảm 1,5%"}},
		{"xã Tân Thành (đạt 80%) xã Tân Lập đạt 60%",
			[]string{"đạt 80%", "xã Tân Lập đạt 60%"}},
		{"thu ngân sách (theo dự toán) đạt 120 tỷ đồng",
			[]string{"đạt 120 tỷ đồng"}},
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

// TestDecisionWithAttachedList: a Quyết định's articles are its parts, and
// its tasks are in the list issued with it ("DANH MỤC ..." over "(Ban hành
// kèm theo Quyết định ...)"), not in the clauses of "Điều 2. Tổ chức thực
// hiện".
func TestDecisionWithAttachedList(t *testing.T) {
	text := "QUYẾT ĐỊNH\nBan hành Danh mục nhiệm vụ trọng tâm năm 2026\n\nQUYẾT ĐỊNH:\n\n" +
		"Điều 1. Ban hành kèm theo Quyết định này Danh mục nhiệm vụ trọng tâm năm 2026.\n\n" +
		"Điều 2. Tổ chức thực hiện\n1. Các cơ quan, đơn vị xây dựng kế hoạch chi tiết.\n2. Các cơ quan, đơn vị gửi báo cáo chậm nhất ngày 10/12/2026.\n\n" +
		"Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Hùng\n\n" +
		"DANH MỤC\nNHIỆM VỤ TRỌNG TÂM NĂM 2026\n(Ban hành kèm theo Quyết định số 35/QĐ-UBND ngày 16/01/2026)\n\n" +
		"STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\n1\tLĩnh vực kinh tế\n" +
		"1.1\tTổng giá trị sản xuất tăng 9,5% so với năm 2025\tPhòng Kinh tế\tCông an xã\n" +
		"2.1\tCó thêm ít nhất 01 trường đạt chuẩn quốc gia mức độ 2\tPhòng Văn hóa - Xã hội\tTrường THCS Thiệu Toán\n"
	r := Parse(text, nil)
	var got []string
	for _, task := range r.Tasks {
		var as []string
		for _, a := range task.Assignees {
			as = append(as, a.Name+":"+string(a.Role))
		}
		got = append(got, task.Label+"="+strings.Join(as, ","))
	}
	want := "1.1=Phòng Kinh tế:lead,Công an xã:support|2.1=Phòng Văn hóa - Xã hội:lead,Trường THCS Thiệu Toán:support"
	if strings.Join(got, "|") != want {
		t.Errorf("tasks:\n got  %s\n want %s", strings.Join(got, "|"), want)
	}
	if r.Signer.Name != "Lê Văn Hùng" {
		t.Errorf("signer = %+v: the list after it is not part of the signature", r.Signer)
	}
	// "mức độ 2" grades the school; it is no target and does not cut the
	// text of the one before it.
	if len(r.Tasks) == 2 && (len(r.Tasks[1].Targets) != 1 || !strings.HasSuffix(r.Tasks[1].Targets[0].Text, "mức độ 2")) {
		t.Errorf("task 2.1 targets = %+v", r.Tasks[1].Targets)
	}
}

// TestFiguresPerUnit: a table that gives each unit its own figures, the
// unit of measure in the column header, makes one task per unit with those
// figures as its targets.
func TestFiguresPerUnit(t *testing.T) {
	text := "Kính gửi: UBND các huyện.\n\nSở giao chỉ tiêu năm 2025 cho các địa phương như sau:\n\n" +
		"| STT | Đơn vị | Số hộ nghèo giảm (hộ) | Tỷ lệ che phủ rừng (%) |\n|---|---|---|---|\n" +
		"| 1 | Huyện Kỳ Anh | 150 | 52,5 |\n| 2 | Thị xã Hồng Lĩnh | 40 hộ | 30% |\n\n" +
		"Các huyện gửi báo cáo chậm nhất ngày 5-12-2025.\n"
	r := Parse(text, nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v, want 2", r.Tasks)
	}
	t1 := r.Tasks[0]
	if len(t1.Assignees) != 1 || t1.Assignees[0].Name != "Huyện Kỳ Anh" || t1.Text != "Số hộ nghèo giảm 150 hộ; Tỷ lệ che phủ rừng 52,5%" {
		t.Errorf("task 1 = %+v", t1)
	}
	want := []Target{
		{Comparator: "=", Value: 150, Unit: "hộ", Direction: "decrease"},
		{Comparator: "=", Value: 52.5, Unit: "%"},
	}
	for k, task := range r.Tasks {
		if len(task.Targets) != 2 {
			t.Errorf("task %d targets = %+v", k+1, task.Targets)
			continue
		}
		for i, g := range task.Targets {
			g.Text = ""
			if k == 0 && g != want[i] {
				t.Errorf("task 1 target %d = %+v, want %+v", i+1, g, want[i])
			}
		}
	}
	if r.Deadline == nil || r.Deadline.Date != "2025-12-05" {
		t.Errorf("deadline = %+v, want 2025-12-05 (written 5-12-2025)", r.Deadline)
	}
}

// reportForm is a dispatch asking for a report whose appendix is the form
// to fill in: TITLE and TABLE are replaced.
const reportForm = `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 45/UBND-TCKH
V/v báo cáo kết quả thực hiện các chỉ tiêu chủ yếu quý I năm 2026
Kính gửi:
- Phòng Tài chính - Kế hoạch;
- Phòng Kinh tế.

1. Phòng Tài chính - Kế hoạch báo cáo kết quả thu ngân sách quý I năm 2026.
2. Phòng Kinh tế báo cáo kết quả sản xuất nông nghiệp quý I năm 2026.

Các đơn vị báo cáo theo Phụ lục kèm theo, gửi về UBND huyện trước ngày 05/4/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A

PHỤ LỤC
TITLE
(Kèm theo Công văn số 45/UBND-TCKH ngày 20/3/2026 của UBND huyện)

TABLE
`

// TestFormAppendixIsNoTasks: an appendix that is a form to fill in (by its
// title, or by a table whose result column is left empty and that names no
// unit to act) sets no tasks; a list of tasks with a column for results
// still does.
func TestFormAppendixIsNoTasks(t *testing.T) {
	form := "| STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2026 | Thực hiện quý I | Tỷ lệ so với kế hoạch (%) |\n|---|---|---|---|---|---|\n" +
		"| 1 | Tổng thu ngân sách trên địa bàn | tỷ đồng | 250 | | |\n| 2 | Giá trị sản xuất nông nghiệp | tỷ đồng | 1.200 | | |\n| 3 | Tỷ lệ hộ nghèo | % | 2,5 | | |"
	tasks := "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời hạn | Kết quả thực hiện |\n|---|---|---|---|---|\n" +
		"| 1 | Rà soát hộ nghèo, cận nghèo | Phòng Lao động - Thương binh và Xã hội | 30/6/2026 | |\n| 2 | Kiểm tra an toàn thực phẩm | Phòng Y tế | 30/9/2026 | |"
	tests := []struct {
		title, table string
		tasks        int
	}{
		{"BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU QUÝ I NĂM 2026", form, 2},
		{"MẪU SỐ LIỆU CÁC CHỈ TIÊU QUÝ I NĂM 2026", form, 2},
		{"CÁC CHỈ TIÊU CHỦ YẾU QUÝ I NĂM 2026", form, 2},
		{"DANH MỤC NHIỆM VỤ GIAO CÁC ĐƠN VỊ NĂM 2026", tasks, 4},
	}
	for _, tt := range tests {
		r := Parse(strings.NewReplacer("TITLE", tt.title, "TABLE", tt.table).Replace(reportForm), nil)
		if len(r.Tasks) != tt.tasks {
			t.Errorf("%s: %d tasks, want %d: %+v", tt.title, len(r.Tasks), tt.tasks, r.Tasks)
		}
		if tt.tasks == 2 && len(r.Warnings) != 0 {
			t.Errorf("%s: warnings %+v", tt.title, r.Warnings)
		}
	}
}

// TestSupportColumnWithNote: "Đơn vị phối hợp (nếu có)" is the support
// column, not a figure of "nếu có" units.
func TestSupportColumnWithNote(t *testing.T) {
	text := "Kính gửi: Các phòng, ban.\n\nUBND huyện giao nhiệm vụ như sau:\n\n" +
		"| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp (nếu có) | Thời hạn |\n|---|---|---|---|---|\n" +
		"| 1 | Rà soát hồ sơ đất đai | Phòng Tài nguyên và Môi trường | Phòng Tư pháp | 30/6/2026 |\n" +
		"| 2 | Kiểm tra an toàn thực phẩm | Phòng Y tế | Công an huyện | 30/9/2026 |\n\n" +
		"Các đơn vị gửi báo cáo chậm nhất ngày 5-12-2026.\n"
	r := Parse(text, nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v, want 2", r.Tasks)
	}
	for i, want := range [][2]string{{"Phòng Tài nguyên và Môi trường", "Phòng Tư pháp"}, {"Phòng Y tế", "Công an huyện"}} {
		task := r.Tasks[i]
		roles := map[string]tiendo.AssigneeRole{}
		for _, a := range task.Assignees {
			roles[a.Name] = a.Role
		}
		if len(task.Assignees) != 2 || roles[want[0]] != tiendo.Lead || roles[want[1]] != tiendo.Support {
			t.Errorf("task %d assignees = %+v, want lead %s, support %s", i+1, task.Assignees, want[0], want[1])
		}
		if len(task.Targets) != 0 || strings.Contains(task.Text, "nếu có") {
			t.Errorf("task %d = %q, targets %+v: the support column read as a figure", i+1, task.Text, task.Targets)
		}
	}
}

func TestFigureHead(t *testing.T) {
	tests := []struct{ head, unit string }{
		{"Số hộ nghèo giảm (hộ)", "hộ"},
		{"Tỷ lệ (%)", "%"},
		{"Tổng thu (tỷ đồng)", "tỷ đồng"},
		{"Ghi chú (ghi rõ lý do chưa đạt, nếu có)", ""},
		{"Kế hoạch năm 2025", ""},
		{"Chỉ tiêu (năm 2025)", ""},
		{"Đơn vị phối hợp (nếu có)", ""},
		{"Kết quả (ghi rõ)", ""},
		{"Số vốn giải ngân (dự kiến)", ""},
		{"Nhân lực bổ sung (nếu cần)", ""},
		{"Số cơ sở được kiểm tra (cơ sở)", "cơ sở"},
	}
	for _, tt := range tests {
		if got := figureHead(tt.head); got != tt.unit {
			t.Errorf("figureHead(%q) = %q, want %q", tt.head, got, tt.unit)
		}
	}
}

// TestPageMarks: the page numbers of a printed or scanned directive are
// dropped and the sentence they cut goes on; a column of numbers is kept.
func TestPageMarks(t *testing.T) {
	texts := func(ls []line) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.text)
		}
		return strings.Join(out, "/")
	}
	tests := []struct{ in, want string }{
		{"cấp giấy\n2\nchứng nhận cho ít nhất 350 hồ sơ.", "cấp giấy/chứng nhận cho ít nhất 350 hồ sơ."},
		{"cấp giấy\n\f\n2\n\nchứng nhận.", "cấp giấy/chứng nhận."},
		{"đạt 90%.\n- 2 -\nNơi nhận:\n- 3 -\nLưu: VT.", "đạt 90%./Nơi nhận:/Lưu: VT."},
		{"Trang 2/3\nBáo cáo.", "Báo cáo."},
		// Not the next page's number, or no page break around it.
		{"đạt\n5\nxã.", "đạt/5/xã."},
		{"STT\n1\nTổng thu\n2\nTỷ lệ hộ nghèo", "STT/1/Tổng thu/2/Tỷ lệ hộ nghèo"},
	}
	for _, tt := range tests {
		if got := texts(splitLines(tt.in)); got != tt.want {
			t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestJoinSplitSyllables: OCR's spaces after an initial consonant are
// closed; capitals, units and list labels are left alone.
func TestJoinSplitSyllables(t *testing.T) {
	tests := []struct{ in, want string }{
		{"báo cáo kết quả th ực hiện", "báo cáo kết quả thực hiện"},
		{"xây dựng nông th ôn mới", "xây dựng nông thôn mới"},
		{"4. Ph òng Giáo dục", "4. Phòng Giáo dục"},
		{"UBND TP ủy quyền", "UBND TP ủy quyền"},
		{"khu B ở phía bắc", "khu B ở phía bắc"},
		{"rộng 5 m ở đoạn đầu", "rộng 5 m ở đoạn đầu"},
		{"điểm b khoản 2", "điểm b khoản 2"},
		// Letters that are words of their own: labels, units after a
		// number or a range, a capital inside, a word that stands alone.
		{"tại điểm b ở trên", "tại điểm b ở trên"},
		{"tiết d ở mục II", "tiết d ở mục II"},
		{"tiểu mục a ổn định", "tiểu mục a ổn định"},
		{"điểm c ô số 3", "điểm c ô số 3"},
		{"độ pH ổn định", "độ pH ổn định"},
		{"rộng 3-5 m ở khu vực", "rộng 3-5 m ở khu vực"},
		{"25 triệu đ ủng hộ", "25 triệu đ ủng hộ"},
		{"ký hiệu x ít nhất", "ký hiệu x ít nhất"},
		// A one-letter onset elsewhere is split.
		{"đ ồng chí", "đồng chí"},
	}
	for _, tt := range tests {
		if got := joinSplitSyllables(tt.in); got != tt.want {
			t.Errorf("joinSplitSyllables(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSplitSyllablesOnlyInOCRText: syllables are rejoined only in a text
// that shows OCR's splits elsewhere, two onsets of two or three letters cut
// from their vowels; a clean text is read as written.
func TestSplitSyllablesOnlyInOCRText(t *testing.T) {
	texts := func(ls []line) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.text)
		}
		return strings.Join(out, "/")
	}
	tests := []struct{ in, want string }{
		{"Căn cứ điểm b ở trên, số tiền 25 triệu đ ủng hộ.", "Căn cứ điểm b ở trên, số tiền 25 triệu đ ủng hộ."},
		{"Ghi vào tiết d ở mục II; đ ồng bộ dữ liệu.", "Ghi vào tiết d ở mục II; đ ồng bộ dữ liệu."},
		{"kết quả th ực hiện\nnông th ôn mới; đ ồng bộ", "kết quả thực hiện/nông thôn mới; đồng bộ"},
		// One split is not enough to tell OCR from a letter.
		{"kết quả th ực hiện; điểm c ô số 3", "kết quả th ực hiện; điểm c ô số 3"},
	}
	for _, tt := range tests {
		if got := texts(splitLines(tt.in)); got != tt.want {
			t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBareComparisons: a comparison with an earlier period that gives no
// number asks for a change of at least (or more than) nothing.
func TestBareComparisons(t *testing.T) {
	tests := []struct {
		text string
		want Target // Text ignored
	}{
		{"thu ngân sách bằng hoặc cao hơn cùng kỳ năm 2025", Target{Comparator: ">=", Unit: "%", Direction: "increase", RelativeTo: "same-period"}},
		{"số vụ tai nạn giao thông giảm so với cùng kỳ", Target{Comparator: ">", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"số vụ cháy không tăng so với năm trước", Target{Comparator: ">=", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"thu nội địa không thấp hơn dự toán", Target{Comparator: ">=", Unit: "%", Direction: "increase", RelativeTo: "estimate"}},
		{"tổng thu không thấp hơn năm 2025", Target{Comparator: ">=", Unit: "%", Direction: "increase"}},
	}
	for _, tt := range tests {
		wantOneTarget(t, tt.text, tt.want)
	}
	// A comparison with a number is read as before, once.
	wantOneTarget(t, "doanh thu giảm 5% so với cùng kỳ", Target{Comparator: "=", Value: 5, Unit: "%", Direction: "decrease", RelativeTo: "same-period"})
	// A level and a comparison in one sentence are two targets.
	got := targets("Thu ngân sách đạt 18,5 tỷ đồng, bằng hoặc cao hơn năm 2025")
	if len(got) != 2 || got[0].Value != 18.5 || got[1].Comparator != ">=" || got[1].Text != "bằng hoặc cao hơn năm 2025" {
		t.Errorf("level and comparison = %+v", got)
	}
}

// TestNegatedBareComparisons: a comparison under "không để", "không được",
// "tránh", "hạn chế"... asks that the measure not move that way; one whose
// negator may govern another clause gives no target.
func TestNegatedBareComparisons(t *testing.T) {
	notUp := Target{Comparator: ">=", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}
	notDown := Target{Comparator: ">=", Unit: "%", Direction: "increase", RelativeTo: "plan"}
	tests := []struct {
		text string
		want Target // Text ignored
	}{
		{"Không để số vụ tai nạn giao thông tăng so với cùng kỳ.", notUp},
		{"không để xảy ra tình trạng nợ đọng tăng so với năm trước", notUp},
		{"tránh để số hộ tái nghèo cao hơn cùng kỳ", notUp},
		{"hạn chế số vụ cháy tăng so với cùng kỳ", notUp},
		{"kiềm chế tai nạn giao thông tăng so với cùng kỳ", notUp},
		{"tỷ lệ giải ngân không được thấp hơn kế hoạch", notDown},
		// A limiter goes along with a fall.
		{"kiềm chế và giảm so với cùng kỳ số vụ tai nạn", Target{Comparator: ">", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"kiềm chế tai nạn giao thông không tăng so với cùng kỳ", notUp},
		// "cạnh tranh" is no "tránh".
		{"chỉ số năng lực cạnh tranh cao hơn năm trước", Target{Comparator: ">", Unit: "%", Direction: "increase", RelativeTo: "same-period"}},
	}
	for _, tt := range tests {
		wantOneTarget(t, tt.text, tt.want)
	}
	// A negator governs its own clause only: one in an earlier clause
	// neither turns nor drops the comparison.
	for _, tt := range []struct {
		text string
		want Target
	}{
		{"Tránh để tái nghèo, tỷ lệ hộ nghèo giảm so với cùng kỳ", Target{Comparator: ">", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"Không để nợ đọng xây dựng cơ bản, giải ngân vốn đầu tư công cao hơn cùng kỳ", Target{Comparator: ">", Unit: "%", Direction: "increase", RelativeTo: "same-period"}},
		{"ngăn chặn dịch bệnh lây lan, tổng đàn gia súc tăng so với cùng kỳ", Target{Comparator: ">", Unit: "%", Direction: "increase", RelativeTo: "same-period"}},
		{"kiềm chế, giảm so với cùng kỳ số vụ tai nạn", Target{Comparator: ">", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
	} {
		wantOneTarget(t, tt.text, tt.want)
	}
	// Unless the comparison would ask a harm to grow: the earlier negator
	// may govern it ("không để X, Y tăng") or not ("số vụ bị phát hiện
	// tăng" asks detections to grow), so there is no target rather than
	// one pointing the wrong way.
	for _, text := range []string{
		"không để xảy ra cháy nổ lớn, số vụ tai nạn tăng so với cùng kỳ",
		"Không để số vụ tai nạn giao thông, số người chết tăng so với cùng kỳ",
		"Ngăn chặn tội phạm ma túy, số vụ ma túy bị phát hiện tăng so với cùng kỳ",
		"không để tổng thu bằng hoặc cao hơn năm 2025",
		"không để tổng thu bằng hoặc cao hơn năm 2025",
		"không để xảy ra cháy nổ, số vụ tai nạn bằng hoặc cao hơn năm 2025",
	} {
		if got := targets(text); len(got) != 0 {
			t.Errorf("targets(%q) = %+v, want none", text, got)
		}
	}
}

// TestReportConditionsAreNoTargets: a comparison that says which
// indicators to explain ("các chỉ tiêu đạt thấp hơn kế hoạch") is part of a
// report instruction, not a target.
func TestReportConditionsAreNoTargets(t *testing.T) {
	for _, text := range []string{
		"Phân tích rõ nguyên nhân đối với các chỉ tiêu đạt thấp hơn kế hoạch",
		"Chỉ tiêu nào đạt thấp hơn cùng kỳ phải nêu rõ nguyên nhân",
		"đánh giá các nhiệm vụ chậm hơn, thấp hơn kế hoạch",
		"b) Làm rõ kết quả thấp hơn cùng kỳ",
		"Đối với chỉ tiêu đạt thấp hơn kế hoạch, giải trình cụ thể",
		"Chỉ tiêu đạt thấp hơn kế hoạch phải giải trình rõ",
		"Làm rõ nguyên nhân, nhất là chỉ tiêu thu ngân sách thấp hơn cùng kỳ",
		"Báo cáo cụ thể các chỉ tiêu thấp hơn cùng kỳ",
		"Đánh giá kết quả thu ngân sách thấp hơn dự toán",
	} {
		if got := targets(text); len(got) != 0 {
			t.Errorf("targets(%q) = %+v, want none", text, got)
		}
	}
	// A named indicator is a target.
	wantOneTarget(t, "chỉ tiêu thu ngân sách cao hơn cùng kỳ", Target{Comparator: ">", Unit: "%", Direction: "increase", RelativeTo: "same-period"})
	// An indicator reached, reasons in another clause, a reporting verb
	// that is part of a noun: each leaves a target.
	up := Target{Comparator: ">", Unit: "%", Direction: "increase", RelativeTo: "same-period"}
	down := Target{Comparator: ">", Unit: "%", Direction: "decrease", RelativeTo: "same-period"}
	for _, tt := range []struct {
		text string
		want Target
	}{
		{"Thu ngân sách nhà nước trên địa bàn đạt chỉ tiêu được giao, cao hơn cùng kỳ năm trước", up},
		{"Hoàn thành chỉ tiêu giao, tăng so với cùng kỳ", up},
		{"Hoàn thành các chỉ tiêu được giao, tăng so với cùng kỳ", up},
		{"Số vụ tai nạn giao thông giảm so với cùng kỳ, khắc phục nguyên nhân gây tai nạn", down},
		{"Tổng thu ngân sách xã cao hơn cùng kỳ, bảo đảm minh bạch, giải trình", up},
		{"Báo cáo viên pháp luật tăng so với cùng kỳ", up},
		{"Đánh giá xếp loại chất lượng tổ chức cơ sở đảng cao hơn năm trước", up},
	} {
		wantOneTarget(t, tt.text, tt.want)
	}
}

// TestPriorYearIsSamePeriod: in a yearly round "so với năm 2025" compares
// with the same period of the year before; in a quarter's it does not, and
// an older year is a baseline.
func TestPriorYearIsSamePeriod(t *testing.T) {
	rel := func(subject, task string) string {
		r := Parse("V/v báo cáo kết quả "+subject+"\n\nKính gửi: Phòng Kinh tế.\n\n1. Phòng Kinh tế: "+task+".\n", nil)
		if len(r.Tasks) != 1 || len(r.Tasks[0].Targets) != 1 {
			t.Fatalf("%s / %s: tasks %+v", subject, task, r.Tasks)
		}
		return r.Tasks[0].Targets[0].RelativeTo
	}
	tests := []struct{ subject, task, want string }{
		{"năm 2026", "giá trị sản xuất tăng 9,5% so với năm 2025", "same-period"},
		{"năm 2026", "tổng thu bằng hoặc cao hơn năm 2025", "same-period"},
		{"năm 2026", "tỷ lệ che phủ rừng tăng 2% so với năm 2020", ""},
		{"quý I năm 2026", "tỷ lệ hộ nghèo giảm 0,5% so với năm 2025", ""},
		// A clause set in a later year compares that year with 2025.
		{"năm 2026", "phấn đấu đến năm 2030, thu nhập bình quân đầu người tăng 50% so với năm 2025", ""},
		{"năm 2026", "giai đoạn 2026-2030, giá trị sản xuất tăng 20% so với năm 2025", ""},
		{"năm 2026", "giá trị sản xuất năm 2026 tăng 9,5% so với năm 2025", "same-period"},
		{"năm 2026", "theo Kế hoạch ngày 10 tháng 01 năm 2024, giá trị sản xuất tăng 9,5% so với năm 2025", "same-period"},
	}
	for _, tt := range tests {
		if got := rel(tt.subject, tt.task); got != tt.want {
			t.Errorf("%s / %s: relative_to %q, want %q", tt.subject, tt.task, got, tt.want)
		}
	}
}

// TestRelativeDeadline: a deadline counted from receipt gives no date; it
// is warned about as such, not as a missing deadline.
func TestRelativeDeadline(t *testing.T) {
	r := Parse("Kính gửi: Phòng Nội vụ.\n\nĐề nghị Phòng Nội vụ báo cáo kết quả rà soát, gửi về UBND huyện trong vòng 05 ngày làm việc kể từ ngày nhận được văn bản này.\n", nil)
	codes := map[string]string{}
	for _, w := range r.Warnings {
		codes[w.Code] = w.Message
	}
	if r.Deadline != nil || !strings.Contains(codes[WarnRelativeDeadline], "05 ngày làm việc") || codes[WarnNoDeadline] != "" {
		t.Errorf("deadline %+v, warnings %+v", r.Deadline, r.Warnings)
	}
	// With a date for the report, a relative one for something else is
	// no concern of the round's.
	r = Parse("Kính gửi: Phòng Nội vụ.\n\n1. Phòng Nội vụ báo cáo kết quả.\n\nGửi kế hoạch trong vòng 05 ngày làm việc kể từ ngày nhận được văn bản này; gửi báo cáo chậm nhất ngày 5-12-2026.\n", nil)
	for _, w := range r.Warnings {
		if w.Code == WarnRelativeDeadline {
			t.Errorf("unexpected %+v", w)
		}
	}
	if r.Deadline == nil || *r.Deadline != (Deadline{Date: "2026-12-05", Relation: "by"}) {
		t.Errorf("deadline = %+v", r.Deadline)
	}
}

// TestNestedBullets: under an item that only names a unit, each "-" line
// is a task of that unit, its "+" lines sub-points in its text, and "-
// Phối hợp với X ..." makes X a supporting unit of that line's task rather
// than a task of "Phối hợp".
func TestNestedBullets(t *testing.T) {
	text := "Kính gửi: Phòng Kinh tế; Công an xã.\n\n" +
		"1. Phòng Kinh tế:\n- Báo cáo tình hình kinh tế, trong đó:\n+ Tổng giá trị sản xuất tăng 8% so với cùng kỳ;\n+ Cấp mới ít nhất 45 giấy phép xây dựng.\n" +
		"- Phối hợp với Công an xã báo cáo kết quả xử lý vi phạm trật tự đô thị.\n\nBáo cáo gửi về UBND xã trước ngày 05/3/2026.\n"
	r := Parse(text, nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v, want 2", r.Tasks)
	}
	first, second := r.Tasks[0], r.Tasks[1]
	if !strings.Contains(first.Text, "trong đó: + Tổng giá trị") || strings.Contains(first.Text, "Phối hợp") {
		t.Errorf("text = %q", first.Text)
	}
	if len(first.Assignees) != 1 || first.Assignees[0] != (Assignee{Name: "Phòng Kinh tế", Role: tiendo.Lead}) {
		t.Errorf("assignees = %+v", first.Assignees)
	}
	if len(first.Targets) != 2 || first.Targets[1].Unit != "giấy phép" {
		t.Errorf("targets = %+v", first.Targets)
	}
	want := []Assignee{{Name: "Phòng Kinh tế", Role: tiendo.Lead}, {Name: "Công an xã", Role: tiendo.Support}}
	if len(second.Assignees) != 2 || second.Assignees[0] != want[0] || second.Assignees[1] != want[1] {
		t.Errorf("assignees = %+v, want %+v", second.Assignees, want)
	}
	for _, task := range r.Tasks {
		if task.Label != "" {
			t.Errorf("label = %q, want none: the bullets have none", task.Label)
		}
	}
}
