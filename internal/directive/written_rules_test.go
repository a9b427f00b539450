package directive

import (
	"slices"
	"strings"
	"testing"
)

// Rules about how administrative documents are written (Decree 30 form,
// Word/PDF paste, OCR), one small table each.

func TestHeaderRules(t *testing.T) {
	tests := []struct {
		name, text                              string
		issuer, subject, date, place, recipient string
	}{
		{
			name: "a long V/v line is the subject, not the body",
			text: "UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 8142/VP-KTTH\n" +
				"V/v truyền đạt ý kiến chỉ đạo của Chủ tịch UBND tỉnh về đẩy nhanh giải ngân vốn đầu tư công và thu ngân sách Quý IV/2026\n\n" +
				"Quảng Ngãi, ngày 08 tháng 12 năm 2026\n\nKính gửi:\n- Sở Tài chính;\n- Sở Xây dựng.\n\n1. Giao Sở Tài chính rà soát vốn.\n",
			issuer: "VĂN PHÒNG", subject: "truyền đạt ý kiến chỉ đạo của Chủ tịch UBND tỉnh về đẩy nhanh giải ngân vốn đầu tư công và thu ngân sách Quý IV/2026",
			date: "2026-12-08", place: "Quảng Ngãi", recipient: "Sở Tài chính",
		},
		{
			name:   "a mass organisation under its national body",
			text:   "HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH NGHỆ AN\n*\nSố 45 -KH/HNDT\n\nNghệ An, ngày 15 tháng 01 năm 2024\n\nKẾ HOẠCH\nThực hiện các chỉ tiêu năm 2024\n\nCăn cứ Nghị quyết số 03-NQ/HNDT ngày 20/12/2023.\n",
			issuer: "BCH HỘI NÔNG DÂN TỈNH NGHỆ AN", subject: "Thực hiện các chỉ tiêu năm 2024", date: "2024-01-15", place: "Nghệ An",
		},
		{
			name:   "a decision's title ends at its authority line",
			text:   "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 112/QĐ-UBND\nLào Cai, ngày 16 tháng 01 năm 2026\nQUYẾT ĐỊNH\nGiao chỉ tiêu giảm nghèo năm 2026 cho các xã, phường\nỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
			issuer: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", subject: "Giao chỉ tiêu giảm nghèo năm 2026 cho các xã, phường", date: "2026-01-16", place: "Lào Cai",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.text, nil)
			if r.Issuer != tt.issuer || r.Subject != tt.subject || r.Date != tt.date || r.Place != tt.place {
				t.Errorf("issuer %q subject %q date %q place %q", r.Issuer, r.Subject, r.Date, r.Place)
			}
			if tt.recipient != "" && (len(r.Recipients) == 0 || r.Recipients[0].Name != tt.recipient) {
				t.Errorf("recipients %+v, want %q first", r.Recipients, tt.recipient)
			}
		})
	}
}

