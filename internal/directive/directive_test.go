package directive

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"tiendo"
)

func readSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(directivesDir + "/huu-lung-2022-06.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestSeed checks the facts issue 3 names for the seed directly, so that a
// wrong golden cannot hide them.
func TestSeed(t *testing.T) {
	r := Parse(readSeed(t), nil)
	if got, want := len(r.Tasks), 13; got != want {
		t.Fatalf("tasks = %d, want %d", got, want)
	}
	var labels []string
	for _, task := range r.Tasks {
		labels = append(labels, task.Label)
	}
	if got, want := strings.Join(labels, ","), "1,2,3,4,5,6,7,8,9,10,11,12,12"; got != want {
		t.Errorf("labels = %s, want %s", got, want)
	}
	if r.Deadline == nil || *r.Deadline != (Deadline{Date: "2022-06-07", Relation: "before"}) {
		t.Errorf("deadline = %+v, want 2022-06-07 before", r.Deadline)
	}
	if len(r.Basis) != 1 || r.Basis[0] != (Basis{Kind: "Công văn", Ref: "635-CV/HU", Date: "2022-06-02", Issuer: "Ban Thường vụ Huyện ủy"}) {
		t.Errorf("basis = %+v", r.Basis)
	}
	if got, want := len(r.Recipients), 11; got != want {
		t.Errorf("recipients = %d, want %d", got, want)
	}
	if r.Period == nil || *r.Period != (tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}) {
		t.Errorf("period = %+v", r.Period)
	}
	if r.Date != "2022-06" || r.Number != "" || r.Symbol != "UBND-VP" || r.Place != "Hữu Lũng" {
		t.Errorf("date, number, symbol, place = %q %q %q %q", r.Date, r.Number, r.Symbol, r.Place)
	}
	if got, want := strings.Join(r.Signer.Authority, "|")+"|"+r.Signer.Title+"|"+r.Signer.Name, "TL. CHỦ TỊCH|KT. CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|Nông Thị Huyền Trang"; got != want {
		t.Errorf("signer = %s, want %s", got, want)
	}
	if got, want := len(r.Distribution), 5; got != want {
		t.Errorf("distribution = %d, want %d", got, want)
	}
	codes := map[string]string{}
	for _, w := range r.Warnings {
		codes[w.Code] += w.Message
	}
	for _, c := range []string{WarnDuplicateLabel, WarnNotRecipient, WarnBlankNumber, WarnBlankDay} {
		if _, ok := codes[c]; !ok {
			t.Errorf("no %s warning in %+v", c, r.Warnings)
		}
	}
	if !strings.Contains(codes[WarnNotRecipient], "Phòng Tài chính - Kế hoạch") {
		t.Errorf("assignee-not-recipient = %q, want it about Phòng Tài chính - Kế hoạch", codes[WarnNotRecipient])
	}
	if round := r.ToRound(); len(round.Tasks) != 13 || round.Period.Kind != tiendo.PeriodHalfYear || len(round.Tasks[3].Targets) != 2 {
		t.Errorf("ToRound: %d tasks, period %+v", len(round.Tasks), round.Period)
	}
	// Task 4 (label "4"): >= 70 % and > 60 %.
	t4 := r.Tasks[3].Targets
	if len(t4) != 2 || t4[0].Comparator != ">=" || t4[0].Value != 70 || t4[0].Unit != "%" || t4[1].Comparator != ">" || t4[1].Value != 60 {
		t.Errorf("task 4 targets = %+v", t4)
	}
	// Task 6: >= 10 % increase relative to the estimate.
	t6 := r.Tasks[5].Targets
	if len(t6) != 1 || t6[0] != (Target{Text: t6[0].Text, Comparator: ">=", Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"}) {
		t.Errorf("task 6 targets = %+v", t6)
	}
	// Task 1: 02 xã, 15,2 tiêu chí, >= 2 khu dân cư.
	t1 := r.Tasks[0].Targets
	if len(t1) != 3 || t1[0].Value != 2 || t1[0].Unit != "xã" || t1[1].Value != 15.2 || t1[1].Unit != "tiêu chí" || t1[2].Comparator != ">=" || t1[2].Unit != "khu dân cư" {
		t.Errorf("task 1 targets = %+v", t1)
	}
}

func TestJSONShape(t *testing.T) {
	for _, text := range []string{"", "xin chào", readSeed(t)} {
		b, err := json.Marshal(Parse(text, nil))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"issuer", "number", "symbol", "place", "date", "subject", "recipients", "basis", "period", "deadline", "tasks", "report_contents", "brief", "signer", "distribution", "warnings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("field %q missing in %s", k, b)
			}
		}
		if len(m) != 16 {
			t.Errorf("%d fields, want 16: %s", len(m), b)
		}
		for _, k := range []string{"recipients", "basis", "tasks", "report_contents", "distribution", "warnings"} {
			if m[k] == nil {
				t.Errorf("%s is null, want []", k)
			}
		}
	}
	if b, _ := json.Marshal(Parse("", nil)); !bytes.Contains(b, []byte(`"period":null`)) || !bytes.Contains(b, []byte(`"deadline":null`)) {
		t.Errorf("empty parse: period and deadline not null: %s", b)
	}
}

