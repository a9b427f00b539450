package directive

import (
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// TestMeasureUnitsAfterNumbers: the word after a figure is its unit only
// when it can measure; a verb goes on with the clause, a noun of two
// syllables is whole, a rate keeps its "/", a year is never a target.
func TestMeasureUnitsAfterNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // "cmp value unit"
	}{
		{"Xây dựng kế hoạch tuyển sinh lớp 10 bảo đảm sĩ số không quá 45 học sinh/lớp", []string{"<= 45 học sinh/lớp"}},
		{"tổ chức điều tra thử tại ít nhất 03 địa phương", []string{">= 3 địa phương"}},
		{"phổ biến đến 12 địa bàn trọng điểm", []string{"= 12 địa bàn"}},
		{"lập danh sách tặng quà Tết Nguyên đán Đinh Mùi 2027 bảo đảm 100% hộ nghèo được nhận quà", []string{"= 100 %"}},
		{"kết thúc trước Tết 2027 hoàn thành 100% kế hoạch", []string{"= 100 %"}},
		{"bảo đảm 100% người cao tuổi từ 80 tuổi trở lên được hưởng trợ cấp", []string{"= 100 %"}},
		{"rà soát số trẻ từ 3 đến dưới 6 tuổi; huy động trẻ ra lớp đạt trên 95%", []string{"> 95 %"}},
		{"bảo đảm trong Quý 3 có thêm ít nhất 12 sản phẩm OCOP đạt 3 sao trở lên", []string{">= 12 sản phẩm"}},
		{"tỷ lệ phiếu có sai sót phải xác minh lại dưới 2%", []string{"< 2 %"}},
		// Conditions stay conditions.
		{"hỗ trợ học sinh tại các xã có tỷ lệ hộ nghèo trên 10%", nil},
		{"Đối với doanh nghiệp sử dụng từ 50 lao động trở lên, yêu cầu bố trí người làm công tác an toàn", nil},
		// The head noun is the unit as the clerk writes it.
		{"có thêm 10 trường học đạt chuẩn quốc gia", []string{"= 10 trường"}},
		// A duration under a bound is a goal; a time of day or a term is not.
		{"thời gian giải quyết hồ sơ đất đai không quá 10 ngày làm việc", []string{"<= 10 ngày làm việc"}},
		{"thời gian phản hồi sự cố mạng dưới 30 phút", []string{"< 30 phút"}},
		{"xử lý ổ dịch tối đa 72 giờ kể từ khi phát hiện", []string{"<= 72 giờ"}},
		{"gửi báo cáo trước 16 giờ ngày 05/12/2025", nil},
		{"báo cáo trong 05 ngày làm việc; hoàn thành trong 03 tháng", nil},
		{"trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế", nil},
		{"xử lý dứt điểm ít nhất 06 vị trí điểm đen giao thông", []string{">= 6 vị trí"}},
		// "dứt điểm" is no "điểm a"; "tăng huyết áp" is a disease.
		{"xử lý dứt điểm 100% công trình vi phạm", []string{"= 100 %"}},
		{"quản lý, điều trị bệnh tăng huyết áp cho ít nhất 850 người", []string{">= 850 người"}},
		{"theo điểm 3 khoản 2 Điều 5 của Nghị định", nil},
		// Each of a short list is to have it: a goal; a clause about some
		// of them, after other work, is a condition still.
		{"phấn đấu mỗi xã, phường, thị trấn có ít nhất 02 câu lạc bộ", []string{">= 2 câu lạc bộ"}},
		{"rà soát từng xã, tham mưu điều chuyển vốn từ các dự án có tỷ lệ giải ngân dưới 40%", nil},
	}
	for _, tt := range tests {
		if got := targetStrings(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%s\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}

// TestUnitNameBoundaries: a name ends before "là", before a capitalised
// verb that starts a Word run-in heading's task, and "và" before a kind
// word starts another unit; group subjects that act are lead units.
func TestUnitNameBoundaries(t *testing.T) {
	tests := []struct {
		text          string
		lead, support []string
	}{
		{"Giao Cục Thống kê là đầu mối theo dõi, tổng hợp tình hình",
			[]string{"Cục Thống kê"}, nil},
		{"Văn phòng Bộ chủ trì, phối hợp với Cục Thống kê và Thời báo Tài chính Việt Nam xây dựng kế hoạch truyền thông",
			[]string{"Văn phòng Bộ"}, []string{"Cục Thống kê", "Thời báo Tài chính Việt Nam"}},
		{"Cục Thống kê chủ trì, phối hợp với Vụ Ngân sách nhà nước lập dự toán",
			[]string{"Cục Thống kê"}, []string{"Vụ Ngân sách nhà nước"}},
		{"Ủy ban nhân dân các xã, phường Chỉ đạo các trường rà soát số trẻ",
			[]string{"Ủy ban nhân dân các xã, phường"}, nil},
		{"Trung tâm Dịch vụ việc làm tỉnh Báo cáo kết quả giới thiệu việc làm",
			[]string{"Trung tâm Dịch vụ việc làm tỉnh"}, nil},
		{"Các trường trung học phổ thông trực thuộc Sở Rà soát toàn bộ phòng học",
			[]string{"Các trường trung học phổ thông trực thuộc Sở"}, nil},
		{"Các trường trung học phổ thông trực thuộc Sở rà soát toàn bộ phòng học",
			[]string{"Các trường trung học phổ thông trực thuộc Sở"}, nil},
		{"Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên các khu vực rà soát nhu cầu học nghề",
			[]string{"Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên các khu vực"}, nil},
		{"Các cấp ủy, tổ chức đảng quán triệt sâu sắc mục tiêu, nhiệm vụ năm 2026",
			[]string{"Các cấp ủy, tổ chức đảng"}, nil},
		// Names that hold a capitalised verb stay whole.
		{"Ban Chỉ đạo Tổng điều tra tỉnh chủ trì, phối hợp với Sở Xây dựng kiểm tra",
			[]string{"Ban Chỉ đạo Tổng điều tra tỉnh"}, []string{"Sở Xây dựng"}},
		{"Ban Quản lý dự án đầu tư xây dựng huyện chủ trì thi công",
			[]string{"Ban Quản lý dự án đầu tư xây dựng huyện"}, nil},
		{"Giao Phòng Văn hóa và Thông tin tổ chức Hội thi văn nghệ",
			[]string{"Phòng Văn hóa và Thông tin"}, nil},
		{"Sở Văn hóa, Thể thao và Du lịch hướng dẫn thực hiện tiêu chí văn hóa",
			[]string{"Sở Văn hóa, Thể thao và Du lịch"}, nil},
		// What a Ban Quản lý manages goes on after "và"; a newspaper is a
		// unit; a verb after "tư vấn" is part of a name.
		{"Ban Quản lý các khu kinh tế và các khu công nghiệp tỉnh báo cáo tình hình thu hút đầu tư",
			[]string{"Ban Quản lý các khu kinh tế và các khu công nghiệp tỉnh"}, nil},
		{"Giao Sở Tư pháp, Báo Quảng Ninh và Đài Phát thanh tỉnh tuyên truyền Luật",
			[]string{"Sở Tư pháp", "Báo Quảng Ninh", "Đài Phát thanh tỉnh"}, nil},
		{"Giao Sở Y tế chủ trì, phối hợp với Báo và Phát thanh, Truyền hình tỉnh tuyên truyền",
			[]string{"Sở Y tế"}, []string{"Báo và Phát thanh, Truyền hình tỉnh"}},
		{"Trung tâm Tư vấn phát triển nông nghiệp tỉnh báo cáo số lớp tập huấn",
			[]string{"Trung tâm Tư vấn phát triển nông nghiệp tỉnh"}, nil},
		{"Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính thẩm định dự án",
			[]string{"Sở Xây dựng"}, []string{"Sở Tài chính"}},
		// "lam" is "làm" only; "công trình xây dựng" is a noun.
		{"Trung tâm Văn hóa, Điện ảnh và Triển lãm tỉnh báo cáo số buổi chiếu phim",
			[]string{"Trung tâm Văn hóa, Điện ảnh và Triển lãm tỉnh"}, nil},
		{"Hạt Kiểm lâm huyện Lâm Hà phối hợp với Công an huyện tuần tra",
			[]string{"Hạt Kiểm lâm huyện Lâm Hà"}, []string{"Công an huyện"}},
		{"Phòng Quản lý chất lượng công trình xây dựng kiểm tra 12 công trình",
			[]string{"Phòng Quản lý chất lượng công trình xây dựng"}, nil},
		// The kinds a group lists after "các" are more of the group.
		{"Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy chủ trì tổ chức hội nghị",
			[]string{"Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy"}, nil},
		// A chỉ thị asks the head of the units.
		{"Yêu cầu Chủ tịch Ủy ban nhân dân các phường, xã chịu trách nhiệm nếu để xảy ra vi phạm",
			[]string{"Chủ tịch Ủy ban nhân dân các phường, xã"}, nil},
	}
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for _, tt := range tests {
		a := p.assignment(tt.text)
		if !slices.Equal(a.leads, tt.lead) || !slices.Equal(a.supports, tt.support) {
			t.Errorf("%s\n got  lead %q support %q\n want lead %q support %q", tt.text, a.leads, a.supports, tt.lead, tt.support)
		}
	}
}

// TestDeadlineForms: a part of the day and a weekday between the time and
// the date; "chiều" counts from noon; a relative deadline
// for sending the report outranks a task's own date.
func TestDeadlineForms(t *testing.T) {
	tests := []struct {
		text string
		want *Deadline
	}{
		{"Báo cáo gửi về UBND phường trước 10 giờ sáng thứ Hai, ngày 14/12/2026.", &Deadline{Date: "2026-12-14", Time: "10:00", Relation: "before"}},
		{"Gửi báo cáo trước 4 giờ chiều ngày 05/12/2025.", &Deadline{Date: "2025-12-05", Time: "16:00", Relation: "before"}},
		{"Gửi báo cáo chậm nhất 16 giờ 00, thứ Sáu, ngày 18/9/2026.", &Deadline{Date: "2026-09-18", Time: "16:00", Relation: "by"}},
		{"Gửi báo cáo trước ngày 07/6/2022.", &Deadline{Date: "2022-06-07", Relation: "before"}},
	}
	for _, tt := range tests {
		r := Parse(tt.text, nil)
		if r.Deadline == nil || *r.Deadline != *tt.want {
			t.Errorf("%s: deadline %+v, want %+v", tt.text, r.Deadline, tt.want)
		}
	}
	for _, text := range []string{
		// The closing sends the report within a time; a task has a date.
		"Kính gửi: Phòng A; Phòng B.\n\n1. Phòng A\nRà soát cơ sở vật chất.\n\n2. Phòng B\nChủ trì tổng hợp, tham mưu báo cáo UBND tỉnh trước ngày 30/4/2026.\n\n" +
			"Báo cáo gửi về Sở trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này.\n",
		// The same sentence run into the last task.
		"Kính gửi: Phòng A; Phòng B.\n\n1. Phòng A: tham mưu báo cáo UBND tỉnh trước ngày 30/4/2026.\n" +
			"2. Phòng B: thực hiện chế độ báo cáo. Báo cáo gửi về Sở trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này.\n",
	} {
		r := Parse(text, nil)
		relative := false
		for _, w := range r.Warnings {
			relative = relative || w.Code == WarnRelativeDeadline
		}
		if r.Deadline != nil || !relative {
			t.Errorf("%s\n deadline %+v, relative warned %v; want none and warned", text, r.Deadline, relative)
		}
	}
}

// TestPeriodForms: quarters written as "quý III/2026" or "Quý 3 năm 2026";
// a year still to come named by a letter's subject is what the work
// prepares, not a period, while a plan reports over its year.
func TestPeriodForms(t *testing.T) {
	tests := []struct {
		text string
		want *tiendo.Period
	}{
		{"UBND TỈNH A\nSố: 12/UBND-KT\nV/v báo cáo kết quả quý III/2026\nA, ngày 01 tháng 9 năm 2026\n", &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 3}},
		{"UBND TỈNH A\nSố: 12/UBND-KT\nV/v báo cáo kết quả Quý 3 năm 2026\nA, ngày 01 tháng 9 năm 2026\n", &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 3}},
		{"BỘ TÀI CHÍNH\nSố: 12/BTC-TK\nV/v chuẩn bị Tổng điều tra kinh tế năm 2026\nHà Nội, ngày 24 tháng 10 năm 2025\n\nĐề nghị gửi báo cáo tình hình chuẩn bị trước ngày 15/12/2025.\n", nil},
		{"UBND TỈNH A\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\nA, ngày 20 tháng 12 năm 2025\n", &tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026}},
	}
	for _, tt := range tests {
		r := Parse(tt.text, nil)
		if (r.Period == nil) != (tt.want == nil) || r.Period != nil && *r.Period != *tt.want {
			t.Errorf("%s\n period %+v, want %+v", strings.SplitN(tt.text, "\n", 4)[2], r.Period, tt.want)
		}
	}
}