func TestSpacedFigures(t *testing.T) {
	for in, want := range map[string]string{
		"ước đạt 7 . 845 tỷ đồng, bằng 62, 4% kế hoạch": "ước đạt 7.845 tỷ đồng, bằng 62,4% kế hoạch",
		"tối thiểu 1 . 250 tỷ đồng":                     "tối thiểu 1.250 tỷ đồng",
		"đạt trên 95 % kế hoạch":                        "đạt trên 95% kế hoạch",
		"trước 17 giờ 00 ngày 28/11/ 2026":              "trước 17 giờ 00 ngày 28/11/2026",
		"1 . 250 hộ được hỗ trợ":                        "1 . 250 hộ được hỗ trợ", // a list label stays
		"năm 2026. 120 hộ":                              "năm 2026. 120 hộ",
		"các năm 2024, 2025":                            "các năm 2024, 2025",
		"Số: 21 / CĐ-UBND":                              "Số: 21 / CĐ-UBND",
	} {
		if got := spacedFigures(in); got != want {
			t.Errorf("spacedFigures(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSyllableBreak(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"tư tập trung; giải\nng\nân trong tháng", "tư tập trung; giải\nngân\n trong tháng"},
		{"Giao Sở Nông nghiệp và Môi trư\nờng chủ trì", "Giao Sở Nông nghiệp và Môi trường\nchủ trì"},
		{"báo cáo Chủ t\nịch UBND tỉnh", "báo cáo Chủ tịch\nUBND tỉnh"},
		{"làm mới 45 km\nđường giao thông", "làm mới 45 km\nđường giao thông"}, // a unit after a figure
		{"như\nở các năm trước", "như\nở các năm trước"},                       // "ở" is a syllable
		{"UBND TP\nHà Nội", "UBND TP\nHà Nội"},
	} {
		lines := strings.Split(tt.in, "\n")
		for i := 0; i+1 < len(lines); i++ {
			joinSyllableBreak(lines, i)
		}
		// Lines may be left empty: compare the words.
		got := strings.Join(lines, "\n")
		want := tt.want
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(want), " ") {
			t.Errorf("joinSyllableBreak(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

func TestWrittenUnitRules(t *testing.T) {
	if got := splitUnits("Giám đốc các sở, ban, ngành cấp tỉnh"); !slices.Equal(got, []string{"Giám đốc các sở, ban, ngành cấp tỉnh"}) {
		t.Errorf("splitUnits = %q", got)
	}
	if got := splitUnits("Giám đốc các sở, ban, ngành cấp tỉnh, Chủ tịch UBND các xã, phường và các chủ đầu tư"); !slices.Equal(got, []string{"Giám đốc các sở, ban, ngành cấp tỉnh", "Chủ tịch UBND các xã, phường", "các chủ đầu tư"}) {
		t.Errorf("splitUnits = %q", got)
	}
	if item, sig := splitDistItem("- Chủ tịch, các PCT UBND tỉnh; (Đã ký)"); trimItem(item) != "Chủ tịch, các PCT UBND tỉnh" || sig != "" {
		t.Errorf("splitDistItem = %q, %q", item, sig)
	}
	for in, want := range map[string]int{
		"Nâng cao chất lượng đội ngũ. Sở GDĐT tham mưu": len("Nâng cao chất lượng đội ngũ. "),
		"UBND TP. Huế chủ trì":                          0,
		"Sở Y tế chủ trì, phối hợp. Các xã":             0,
	} {
		if got := headingSentenceEnd(in); got != want {
			t.Errorf("headingSentenceEnd(%q) = %d, want %d", in, got, want)
		}
	}
	p := &parser{res: &Result{}}
	if a := p.assignment("Phổ cập giáo dục. Sở Y tế chỉ đạo duy trì phổ cập"); !slices.Equal(a.leads, []string{"Sở Y tế"}) {
		t.Errorf("leads after a heading sentence = %q", a.leads)
	}
	if a := p.assignment("Vụ Giáo dục Phổ thông chủ trì, phối hợp với Cục Nhà giáo và Cán bộ quản lý giáo dục kiểm tra, hướng dẫn"); !slices.Equal(a.supports, []string{"Cục Nhà giáo và Cán bộ quản lý giáo dục"}) {
		t.Errorf("supports = %q", a.supports)
	}
	if !namesOneKind("Các Sở Giáo dục và Đào tạo") || namesOneKind("Các sở, ban, ngành tỉnh") {
		t.Error("namesOneKind")
	}
	if got := coveredUnits("Các Sở Giáo dục và Đào tạo"); !slices.Equal(got, []string{"Sở Giáo dục và Đào tạo"}) {
		t.Errorf("coveredUnits = %q", got)
	}
	if got := groupKinds([]Recipient{{Name: "Các chi bộ, đảng bộ trực thuộc"}, {Name: "Văn phòng Đảng ủy"}}); !slices.Equal(got, []string{"chi bo ", "dang bo "}) {
		t.Errorf("groupKinds = %q", got)
	}
}

func TestWrittenTargetRules(t *testing.T) {
	tests := []struct {
		in         string
		text, unit string // of the one target; "" text for none
		value      float64
	}{
		{"Báo cáo tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,5% trở lên", "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,5% trở lên", "%", 95.5},
		{"thực hiện ít nhất 120 tin, bài về chuyển đổi số", "thực hiện ít nhất 120 tin, bài về chuyển đổi số", "tin, bài", 120},
		{"tổ chức dạy học 2 buổi/ngày theo quy định", "", "", 0},
		{"Phủ sóng 4G đến các thôn", "", "", 0},
		{"trồng mới 20ha rừng", "trồng mới 20ha rừng", "ha", 20},
		{"giám sát chuyên đề đối với ít nhất 04 chi bộ trực thuộc", "giám sát chuyên đề đối với ít nhất 04 chi bộ trực thuộc", "chi bộ", 4},
		{"Đối với doanh nghiệp sử dụng từ 50 lao động trở lên, tổ chức tập huấn", "", "", 0},
		{`thi công "3 ca, 4 kíp", "vượt nắng, thắng mưa"`, "", "", 0},
	}
	for _, tt := range tests {
		got := targets(tt.in)
		if tt.text == "" {
			if len(got) != 0 {
				t.Errorf("targets(%q) = %+v, want none", tt.in, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Text != tt.text || got[0].Unit != tt.unit || got[0].Value != tt.value {
			t.Errorf("targets(%q) = %+v, want %q %v %q", tt.in, got, tt.text, tt.value, tt.unit)
		}
	}
}