func TestMatchUnit(t *testing.T) {
	units := []tiendo.Unit{
		{Code: "nnptnt", Name: "Phòng Nông nghiệp và Phát triển nông thôn", ShortName: "Phòng NN&PTNT"},
		{Code: "tnmt", Name: "Phòng Tài nguyên và Môi trường", ShortName: "Phòng TN&MT"},
		{Code: "tckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
		{Code: "ldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", ShortName: "Phòng LĐ-TB&XH"},
		{Code: "gddt", Name: "Phòng Giáo dục và Đào tạo", ShortName: "Phòng GD&ĐT"},
		{Code: "vhtt", Name: "Phòng Văn hóa và Thông tin", ShortName: "Phòng VH&TT"},
		{Code: "ttyt", Name: "Trung tâm Y tế huyện Hữu Lũng", ShortName: "TTYT huyện"},
		{Code: "bchqs", Name: "Ban Chỉ huy Quân sự huyện", ShortName: "BCH QS huyện"},
		{Code: "ca", Name: "Công an huyện", ShortName: "CA huyện"},
		{Code: "ubnd-vn", Name: "UBND xã Vân Nham"},
		{Code: "ubnd-hs", Name: "UBND xã Hồ Sơn"},
		{Code: "thuydien", Name: "Trạm Thuỷ văn", Aliases: []string{"Trạm khí tượng thủy văn"}},
		{Code: "tinh", Name: "Ủy ban nhân dân tỉnh Hà Giang", ShortName: "UBND tỉnh"},
		{Code: "lhh", Name: "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"},
		{Code: "cacxa", Name: "Các xã, thị trấn (nhóm)", Aliases: []string{"UBND các xã, thị trấn"}},
	}
	tests := []struct {
		name string
		want string
	}{
		{"Phòng Nông nghiệp & PTNT huyện", "nnptnt"},
		{"Phòng Nông nghiệp và Phát triển nông thôn", "nnptnt"},
		{"PHÒNG NÔNG NGHIỆP VÀ PTNT", "nnptnt"},
		{"Phòng TN&MT", "tnmt"},
		{"phòng tài nguyên môi trường huyện", "tnmt"},
		{"Phòng Tài chính, Kế hoạch", "tckh"},
		{"Phòng Lao động, Thương binh và Xã hội", "ldtbxh"},
		{"Lao động, Thương binh, Xã hội – Dân tộc", "ldtbxh"},
		{"Phòng GD-ĐT", "gddt"},
		{"Phòng Văn hoá - Thông tin huyện", "vhtt"},
		{"Trung tâm Y tế huyện", "ttyt"},
		{"Ban chỉ huy quân sự huyện", "bchqs"},
		{"BCH QS huyện", "bchqs"},
		{"Công an huyện", "ca"},
		{"CA huyện", "ca"},
		{"UBND xã Vân Nham", "ubnd-vn"},
		{"Ủy ban nhân dân xã Hồ Sơn", "ubnd-hs"},
		{"Trạm Thủy văn", "thuydien"},
		{"UBND huyện", ""},                                     // names no one unit
		{"Phòng Nội vụ", ""},                                   // not in the registry
		{"Phòng", ""},                                          // too generic
		{"Cà Mau", ""},                                         // not read as "CA"
		{"Ủy ban nhân dân các xã, phường", "cacxa"},            // many units: the group, never the province's UBND
		{"Các phòng, ban, ngành", ""},                          // a group
		{"Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "lhh"}, // "các" inside one unit's name
		{"Ủy ban nhân dân các xã, thị trấn", "cacxa"},          // a group kept as a unit matches itself
		{"Phòng Y tế", ""},                                     // not Trung tâm Y tế
		{"tckh", "tckh"},                                       // a code as itself
	}
	for _, tt := range tests {
		got, ok := MatchUnit(tt.name, units)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchUnit(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	if _, ok := MatchUnit("Phòng Nội vụ", nil); ok {
		t.Errorf("MatchUnit with no registry matched")
	}
}

func TestTargets(t *testing.T) {
	tests := []struct {
		text string
		want []Target
	}{
		{"tỷ lệ giải phóng mặt bằng đạt 70% trở lên", []Target{{Comparator: ">=", Value: 70, Unit: "%"}}},
		{"tỷ lệ hộ nghèo trên 94%", []Target{{Comparator: ">", Value: 94, Unit: "%"}}},
		// A level to come down to, not a decrease by 4,5 (see TestLevelOrChange).
		{"giảm tỷ lệ hộ nghèo xuống dưới 4,5%", []Target{{Comparator: "<", Value: 4.5, Unit: "%"}}},
		{"ít nhất 02 sản phẩm OCOP", []Target{{Comparator: ">=", Value: 2, Unit: "sản phẩm"}}},
		{"thu nội địa tăng 10% trở lên so với dự toán", []Target{{Comparator: ">=", Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"}}},
		{"doanh thu giảm 5% so với cùng kỳ", []Target{{Comparator: "=", Value: 5, Unit: "%", Direction: "decrease", RelativeTo: "same-period"}}},
		{"giải ngân đạt 95% kế hoạch vốn", []Target{{Comparator: "=", Value: 95, Unit: "%", RelativeTo: "plan"}}},
		{"đón 1.200.000 lượt khách", []Target{{Comparator: "=", Value: 1200000, Unit: "lượt khách"}}},
		{"nợ đọng không quá 2 tỷ đồng", []Target{{Comparator: "<=", Value: 2, Unit: "tỷ đồng"}}},
		{"diện tích từ 20 ha trở lên", []Target{{Comparator: ">=", Value: 20, Unit: "ha"}}},
		{"tối đa 15,5 tấn", []Target{{Comparator: "<=", Value: 15.5, Unit: "tấn"}}},
		{"năng suất đạt 55 tạ/ha", []Target{{Comparator: "=", Value: 55, Unit: "tạ/ha"}}},
		// Not targets: years, dates, references, ranges, ordinals, identifiers.
		{"theo Nghị quyết số 08/2019/NQ-HĐND ngày 10/12/2019 năm 2022", nil},
		{"giai đoạn 2020-2030, COVID-19, lúa J02, kỳ họp thứ 5, Điều 3", nil},
		{"giảm tai nạn giao thông cả 3 tiêu chí", nil},
		{"trong 10 ngày làm việc, trẻ dưới 6 tuổi", nil},
		{"đầu tư 50 tỷ đồng", []Target{{Comparator: "=", Value: 50, Unit: "tỷ đồng"}}}, // "tư" is not "từ"
		{"giám sát 02 cuộc", []Target{{Comparator: "=", Value: 2, Unit: "cuộc"}}},      // "giám" is not "giảm"
		// A grade of what is counted is no target of its own, and its
		// "trở lên" is the grade's.
		{"xây dựng 04 sản phẩm OCOP đạt 3 sao trở lên", []Target{{Comparator: "=", Value: 4, Unit: "sản phẩm"}}},
		{"có thêm tối thiểu 10 sản phẩm đạt chuẩn OCOP từ 3 sao trở lên", []Target{{Comparator: ">=", Value: 10, Unit: "sản phẩm"}}},
	}
	for _, tt := range tests {
		got := targets(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("targets(%q) = %+v, want %d targets", tt.text, got, len(tt.want))
			continue
		}
		for i := range got {
			g := got[i]
			g.Text = ""
			if g != tt.want[i] {
				t.Errorf("targets(%q)[%d] = %+v, want %+v", tt.text, i, g, tt.want[i])
			}
		}
	}
}

func TestDeadlines(t *testing.T) {
	tests := []struct {
		text string
		want *Deadline
	}{
		{"Báo cáo gửi về trước ngày 07/6/2022.", &Deadline{Date: "2022-06-07", Relation: "before"}},
		{"Gửi báo cáo chậm nhất ngày 05/12/2025.", &Deadline{Date: "2025-12-05", Relation: "by"}},
		{"Gửi báo cáo trước 17 giờ 00 ngày 20/9/2026.", &Deadline{Date: "2026-09-20", Time: "17:00", Relation: "before"}},
		{"Gửi báo cáo trước ngày 30 tháng 4 năm 2011.", &Deadline{Date: "2011-04-30", Relation: "before"}},
		{"Gửi báo cáo chậm nhất vào ngày 20.7.2020.", &Deadline{Date: "2020-07-20", Relation: "by"}},
		{"Gửi báo cáo trước 16h30 ngày 05/12/2025.", &Deadline{Date: "2025-12-05", Time: "16:30", Relation: "before"}},
		{"Gửi báo cáo trước ngày 31/6/2025.", nil}, // no such day
		{"Không có hạn.", nil},
	}
	for _, tt := range tests {
		r := Parse(tt.text, nil)
		switch {
		case tt.want == nil && r.Deadline != nil:
			t.Errorf("%q: deadline %+v, want none", tt.text, r.Deadline)
		case tt.want != nil && (r.Deadline == nil || *r.Deadline != *tt.want):
			t.Errorf("%q: deadline %+v, want %+v", tt.text, r.Deadline, tt.want)
		}
	}
}

func TestPeriods(t *testing.T) {
	tests := []struct {
		subject string
		want    *tiendo.Period
	}{
		{"báo cáo 06 tháng đầu năm 2022", &tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}},
		{"báo cáo 6 tháng cuối năm 2024", &tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2024, Index: 2}},
		{"báo cáo 9 tháng năm 2026", &tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2026}},
		{"báo cáo quý I năm 2023", &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 1}},
		{"báo cáo quý IV năm 2023", &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 4}},
		{"báo cáo tháng 10 năm 2025", &tiendo.Period{Kind: tiendo.PeriodMonth, Year: 2025, Index: 10}},
		{"báo cáo tháng 10/2025", &tiendo.Period{Kind: tiendo.PeriodMonth, Year: 2025, Index: 10}},
		{"báo cáo kết quả năm 2025", &tiendo.Period{Kind: tiendo.PeriodYear, Year: 2025}},
		{"báo cáo quy hoạch giai đoạn 2021-2030", nil},
	}
	for _, tt := range tests {
		r := Parse("V/v "+tt.subject+"\n\nThực hiện chỉ đạo, đề nghị báo cáo.\n", nil)
		switch {
		case tt.want == nil && r.Period != nil:
			t.Errorf("%q: period %+v, want none", tt.subject, r.Period)
		case tt.want != nil && (r.Period == nil || *r.Period != *tt.want):
			t.Errorf("%q: period %+v, want %+v", tt.subject, r.Period, tt.want)
		}
	}
}

func TestBrief(t *testing.T) {
	tests := []struct {
		closing string
		want    bool
	}{
		{"Lưu ý: Báo cáo cần ngắn gọn, trong đó đánh giá rõ tiến độ so với kế hoạch.", true},
		{"Đề nghị các đơn vị gửi báo cáo đầy đủ, súc tích, có số liệu minh họa.", true},
		{"Đề nghị gửi BÁO CÁO NGẮN GỌN về Văn phòng trước ngày 07/6/2022.", true},
		{"Báo cáo đánh giá rõ kết quả, khó khăn và kiến nghị.", false},
		// "ngắn gọn" that is not about the report.
		{"Tiếp tục rà soát để thủ tục hành chính ngắn gọn hơn. Các đơn vị gửi báo cáo trước ngày 07/6/2022.", false},
	}
	for _, tt := range tests {
		r := Parse("V/v báo cáo kết quả năm 2025\n\nThực hiện chỉ đạo, đề nghị các đơn vị báo cáo.\n\n"+tt.closing+"\n", nil)
		if r.Brief != tt.want {
			t.Errorf("%q: brief %v, want %v", tt.closing, r.Brief, tt.want)
		}
	}
}

func TestHeaderShapes(t *testing.T) {
	tests := []struct {
		name, text                          string
		issuer, number, symbol, place, date string
	}{
		{"interleaved", "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN A Độc lập - Tự do - Hạnh phúc\nSố: 12/UBND-VP A, ngày 05 tháng 6 năm 2022\n",
			"ỦY BAN NHÂN DÂN HUYỆN A", "12", "UBND-VP", "A", "2022-06-05"},
		{"party", "HUYỆN ỦY HỮU LŨNG\n*\nSố 635-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nHữu Lũng, ngày 02 tháng 6 năm 2022\n",
			"HUYỆN ỦY HỮU LŨNG", "635", "CV/HU", "Hữu Lũng", "2022-06-02"},
		{"stray space", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 3478 /BTTTT-VP\nHà Nội, ngày 11 tháng 03 năm 2016\n",
			"BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "3478", "BTTTT-VP", "Hà Nội", "2016-03-11"},
		{"blank", "UBND XÃ B\nSố:    /UBND\nB, ngày ... tháng 6 năm 2022\n",
			"UBND XÃ B", "", "UBND", "B", "2022-06"},
		{"parent body", "UBND TỈNH X\nSỞ Y TẾ\nSố: 5/SYT-VP\nX, ngày 1 tháng 2 năm 2024\n",
			"SỞ Y TẾ", "5", "SYT-VP", "X", "2024-02-01"},
	}
	for _, tt := range tests {
		r := Parse(tt.text, nil)
		got := []string{r.Issuer, r.Number, r.Symbol, r.Place, r.Date}
		want := []string{tt.issuer, tt.number, tt.symbol, tt.place, tt.date}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, want)
		}
	}
}

func TestDeadlineNotAfterIssue(t *testing.T) {
	r := Parse("UBND XÃ B\nSố: 1/UBND\nB, ngày 10 tháng 6 năm 2022\n\nĐề nghị gửi báo cáo trước ngày 07/6/2022.\n", nil)
	for _, w := range r.Warnings {
		if w.Code == WarnDeadlineNotAfter {
			return
		}
	}
	t.Errorf("no %s warning: %+v", WarnDeadlineNotAfter, r.Warnings)
}

// TestHostileInput feeds what the parser must survive: nothing, binary,
// invalid UTF-8, one enormous line, deep nesting.
func TestHostileInput(t *testing.T) {
	inputs := []string{
		"", "\x00\x01\x02", "\xff\xfe\xfd", strings.Repeat("a", 1<<20), strings.Repeat("1.1.1.1. ", 10000),
		strings.Repeat("- Phòng A: ", 5000), strings.Repeat("(nhiệm vụ 1)", 5000), "Số: /\nKính gửi:\n-\n-\n",
		strings.Repeat("| a | b |\n", 2000), strings.Repeat("\n", 100000), "TM.\nKT.\n\n",
	}
	for _, in := range inputs {
		r := Parse(in, nil)
		if r == nil {
			t.Fatal("Parse returned nil")
		}
		for _, w := range r.Warnings {
			if w.Code == WarnParseIncomplete {
				t.Errorf("input %.40q: parser panicked", in)
			}
		}
	}
}

func TestLargeInputStaysLinear(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	seed := readSeed(t)
	stayLinear(t, "the seed directive repeated", 2<<20, func(n int) string { return strings.Repeat(seed+"\n", max(1, n/len(seed))) })
}

func TestReadDOCX(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p><w:p><w:r><w:t>HUYỆN A</w:t></w:r></w:p><w:p><w:r><w:t>Số: 12/UBND-VP</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">A, ngày 05 tháng 6 năm 2022</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Kính gửi: Phòng Nội vụ.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Giao Phòng Nội vụ báo cáo tỷ lệ </w:t></w:r><w:r><w:t>đạt 90% trở lên.</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Giao Phòng Nội vụ báo cáo thêm.</w:t></w:r></w:p>
</w:body></w:document>`
	numbering := `<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	data := makeZip(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering})
	text, err := ReadDOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 12/UBND-VP\n", "1. Giao Phòng Nội vụ báo cáo tỷ lệ đạt 90% trở lên.\n", "2. Giao Phòng Nội vụ báo cáo thêm."} {
		if !strings.Contains(text, want) {
			t.Errorf("ReadDOCX text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "xoá") {
		t.Errorf("deleted text kept:\n%s", text)
	}
	r := Parse(text, nil)
	if len(r.Tasks) != 2 || r.Tasks[0].Label != "1" || r.Issuer != "ỦY BAN NHÂN DÂN HUYỆN A" {
		t.Errorf("parse of the docx text: issuer %q, tasks %+v", r.Issuer, r.Tasks)
	}
}

func TestReadDOCXErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"not a zip", []byte("xin chào, đây không phải docx"), tiendo.EINVALID},
		{"zip without document", makeZip(t, map[string]string{"a.txt": "x"}), tiendo.EINVALID},
		{"bad xml", makeZip(t, map[string]string{"word/document.xml": "<w:document><w:p>"}), tiendo.EINVALID},
		{"bomb", makeZip(t, map[string]string{"word/document.xml": "<a>" + strings.Repeat(" ", MaxDOCXText+10) + "</a>"}), tiendo.ETOOLARGE},
	}
	for _, tt := range tests {
		_, err := ReadDOCX(bytes.NewReader(tt.data), int64(len(tt.data)))
		if got := tiendo.ErrorCode(err); got != tt.code {
			t.Errorf("%s: error %v (code %q), want code %q", tt.name, err, got, tt.code)
		}
		if err != nil && !strings.Contains(tiendo.ErrorMessage(err), ".docx") {
			t.Errorf("%s: message %q does not say what to do", tt.name, tiendo.ErrorMessage(err))
		}
	}
}

func makeZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSummary(t *testing.T) {
	s := Parse(readSeed(t), nil).Summary()
	for _, want := range []string{"Cơ quan ban hành: ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", "Nhiệm vụ (13):", "Hạn gửi báo cáo: trước 07/06/2022", "≥ 70 %", "[duplicate-task-label]"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if Parse("", nil).Summary() == "" {
		t.Error("empty summary")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(readSeed(f))
	files, _ := os.ReadDir(directivesDir)
	for _, e := range files {
		if strings.HasSuffix(e.Name(), ".txt") {
			b, err := os.ReadFile(directivesDir + "/" + e.Name())
			if err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Add("Số: /\n| a |\nKính gửi: - ;\n1.1. (nhiệm vụ 1) 1.000,5% trở lên\nTM.\n")
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s, nil)
		for _, w := range r.Warnings {
			if w.Code == WarnParseIncomplete {
				t.Fatalf("parser panicked on %q", s)
			}
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		_ = r.Summary()
	})
}

func BenchmarkParse(b *testing.B) {
	seed := readSeed(b)
	b.SetBytes(int64(len(seed)))
	for b.Loop() {
		Parse(seed, nil)
	}
}

func BenchmarkParse5MB(b *testing.B) {
	seed := readSeed(b)
	big := strings.Repeat(seed+"\n", 5<<20/len(seed))
	b.SetBytes(int64(len(big)))
	for b.Loop() {
		Parse(big, nil)
	}
}

func TestText(t *testing.T) {
	docx := makeZip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Kính gửi: Phòng A.</w:t></w:r></w:p></w:body></w:document>`})
	tests := []struct {
		name string
		data []byte
		want string // text, or the error code
	}{
		{"a.txt", []byte("\xef\xbb\xbfXin chào"), "Xin chào"},
		{"-", []byte("Xin chào"), "Xin chào"},
		{"a.docx", docx, "Kính gửi: Phòng A.\n"},
		{"-", docx, "Kính gửi: Phòng A.\n"}, // by signature
		{"a.docx", []byte("not a zip"), tiendo.EINVALID},
		{"a.txt", []byte("a\x00b"), tiendo.EINVALID},
		{"a.txt", []byte("Ph\xf2ng"), tiendo.EINVALID},
		{"a.doc", []byte("\xd0\xcf\x11\xe0...."), tiendo.EINVALID},
		{"a.pdf", []byte("%PDF-1.4"), tiendo.EINVALID},
		{"a.txt", bytes.Repeat([]byte("a"), MaxInput+1), tiendo.ETOOLARGE},
	}
	for _, tt := range tests {
		got, err := Text(tt.name, tt.data)
		if err != nil {
			got = tiendo.ErrorCode(err)
		}
		if got != tt.want {
			t.Errorf("Text(%q, %.20q) = %.40q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestIsGroupName(t *testing.T) {
	for name, want := range map[string]bool{
		"Ủy ban nhân dân các xã, phường":               true,
		"UBND các xã, thị trấn":                        true,
		"Các phòng, ban, ngành thuộc UBND huyện":       true,
		"các cơ quan, đơn vị":                          true,
		"Các Sở, ban, ngành tỉnh":                      true,
		"Phòng Tài nguyên và Môi trường":               false, // "Môi" folds like "mọi"
		"Liên hiệp các Hội Khoa học và Kỹ thuật":       false,
		"Ban Quản lý các khu công nghiệp":              false,
		"Ban Chỉ đạo xây dựng nông thôn mới":           false,
		"Trung tâm Văn hóa - Thể thao và Truyền thông": false,
		"Hội Nông dân xã":                              false,
	} {
		if got := IsGroupName(name); got != want {
			t.Errorf("IsGroupName(%q) = %v, want %v", name, got, want)
		}
	}
}

// A target is what is measured, not the directive's request for a report:
// "Báo cáo việc" and "Báo cáo về việc" go, the rest stays a sentence.
func TestTargetWithoutReportLead(t *testing.T) {
	for _, c := range []struct{ task, want string }{
		{"Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", "Giảm tỷ lệ hộ nghèo từ 3% trở lên"},
		{"BÁO CÁO VỀ VIỆC chỉ đạo thu nội địa tăng 10% trở lên so với dự toán", "Chỉ đạo thu nội địa tăng 10% trở lên so với dự toán"},
		{"Báo cáo kết quả giải ngân đạt 95% kế hoạch vốn", "Báo cáo kết quả giải ngân đạt 95% kế hoạch vốn"},
	} {
		got := targets(c.task)
		if len(got) != 1 || got[0].Text != c.want {
			t.Errorf("targets(%q) = %+v, want one with text %q", c.task, got, c.want)
		}
	}
}