// TestBasisListGoesOn: after "Thực hiện A; B ...", B is a basis too when
// the part after ";" opens with a document's kind.
func TestBasisListGoesOn(t *testing.T) {
	text := "UBND TỈNH A\nSố: 12/UBND-KT\nA, ngày 01 tháng 9 năm 2025\n\nKính gửi: Sở Y tế.\n\n" +
		"Thực hiện Nghị quyết số 01/NQ-CP ngày 08/01/2025 của Chính phủ; Quyết định số 1128/QĐ-BYT ngày 04/4/2025 của Bộ Y tế; để có cơ sở tổng hợp, UBND tỉnh đề nghị:\n\n" +
		"1. Sở Y tế báo cáo kết quả tiêm chủng.\n"
	r := Parse(text, nil)
	var refs []string
	for _, b := range r.Basis {
		refs = append(refs, b.Ref+" "+b.Date)
	}
	want := []string{"01/NQ-CP 2025-01-08", "1128/QĐ-BYT 2025-04-04"}
	if !slices.Equal(refs, want) {
		t.Errorf("basis %q, want %q", refs, want)
	}
}

// TestDistributionLines: an item whose line ends with "," goes on on the
// next line even with a capital; a scanned signature scrawl in the other
// column is no part of an item.
func TestDistributionLines(t *testing.T) {
	text := "Báo cáo gửi trước ngày 05/12/2025./.\n\nNơi nhận:                          KT. CHỦ TỊCH\n- Như trên;                         PHÓ CHỦ TỊCH\n" +
		"- Viện A, các Viện Pasteur,\nViện B;\n- TT HĐND xã;                              ~/\n- Lưu: VT.                           Nguyễn Văn An\n"
	r := Parse(text, nil)
	want := []string{"Như trên", "Viện A, các Viện Pasteur, Viện B", "TT HĐND xã", "Lưu: VT"}
	if !slices.Equal(r.Distribution, want) {
		t.Errorf("distribution %q, want %q", r.Distribution, want)
	}
	if r.Signer.Name != "Nguyễn Văn An" || r.Signer.Title != "PHÓ CHỦ TỊCH" {
		t.Errorf("signer %+v", r.Signer)
	}
}
