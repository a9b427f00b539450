package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestUnitNameEnds: a unit's name is its kind word, its proper name and its
// level; the verb after the level starts the task, whether or not the
// parser knows it as a verb.
func TestUnitNameEnds(t *testing.T) {
	tests := []struct {
		text          string
		lead, support []string
	}{
		{"Giao Phòng Kinh tế chủ trì, phối hợp với Ủy ban nhân dân các xã, thị trấn nhân rộng mô hình trồng rau an toàn",
			[]string{"Phòng Kinh tế"}, []string{"Ủy ban nhân dân các xã, thị trấn"}},
		{"Sở Lao động chủ trì, phối hợp với Bảo hiểm xã hội tỉnh vận hành cổng thông tin, tỷ lệ tham gia đạt 40%",
			[]string{"Sở Lao động"}, []string{"Bảo hiểm xã hội tỉnh"}},
		{"Giao Công an huyện chủ trì, phối hợp với Ủy ban nhân dân xã Tân Lập, xã Hòa Bình giải tỏa hành lang giao thông",
			[]string{"Công an huyện"}, []string{"Ủy ban nhân dân xã Tân Lập", "Ủy ban nhân dân xã Hòa Bình"}}, // each xã's Ủy ban (round 33)
		{"Giao Sở Y tế chủ trì, phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh, các đoàn thể chính trị - xã hội tỉnh mở rộng điểm tiêm",
			[]string{"Sở Y tế"}, []string{"Trung tâm Kiểm soát bệnh tật tỉnh", "các đoàn thể chính trị - xã hội tỉnh"}},
		// Verbs the parser knows end a name that has no level.
		{"Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính, Hiệp hội Doanh nghiệp tỉnh đẩy nhanh tiến độ",
			[]string{"Sở Công Thương"}, []string{"Sở Tài chính", "Hiệp hội Doanh nghiệp tỉnh"}},
		// A verb just after the kind word is the unit's own name.
		{"Trung tâm phát triển quỹ đất chủ trì thực hiện bồi thường",
			[]string{"Trung tâm phát triển quỹ đất"}, nil},
		// Names that go on after the level.
		{"Ban Tuyên giáo Thành ủy chủ trì, phối hợp với các xã có liên quan tổ chức tuyên truyền",
			[]string{"Ban Tuyên giáo Thành ủy"}, []string{"các xã có liên quan"}},
		{"Tỉnh đoàn chủ trì, phối hợp với Ủy ban nhân dân các huyện, thị xã, thành phố ra quân tình nguyện",
			[]string{"Tỉnh đoàn"}, []string{"Ủy ban nhân dân các huyện, thị xã, thành phố"}},
	}
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for _, tt := range tests {
		a := p.assignment(tt.text)
		if !slices.Equal(a.leads, tt.lead) || !slices.Equal(a.supports, tt.support) {
			t.Errorf("%s\n got  lead %q support %q\n want lead %q support %q", tt.text, a.leads, a.supports, tt.lead, tt.support)
		}
	}
}

// TestPartyAndGroupNames: a Party body's units are units; "giáo" of "Tuyên
// giáo" and "giao ban" are not the verb "giao"; a group opened by "các" and
// a kind word is a unit of its own; the Front's member bodies are named.
func TestPartyAndGroupNames(t *testing.T) {
	tests := []struct {
		text          string
		lead, support []string
	}{
		{"Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy biên soạn tài liệu",
			[]string{"Ban Tuyên giáo Huyện ủy"}, []string{"Văn phòng Huyện ủy"}},
		{"Đảng đoàn Hội đồng nhân dân xã lãnh đạo tổ chức kỳ họp cuối năm",
			[]string{"Đảng đoàn Hội đồng nhân dân xã"}, nil},
		{"Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo thu ngân sách",
			[]string{"Ban cán sự đảng UBND tỉnh"}, nil},
		{"Ngày 05/3/2025, Thường trực Đảng ủy tổ chức hội nghị giao ban đánh giá kết quả quý I", nil, nil},
		{"Giao Ban Quản lý dự án đầu tư xây dựng huyện chủ trì giải phóng mặt bằng",
			[]string{"Ban Quản lý dự án đầu tư xây dựng huyện"}, nil},
		{"Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội xã tuyên truyền, vận động Nhân dân",
			[]string{"Ủy ban Mặt trận Tổ quốc Việt Nam xã", "các tổ chức chính trị - xã hội xã"}, nil},
		{"Bệnh viện Bạch Mai, các Bệnh viện Trung ương: hỗ trợ chuyên môn tuyến dưới",
			[]string{"Bệnh viện Bạch Mai", "các Bệnh viện Trung ương"}, nil},
		{"Giao Các sở, ban, ngành tỉnh và Ban Quản lý các khu công nghiệp tỉnh báo cáo tình hình thu hút đầu tư",
			[]string{"Các sở, ban, ngành tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"}, nil},
		// Everyone is no one in particular.
		{"Các cơ quan, đơn vị báo cáo kết quả", nil, nil},
	}
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for _, tt := range tests {
		a := p.assignment(tt.text)
		if !slices.Equal(a.leads, tt.lead) || !slices.Equal(a.supports, tt.support) {
			t.Errorf("%s\n got  lead %q support %q\n want lead %q support %q", tt.text, a.leads, a.supports, tt.lead, tt.support)
		}
	}
}

// TestConditionsAreNoTargets: a number in a clause of condition ("khi",
// "nếu", "X có ... dưới"), a temperature, an age and a result reported are
// not targets; a goal about a subject described by "có" still is.
func TestConditionsAreNoTargets(t *testing.T) {
	tests := []struct {
		text string
		want []string // "comparator value unit"
	}{
		{"Cho trẻ mầm non nghỉ học khi nhiệt độ ngoài trời xuống dưới 8°C", nil},
		{"Không chăn thả gia súc khi trời rét dưới 10 độ C; bảo đảm 100% chuồng trại được che chắn", []string{"= 100 %"}},
		{"Kiểm tra các công trình có tỷ lệ khối lượng hoàn thành dưới 50%, phấn đấu giải ngân trên 90% kế hoạch", []string{"> 90 %"}},
		{"Nếu tỷ lệ thu thấp hơn 70% thì báo cáo rõ nguyên nhân", nil},
		{"Tiêm vắc xin cho trẻ em dưới 2 tuổi, tỷ lệ tiêm đủ mũi đạt từ 95% trở lên", []string{">= 95 %"}},
		{"Tỷ lệ hộ gia đình có nhà tiêu hợp vệ sinh đạt trên 90%", []string{"> 90 %"}},
		{"Phấn đấu có thêm ít nhất 03 xã đạt chuẩn nông thôn mới", []string{">= 3 xã"}},
		{"Thu ngân sách ước đạt 215,4 tỷ đồng, bằng 91% dự toán, tăng 12% so với cùng kỳ", nil},
		{"Thu ngân sách ước đạt 215,4 tỷ đồng; phấn đấu cả năm thu vượt 5% dự toán", []string{"> 5 %"}},
		{"Tổ chức tối thiểu 02 hội nghị tập huấn và 04 hội thi", []string{">= 2 hội nghị", "= 4 hội thi"}},
		{"Kiểm tra ít nhất 06 tổ chức đảng", []string{">= 6 tổ chức đảng"}},
	}
	for _, tt := range tests {
		if got := targetStrings(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%s\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}

// TestCoveredUnits: a recipient that names the person heading a unit
// stands for the unit.
func TestCoveredUnits(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"Giám đốc Công an tỉnh", []string{"Công an tỉnh"}},
		{"Chủ tịch Ủy ban nhân dân các huyện, thành phố", []string{"Ủy ban nhân dân các huyện, thành phố"}},
		{"Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", []string{"Bộ Chỉ huy Quân sự tỉnh"}},
		{"Giám đốc các Sở: Tài chính, Xây dựng", []string{"Sở Tài chính", "Sở Tài chính, Xây dựng", "Sở Xây dựng"}},
		{"Sở Tài chính", nil},
		{"Trường Tiểu học Kim Đồng", nil},
	}
	for _, tt := range tests {
		if got := coveredUnits(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("coveredUnits(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

const testHeader = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH B Độc lập - Tự do - Hạnh phúc\nSố: 15/UBND-VP B, ngày 10 tháng 9 năm 2025\nV/v báo cáo kết quả thực hiện nhiệm vụ\n\n"

func notRecipients(r *Result) []string {
	var out []string
	for _, w := range r.Warnings {
		if w.Code == WarnNotRecipient {
			_, rest, _ := strings.Cut(w.Message, "\"")
			name, _, _ := strings.Cut(rest, "\"")
			out = append(out, name)
		}
	}
	return out
}

// TestRecipientTitles: "Giám đốc các Sở: A, B" and "Chủ tịch UBND các xã"
// as recipients cover Sở A, Sở B and each xã's UBND; only a lead unit that
// is not covered is warned about.
func TestRecipientTitles(t *testing.T) {
	text := testHeader + `Kính gửi:
- Giám đốc các Sở: Tài chính, Y tế, Văn hóa, Thể thao và Du lịch;
- Giám đốc Công an tỉnh;
- Chủ tịch Ủy ban nhân dân các xã.

Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Y tế chủ trì, phối hợp với Đài Phát thanh tỉnh tuyên truyền phòng dịch.
2. Sở Văn hóa, Thể thao và Du lịch tổ chức các hoạt động mừng Xuân.
3. Công an tỉnh bảo đảm an ninh trật tự.
4. Ủy ban nhân dân xã Phú Thọ rà soát hộ nghèo.
5. Sở Xây dựng kiểm tra an toàn công trình.

Các đơn vị gửi báo cáo về Văn phòng Ủy ban nhân dân tỉnh trước ngày 20/9/2025.
`
	r := Parse(text, nil)
	if got := notRecipients(r); !slices.Equal(got, []string{"Sở Xây dựng"}) {
		t.Errorf("not-recipient warnings for %q, want only Sở Xây dựng", got)
	}
}

// TestSignerTitleInDistribution: the signer's position that the other
// column put at the end of a "Nơi nhận" line.
func TestSignerTitleInDistribution(t *testing.T) {
	text := testHeader + "Kính gửi: Các sở, ban, ngành tỉnh.\n\n1. Sở Tài chính báo cáo tình hình thu ngân sách.\n\nĐề nghị các đơn vị gửi báo cáo trước ngày 20/9/2025./.\n\nNơi nhận: TL. CHỦ TỊCH\n- Như trên, CHÁNH VĂN PHÒNG\n- Lưu: VT.\n\nTrần Văn Bình\n"
	r := Parse(text, nil)
	if r.Signer.Title != "CHÁNH VĂN PHÒNG" || r.Signer.Name != "Trần Văn Bình" || !slices.Equal(r.Signer.Authority, []string{"TL. CHỦ TỊCH"}) {
		t.Errorf("signer = %+v", r.Signer)
	}
	if !slices.Equal(r.Distribution, []string{"Như trên", "Lưu: VT"}) {
		t.Errorf("distribution = %q", r.Distribution)
	}
}

// TestPeriodAskedFor: the period of the report asked for in the sentence
// that gives the deadline wins over the period the subject reviewed; a bare
// year there does not replace a finer one.
func TestPeriodAskedFor(t *testing.T) {
	meeting := "HUYỆN ỦY A\n*\nSố 12-TB/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nA, ngày 05 tháng 7 năm 2025\n\nTHÔNG BÁO\nKết luận hội nghị đánh giá kết quả 6 tháng đầu năm, nhiệm vụ quý III năm 2025\n\n1. Ban Tổ chức Huyện ủy hướng dẫn đại hội chi bộ.\n\n"
	letter := "SỞ TÀI CHÍNH\nSố: 9/STC-VP\nC, ngày 05 tháng 9 năm 2025\nV/v báo cáo kết quả thực hiện 9 tháng năm 2025\n\nKính gửi: Các sở, ban, ngành tỉnh.\n\n1. Sở Y tế báo cáo kết quả khám chữa bệnh.\n\n"
	tests := []struct{ head, closing, kind string }{
		{meeting, "Các cơ quan báo cáo kết quả thực hiện quý III năm 2025 về Văn phòng Huyện ủy trước ngày 10/9/2025.", "quarter"},
		{letter, "Báo cáo của các đơn vị năm 2025 gửi về Sở Tài chính trước ngày 25/9/2025.", "nine-month"},
	}
	for _, tt := range tests {
		r := Parse(tt.head+tt.closing+"\n", nil)
		if r.Period == nil || string(r.Period.Kind) != tt.kind {
			t.Errorf("%s: period = %+v, want %s", tt.closing, r.Period, tt.kind)
		}
	}
}

// TestDeadlineWrongYear: a deadline written with a slip of the year is
// still the deadline, warned about; a cut-off of the data in a sentence
// that does not send the report is not.
func TestDeadlineWrongYear(t *testing.T) {
	text := testHeader + "Kính gửi: Các sở, ban, ngành tỉnh.\n\n1. Các sở, ban, ngành tỉnh báo cáo tình hình giải ngân đến hết ngày 15/9/2025.\n\nBáo cáo gửi về Sở Tài chính trước ngày 25/9/2024 để tổng hợp.\n"
	r := Parse(text, nil)
	if r.Deadline == nil || r.Deadline.Date != "2024-09-25" {
		t.Fatalf("deadline = %+v, want 2024-09-25", r.Deadline)
	}
	found := false
	for _, w := range r.Warnings {
		found = found || w.Code == WarnDeadlineNotAfter
	}
	if !found {
		t.Errorf("no %s warning: %+v", WarnDeadlineNotAfter, r.Warnings)
	}
}

// TestGroupOfAddressees: "các phòng, ban, ngành" in a letter with a
// "Kính gửi" list are the units it was sent to.
func TestGroupOfAddressees(t *testing.T) {
	text := testHeader + "Kính gửi:\n- Sở Tài chính;\n- Sở Nội vụ.\n\nỦy ban nhân dân tỉnh đề nghị các sở, ban, ngành báo cáo các nội dung sau:\n1. Kết quả thu ngân sách, phấn đấu đạt 80% dự toán.\n2. Kết quả cải cách hành chính.\n\nBáo cáo gửi về Văn phòng trước ngày 20/9/2025./.\n"
	r := Parse(text, nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v", r.Tasks)
	}
	for _, task := range r.Tasks {
		var got []string
		for _, a := range task.Assignees {
			got = append(got, a.Name)
		}
		if !slices.Equal(got, []string{"Sở Tài chính", "Sở Nội vụ"}) {
			t.Errorf("task %s assignees = %q", task.Label, got)
		}
	}
}

// targetStrings is each target read in text as "comparator value unit".
func targetStrings(text string) []string {
	var out []string
	for _, g := range targets(text) {
		out = append(out, targetString(g))
	}
	return out
}

// targetString writes a target as "comparator value unit".
func targetString(g Target) string { return fmt.Sprintf("%s %v %s", g.Comparator, g.Value, g.Unit) }
