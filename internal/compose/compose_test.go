package compose

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
)

func TestSubject(t *testing.T) {
	basis := []directive.Basis{{Kind: "Công văn", Ref: "635-CV/HU", Date: "2022-06-02", Issuer: "Ban Thường vụ Huyện ủy"}}
	half := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"round's subject", Input{Round: &tiendo.Round{Subject: "báo cáo tiến độ 06 tháng"}}, "báo cáo tiến độ 06 tháng"},
		{"V/v dropped", Input{Round: &tiendo.Round{Subject: "V/v báo cáo tiến độ 06 tháng"}}, "báo cáo tiến độ 06 tháng"},
		{"V/V: dropped", Input{Round: &tiendo.Round{Subject: "V/V: Báo cáo tiến độ"}}, "báo cáo tiến độ"},
		{"capital lowered", Input{Round: &tiendo.Round{Subject: "Báo cáo\n tiến độ"}}, "báo cáo tiến độ"},
		{"abbreviation kept", Input{Round: &tiendo.Round{Subject: "UBND huyện báo cáo"}}, "UBND huyện báo cáo"},
		{"drafted from basis and period", Input{Round: &tiendo.Round{Period: half}, Basis: basis}, "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022"},
		{"drafted without basis", Input{Round: &tiendo.Round{Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 4}}}, "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm quý IV năm 2023"},
		{"no round", Input{}, "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Subject(tt.in); got != tt.want {
				t.Errorf("Subject = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRecipientsSeed(t *testing.T) {
	got := Recipients(seedInput(t))
	want := []string{
		"Phòng Nông nghiệp và Phát triển nông thôn", "Trung tâm Phát triển quỹ đất", "Phòng Tài nguyên và Môi trường",
		"Chi cục Thuế khu vực I", "Phòng Lao động - Thương binh và Xã hội", "Phòng Giáo dục và Đào tạo",
		"Trung tâm Y tế huyện Hữu Lũng", "Phòng Văn hóa và Thông tin", "Ban Chỉ huy Quân sự huyện", "Công an huyện",
		"Phòng Nội vụ", "Phòng Tài chính - Kế hoạch",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Recipients =\n%q\nwant\n%q", got, want)
	}
}

func TestRecipients(t *testing.T) {
	units := unitMap([]tiendo.Unit{
		{ID: 1, Name: "Ủy ban Mặt trận Tổ quốc huyện"}, {ID: 2, Name: "Đài Truyền thanh huyện"},
		{ID: 3, Name: "Công an huyện"}, {ID: 4, Name: "Ban Dân tộc"}, {ID: 5, Name: "Phòng Tư pháp"},
		{ID: 6, Name: "Dịch vụ công"}, {ID: 7, Name: "  "},
	})
	r := &tiendo.Round{
		UnitIDs: []int64{1, 2, 3, 4, 4, 5, 6, 99, 7},
		Tasks: []*tiendo.Task{
			{Position: 2, Label: "2", Assignees: []tiendo.Assignee{{UnitID: 3, Role: tiendo.Lead}}},
			{Position: 1, Label: "1", Assignees: []tiendo.Assignee{{UnitID: 5, Role: tiendo.Lead}, {UnitID: 1, Role: tiendo.Support}, {UnitID: 98, Role: tiendo.Lead}}},
			nil,
		},
	}
	got := Recipients(Input{Round: r, Units: units})
	// Given work in the letter's order (task 1 first: its lead, then its
	// supporting unit), then the others in Vietnamese order (D before Đ),
	// unknown and nameless units left out.
	want := []string{"Phòng Tư pháp", "Ủy ban Mặt trận Tổ quốc huyện", "Công an huyện", "Ban Dân tộc", "Dịch vụ công", "Đài Truyền thanh huyện"}
	if !slices.Equal(got, want) {
		t.Errorf("Recipients =\n%q\nwant\n%q", got, want)
	}
}

func TestPartsSeed(t *testing.T) {
	want := map[string]string{
		KeyOpening: "Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy về việc báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022. UBND huyện yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022, cụ thể như sau:",
		KeyRequirements: "Lưu ý: Báo cáo cần ngắn gọn, trong đó đánh giá rõ tiến độ đã đạt được so với kế hoạch, so với cùng kỳ, những khó khăn, vướng mắc, kiến nghị trong việc triển khai thực hiện và đề ra các nhiệm vụ trong thời gian tới." +
			"\n\nSố liệu báo cáo tính từ ngày 15/12/2021 đến ngày 14/6/2022; đối với những chỉ tiêu chưa có số liệu đến thời điểm báo cáo, các cơ quan, đơn vị báo cáo ước thực hiện.",
		KeyDeadline: "UBND huyện yêu cầu các cơ quan, đơn vị gửi báo cáo về UBND huyện qua Văn phòng HĐND & UBND huyện trước ngày 07/6/2022 để tổng hợp, báo cáo Ban Thường vụ Huyện ủy đảm bảo thời gian quy định.",
		KeyClosing:  "UBND huyện đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện.",
	}
	parts := Parts(seedInput(t))
	var keys []string
	for _, p := range parts {
		keys = append(keys, p.Key)
		if p.Heading == "" {
			t.Errorf("part %s has no heading", p.Key)
		}
		if p.Text != want[p.Key] {
			t.Errorf("part %s:\n got %q\nwant %q", p.Key, p.Text, want[p.Key])
		}
	}
	if !slices.Equal(keys, Keys) {
		t.Errorf("keys = %v, want %v", keys, Keys)
	}
}

func TestPartsShapes(t *testing.T) {
	tests := []struct {
		name, key string
		in        Input
		want      string
	}{
		{"opening without basis", KeyOpening, Input{Issuer: "Ủy ban nhân dân xã Tân Thành", Round: &tiendo.Round{Subject: "báo cáo kết quả quý III"}},
			"UBND xã yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo kết quả quý III, cụ thể như sau:"},
		{"opening with two bases", KeyOpening, Input{Issuer: "UBND TỈNH LẠNG SƠN", Round: &tiendo.Round{Subject: "báo cáo"}, Basis: []directive.Basis{
			{Kind: "Kế hoạch", Ref: "12/KH-UBND", Date: "2023-01-10", Issuer: "UBND tỉnh"}, {Ref: "88-KL/TU", Date: "2023-02"}}},
			"Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2023 của UBND tỉnh; Văn bản số 88-KL/TU. UBND tỉnh yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo, cụ thể như sau:"},
		{"opening whose subject cites its basis", KeyOpening, Input{Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", Round: &tiendo.Round{Subject: "báo cáo kết quả thực hiện Kế hoạch số 245/KH-UBND của UBND tỉnh"}, Basis: []directive.Basis{
			{Kind: "Kế hoạch", Ref: "245/KH-UBND", Date: "2026-11-10", Issuer: "UBND tỉnh Lạng Sơn"}}},
			"Thực hiện Kế hoạch số 245/KH-UBND ngày 10/11/2026 của UBND tỉnh Lạng Sơn. UBND huyện yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo kết quả thực hiện Kế hoạch số 245/KH-UBND của UBND tỉnh, cụ thể như sau:"},
		{"opening whose subject cites another plan with a like number", KeyOpening, Input{Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", Round: &tiendo.Round{Subject: "báo cáo kết quả thực hiện Kế hoạch số 1245/KH-UBND-VX"}, Basis: []directive.Basis{
			{Kind: "Kế hoạch", Ref: "245/KH-UBND", Date: "2026-11-10", Issuer: "UBND tỉnh Lạng Sơn"}}},
			"Thực hiện Kế hoạch số 245/KH-UBND ngày 10/11/2026 của UBND tỉnh Lạng Sơn về việc báo cáo kết quả thực hiện Kế hoạch số 1245/KH-UBND-VX. UBND huyện yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo kết quả thực hiện Kế hoạch số 1245/KH-UBND-VX, cụ thể như sau:"},
		{"requirements by default", KeyRequirements, Input{Round: &tiendo.Round{}},
			"Lưu ý: Báo cáo cần đánh giá rõ kết quả đã đạt được so với kế hoạch, so với cùng kỳ, những khó khăn, vướng mắc, đề xuất, kiến nghị và nhiệm vụ, giải pháp trong thời gian tới."},
		{"requirements after the cut-off", KeyRequirements, Input{Round: &tiendo.Round{ReportContents: []string{"Kết quả.", "tồn tại"}, Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 1}, Deadline: tiendo.DeadlineBefore(2023, 3, 15)}},
			"Lưu ý: Báo cáo cần đánh giá rõ kết quả và tồn tại."},
		{"deadline at a time, no office, no basis", KeyDeadline, Input{Issuer: "Sở Nội vụ", Round: &tiendo.Round{Deadline: time.Date(2023, 3, 17, 10, 0, 0, 0, time.UTC)}},
			"Sở Nội vụ yêu cầu các cơ quan, đơn vị gửi báo cáo về Sở Nội vụ trước 17 giờ 00 ngày 17/3/2023 để tổng hợp theo quy định."},
		{"no deadline yet", KeyDeadline, Input{Issuer: "SỞ NỘI VỤ", Round: &tiendo.Round{}},
			"Sở nội vụ yêu cầu các cơ quan, đơn vị gửi báo cáo về Sở nội vụ trước ngày ..../..../........ để tổng hợp theo quy định."},
		{"closing", KeyClosing, Input{Issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN"}, "UBND thành phố đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range Parts(tt.in) {
				if p.Key == tt.key && p.Text != tt.want {
					t.Errorf("%s:\n got %q\nwant %q", tt.key, p.Text, tt.want)
				}
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"midnight", deadlinePhrase(tiendo.DeadlineBefore(2022, 6, 7)), "trước ngày 07/6/2022"},
		{"17:00", deadlinePhrase(time.Date(2023, 3, 17, 17, 0, 0, 0, tiendo.Zone)), "trước 17 giờ 00 ngày 17/3/2023"},
		{"09:05 from UTC", deadlinePhrase(time.Date(2023, 10, 18, 2, 5, 0, 0, time.UTC)), "trước 09 giờ 05 ngày 18/10/2023"},
		{"UTC midnight is 07:00", deadlinePhrase(time.Date(2023, 10, 18, 0, 0, 0, 0, time.UTC)), "trước 07 giờ 00 ngày 18/10/2023"},
		{"zero", deadlinePhrase(time.Time{}), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestCheckWindow: the cut-off check and the requirements' sentence use
// the window they are given (the issuer's setting), and none when it is
// unknown.
func TestCheckWindow(t *testing.T) {
	window := func(day int) tiendo.Window {
		w, _ := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}.Window(day)
		return w
	}
	tests := []struct {
		name   string
		window tiendo.Window
		warn   string // the cut-off warning's end of window; "" none
		note   string // the requirements' sentence; "" none
	}{
		{"15th to 14th", window(15), "(hết ngày 14/6/2022)", "tính từ ngày 15/12/2021 đến ngày 14/6/2022"},
		{"calendar months", window(1), "(hết ngày 30/6/2022)", "tính từ ngày 01/01/2022 đến ngày 30/6/2022"},
		{"5th to 4th: the deadline of 07/6 is after it", window(5), "", ""},
		{"7th to 6th: due as the window closes", window(7), "", ""},
		{"8th to 7th: due on its last day", window(8), "(hết ngày 07/6/2022)", "đến ngày 07/6/2022"},
		{"unknown", tiendo.Window{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := seedInput(t)
			in.Window = tt.window
			got := ""
			for _, w := range Check(in, time.Time{}) {
				if w.Code == WarnDeadlineBeforeCutoff {
					got = w.Message
				}
			}
			if (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("cut-off warning = %q, want one with %q", got, tt.warn)
			}
			note := ""
			for _, p := range Parts(in) {
				if p.Key == KeyRequirements {
					_, note, _ = strings.Cut(p.Text, "\n\n")
				}
			}
			if (tt.note == "") != (note == "") || !strings.Contains(note, tt.note) {
				t.Errorf("requirements' note = %q, want one with %q", note, tt.note)
			}
		})
	}
}

// bodyText is the document's body as lines of plain text.
func bodyText(d *document.Document) []string {
	var out []string
	for _, b := range d.Body {
		var s strings.Builder
		for _, sp := range b.Spans {
			s.WriteString(sp.Text)
		}
		out = append(out, s.String())
	}
	return out
}

func TestTaskListSeed(t *testing.T) {
	in := seedInput(t)
	body := bodyText(Document(in, Meta{}, nil))
	want := map[int]string{
		1:  "1. Giao Phòng Nông nghiệp và Phát triển nông thôn xây dựng:",
		5:  "2. Giao Trung tâm Phát triển quỹ đất xây dựng: Báo cáo việc hoàn thành đúng tiến độ công tác bồi thường, giải phóng mặt bằng các dự án trên địa bàn huyện, nhất là các dự án trọng điểm. Đối với dự án Khu đô thị mới Hữu Lũng tại xã Sơn Hà, phân đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên; dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt trên 60% trở lên. Tập trung hoàn thành công tác giải phóng mặt bằng dự án Nút giao đường cao tốc vào Khu công nghiệp Hữu Lũng (nhiệm vụ 4).",
		7:  "4. Giao Chi cục Thuế khu vực I xây dựng: Báo cáo việc chỉ đạo thu nội địa tăng 10% trở lên so với dự toán tỉnh giao (nhiệm vụ 6).",
		13: "10. Giao Phòng Nội vụ xây dựng: Báo cáo việc nâng cao ý thức trách nhiệm, tăng cường kỷ luật, kỷ cương hành chính, nâng Chỉ số hiệu quả quản trị và hành chính công (PAPI); Chỉ số hài lòng về sự phục vụ hành chính (SIPAS); Chỉ số cải cách hành chính (PAR INDEX), tiếp tục phấn đấu xếp loại đạt loại tốt (nhiệm vụ 12).",
		14: "11. Giao Phòng Tài chính - Kế hoạch xây dựng: Báo cáo việc nâng cao chất lượng, hiệu quả phục vụ người dân và doanh nghiệp, nâng hạng chỉ số đánh giá năng lực cạnh tranh cấp huyện (DDCI) năm 2022, tiếp tục đạt vị trí 03 huyện, thành phố dẫn đầu của bảng xếp hạng (nhiệm vụ 12).",
	}
	if len(body) != 19 {
		t.Fatalf("body has %d paragraphs, want 19:\n%s", len(body), strings.Join(body, "\n"))
	}
	for i, w := range want {
		if body[i] != w {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i, body[i], w)
		}
	}
	if got := body[2]; !strings.HasPrefix(got, "1.1. Báo cáo việc tập trung chỉ đạo 02 xã") || !strings.HasSuffix(got, "(nhiệm vụ 1).") {
		t.Errorf("paragraph 2 = %q", got)
	}
	if got := body[8]; !strings.HasPrefix(got, "5. Giao Phòng Lao động - Thương binh và Xã hội, Phòng Giáo dục và Đào tạo, Trung tâm Y tế huyện Hữu Lũng xây dựng: Báo cáo việc giảm tỷ lệ hộ nghèo") {
		t.Errorf("paragraph 8 = %q", got)
	}
}

func TestTaskListShapes(t *testing.T) {
	units := unitMap([]tiendo.Unit{{ID: 1, Name: "Phòng A"}, {ID: 2, Name: "Phòng B"}, {ID: 3, Name: "Trung tâm C"}})
	lead := func(ids ...int64) []tiendo.Assignee {
		var out []tiendo.Assignee
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return out
	}
	support := func(id int64) tiendo.Assignee { return tiendo.Assignee{UnitID: id, Role: tiendo.Support} }
	r := &tiendo.Round{Tasks: []*tiendo.Task{
		{Position: 1, Label: "1", Text: "Tập trung chỉ đạo việc A.", Assignees: lead(1)},
		{Position: 2, Label: "2", Text: "Hoàn thành B", Assignees: lead(2, 3)},
		{Position: 3, Label: "3", Text: "Báo cáo việc C", Assignees: append(lead(1), support(2), support(3))},
		{Position: 4, Label: "4", Text: "Làm D;", Assignees: lead(1)},
		{Position: 4, Label: "4a", Text: "Phòng A chủ trì rà soát", Assignees: lead(1)},
		{Position: 4, Label: "4b", Text: "Tổng hợp: số liệu", Assignees: lead(1)},
		{Position: 5, Label: "", Text: "Làm E", Assignees: []tiendo.Assignee{support(2), {UnitID: 42, Role: tiendo.Lead}}},
		{Position: 6, Label: "6", Text: "Báo cáo việc F", Assignees: append(lead(2), support(2))},
		{Position: 7, Label: "7", Text: "Báo cáo việc G", Assignees: lead(2, 3)},
	}}
	got := bodyText(Document(Input{Round: r, Units: units}, Meta{}, []Part{{Key: KeyOpening}, {Key: KeyRequirements}, {Key: KeyDeadline}, {Key: KeyClosing}}))
	want := []string{
		"1. Giao Phòng A báo cáo kết quả thực hiện các nhiệm vụ sau:",
		"1.1. Tập trung chỉ đạo việc A (nhiệm vụ 1).",
		"1.2. Làm D (nhiệm vụ 4).",
		"2. Giao Phòng A báo cáo kết quả thực hiện nhiệm vụ: Phòng A chủ trì rà soát (nhiệm vụ 4a).",
		"3. Giao Phòng A báo cáo kết quả thực hiện nhiệm vụ: Tổng hợp: số liệu (nhiệm vụ 4b).",
		"4. Giao Phòng A chủ trì, phối hợp với Phòng B, Trung tâm C xây dựng: Báo cáo việc C (nhiệm vụ 3).",
		"5. Giao Phòng B, Trung tâm C báo cáo kết quả thực hiện các nhiệm vụ sau:",
		"5.1. Hoàn thành B (nhiệm vụ 2).",
		"5.2. Báo cáo việc G (nhiệm vụ 7).",
		"6. Giao các cơ quan, đơn vị chủ trì, phối hợp với Phòng B báo cáo kết quả thực hiện nhiệm vụ: Làm E (nhiệm vụ 5).",
		"7. Giao Phòng B xây dựng: Báo cáo việc F (nhiệm vụ 6).",
	}
	if !slices.Equal(got, want) {
		t.Errorf("task list:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A task about roads ("đường giao thông") is no assignment of its own: it
// stays in its lead unit's item, in the round's order.
func TestTaskListTrafficIsNoAssignment(t *testing.T) {
	units := unitMap([]tiendo.Unit{{ID: 1, Name: "Phòng Tài chính - Kế hoạch"}})
	lead := []tiendo.Assignee{{UnitID: 1, Role: tiendo.Lead}}
	r := &tiendo.Round{Tasks: []*tiendo.Task{
		{Position: 1, Label: "8", Text: "Báo cáo tiến độ cứng hóa đường giao thông nông thôn, hoàn thành 25,5 km đường bê tông", Assignees: lead},
		{Position: 2, Label: "9", Text: "Báo cáo tỷ lệ giải ngân vốn đầu tư công đạt 95% trở lên", Assignees: lead},
		{Position: 3, Label: "10", Text: "Báo cáo việc bàn giao mặt bằng và giao dịch bảo đảm", Assignees: lead},
	}}
	got := bodyText(Document(Input{Round: r, Units: units}, Meta{}, []Part{{Key: KeyOpening}, {Key: KeyRequirements}, {Key: KeyDeadline}, {Key: KeyClosing}}))
	want := []string{
		"1. Giao Phòng Tài chính - Kế hoạch xây dựng:",
		"1.1. Báo cáo tiến độ cứng hóa đường giao thông nông thôn, hoàn thành 25,5 km đường bê tông (nhiệm vụ 8).",
		"1.2. Báo cáo tỷ lệ giải ngân vốn đầu tư công đạt 95% trở lên (nhiệm vụ 9).",
		"1.3. Báo cáo việc bàn giao mặt bằng và giao dịch bảo đảm (nhiệm vụ 10).",
	}
	if !slices.Equal(got, want) {
		t.Errorf("task list:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, text := range []string{"Giao Phòng A rà soát", "đề nghị Phòng A báo cáo", "Tổ chức giao ban hằng tuần; giao Phòng B theo dõi"} {
		if !directive.GivesWork(text) {
			t.Errorf("GivesWork(%q) = false, want true", text)
		}
	}
}

func TestDocument(t *testing.T) {
	in := seedInput(t)
	date := time.Date(2022, 6, 3, 0, 0, 0, 0, tiendo.Zone)
	meta := Meta{Number: "212", Date: date, Signer: document.Signer{Title: "PHÓ CHỦ TỊCH", Name: "Hoàng Văn Minh"}, Distribution: []string{"TT HU"}}
	parts := []Part{
		{Key: KeyClosing, Text: "Đề nghị thực hiện nghiêm."},
		{Key: KeyOpening, Text: "Mở đầu đã sửa.\n\nĐoạn thứ hai\ncủa mở đầu:"},
		{Key: KeyOpening, Text: "bản trùng, bỏ qua"},
		{Key: KeyRequirements, Text: "  "},
		{Key: "unknown", Text: "không in"},
	}
	d := Document(in, meta, parts)
	if d.Kind != document.Letter || d.Symbol != DefaultSymbol || d.Number != "212" || !d.Date.Equal(date) || d.Issuer != seedIssuer || d.Place != "Hữu Lũng" {
		t.Errorf("page = kind %v, symbol %q, number %q, date %v, issuer %q, place %q", d.Kind, d.Symbol, d.Number, d.Date, d.Issuer, d.Place)
	}
	if d.Subject != Subject(in) || len(d.Recipients) != 12 || d.Signer.Name != "Hoàng Văn Minh" || !slices.Equal(d.Distribution, meta.Distribution) {
		t.Errorf("subject %q, %d recipients, signer %+v, distribution %q", d.Subject, len(d.Recipients), d.Signer, d.Distribution)
	}
	body := bodyText(d)
	if got, want := body[:2], []string{"Mở đầu đã sửa.", "Đoạn thứ hai của mở đầu:"}; !slices.Equal(got, want) {
		t.Errorf("opening = %q, want %q", got, want)
	}
	if got, want := body[len(body)-1], "Đề nghị thực hiện nghiêm."; got != want {
		t.Errorf("closing = %q, want %q", got, want)
	}
	// The requirements were emptied; the deadline part is drafted afresh,
	// its deadline in bold.
	dl := d.Body[len(d.Body)-2]
	if got, want := body[len(body)-2], Parts(in)[2].Text; got != want {
		t.Errorf("deadline = %q, want %q", got, want)
	}
	if len(dl.Spans) != 3 || dl.Spans[1].Text != "trước ngày 07/6/2022" || !dl.Spans[1].Bold || dl.Spans[0].Bold {
		t.Errorf("deadline spans = %+v", dl.Spans)
	}
	for _, l := range body {
		if strings.Contains(l, "Lưu ý") || strings.Contains(l, "không in") || strings.Contains(l, "bỏ qua") {
			t.Errorf("printed %q", l)
		}
	}
	if got := Document(in, Meta{Symbol: " UBND-NC "}, nil).Symbol; got != "UBND-NC" {
		t.Errorf("symbol = %q, want UBND-NC", got)
	}
}

func TestDraftMeta(t *testing.T) {
	m := DraftMeta(seedInput(t))
	if m.Number != "" || !m.Date.IsZero() || m.Symbol != "UBND-VP" {
		t.Errorf("number %q, date %v, symbol %q: want a draft of UBND-VP", m.Number, m.Date, m.Symbol)
	}
	if got, want := strings.Join(m.Signer.Authority, "|")+"|"+m.Signer.Title, "TL. CHỦ TỊCH|KT. CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG"; got != want {
		t.Errorf("signer = %s, want %s", got, want)
	}
	if got, want := m.Distribution, []string{"Ban Thường vụ Huyện ủy (b/c)", "CT, các PCT UBND huyện", "Lưu: VT, VP"}; !slices.Equal(got, want) {
		t.Errorf("distribution = %q, want %q", got, want)
	}
}

func codes(ws []directive.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code)
		if w.Line != 0 || w.Message == "" {
			panic("warning with a line or no message: " + w.Code)
		}
	}
	slices.Sort(out)
	return out
}

func TestCheck(t *testing.T) {
	issue := time.Date(2022, 6, 3, 0, 0, 0, 0, tiendo.Zone)
	tests := []struct {
		name   string
		change func(in *Input)
		issue  time.Time
		want   []string
	}{
		{"the seed", func(in *Input) {}, issue,
			[]string{WarnDeadlineBeforeCutoff, directive.WarnNotRecipient, directive.WarnDuplicateLabel}},
		{"the seed corrected", func(in *Input) {
			in.Round.Tasks[12].Label = "13"
			in.Round.UnitIDs = append(in.Round.UnitIDs, 12)
			in.Round.Deadline = tiendo.DeadlineBefore(2022, 6, 17)
		}, issue, nil},
		{"deadline on the issue date", func(in *Input) {}, time.Date(2022, 6, 7, 15, 0, 0, 0, tiendo.Zone),
			[]string{WarnDeadlineBeforeCutoff, directive.WarnDeadlineNotAfter, directive.WarnNotRecipient, directive.WarnDuplicateLabel}},
		{"deadline the day after issue", func(in *Input) {}, time.Date(2022, 6, 6, 23, 0, 0, 0, tiendo.Zone),
			[]string{WarnDeadlineBeforeCutoff, directive.WarnNotRecipient, directive.WarnDuplicateLabel}},
		{"deadline before the basis", func(in *Input) { in.Basis[0].Date = "2022-06-08" }, time.Time{},
			[]string{WarnDeadlineBeforeBasis, WarnDeadlineBeforeCutoff, directive.WarnNotRecipient, directive.WarnDuplicateLabel}},
		{"no deadline", func(in *Input) { in.Round.Deadline = time.Time{} }, issue,
			[]string{directive.WarnNoDeadline, directive.WarnNotRecipient, directive.WarnDuplicateLabel}},
		{"tasks without lead, text, label", func(in *Input) {
			in.Round.Tasks[0].Assignees = []tiendo.Assignee{{UnitID: 2, Role: tiendo.Support}}
			in.Round.Tasks[1].Text, in.Round.Tasks[1].Targets = " . ", nil
			in.Round.Tasks[2].Label = ""
			in.Round.Tasks[3].Label = "4.1"
			in.Round.Tasks[4].Text += " (xem thêm nhiệm vụ 3) và (Nhiệm vụ số 3)"
			in.Round.Tasks[5].Assignees = append(in.Round.Tasks[5].Assignees, tiendo.Assignee{UnitID: 77})
		}, issue, []string{WarnDeadlineBeforeCutoff, directive.WarnNotRecipient, WarnLabelUnreadable, WarnLabelUnreadable, WarnTaskWithoutText, WarnTextHasLabel,
			directive.WarnTaskWithoutUnit, directive.WarnDuplicateLabel, directive.WarnUnknownUnit}},
		{"target not in text", func(in *Input) { in.Round.Tasks[3].Targets[0].Value = 71 }, issue,
			[]string{WarnDeadlineBeforeCutoff, directive.WarnNotRecipient, WarnTargetNotInText, directive.WarnDuplicateLabel}},
		{"no tasks, unknown unit asked", func(in *Input) { in.Round.Tasks = nil; in.Round.UnitIDs = append(in.Round.UnitIDs, 404) }, issue,
			[]string{WarnDeadlineBeforeCutoff, directive.WarnNoTasks, directive.WarnUnknownUnit}},
		{"no round", func(in *Input) { in.Round = nil }, issue, []string{directive.WarnNoTasks}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := seedInput(t)
			tt.change(&in)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if got := codes(Check(in, tt.issue)); !slices.Equal(got, want) {
				t.Errorf("codes = %v, want %v\n%+v", got, want, Check(in, tt.issue))
			}
		})
	}
}

func TestCheckMessages(t *testing.T) {
	in := seedInput(t)
	msgs := map[string]string{}
	for _, w := range Check(in, time.Date(2022, 6, 8, 0, 0, 0, 0, tiendo.Zone)) {
		msgs[w.Code] = w.Message
	}
	for code, want := range map[string]string{
		directive.WarnDuplicateLabel:   `"12" được dùng hai lần`,
		directive.WarnNotRecipient:     `"Phòng Tài chính - Kế hoạch" được giao nhiệm vụ "12"`,
		directive.WarnDeadlineNotAfter: "(trước ngày 07/6/2022) không sau ngày ban hành công văn (08/6/2022)",
		WarnDeadlineBeforeCutoff:       "ước thực hiện",
	} {
		if !strings.Contains(msgs[code], want) {
			t.Errorf("%s: %q does not say %q", code, msgs[code], want)
		}
	}
}

func TestCheckParts(t *testing.T) {
	in := seedInput(t)
	tests := []struct {
		name  string
		parts []Part
		want  []string
	}{
		{"drafted", Parts(in), nil},
		{"not stored", nil, nil},
		{"edited, deadline kept", []Part{{Key: KeyDeadline, Text: "Gửi báo cáo\ntrước ngày 07/6/2022."}}, nil},
		{"stale", []Part{{Key: KeyDeadline, Text: "Gửi báo cáo trước ngày 05/6/2022."}}, []string{WarnDeadlineText}},
		{"emptied", []Part{{Key: KeyDeadline}}, []string{WarnDeadlineText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codes(CheckParts(in, tt.parts)); !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOddInput: nothing panics, and every document still writes.
func TestOddInput(t *testing.T) {
	weird := "\x00\u0301 \uFFFE" + strings.Repeat("dài ", 2000) + "\xff"
	tests := []struct {
		name string
		in   Input
	}{
		{"zero", Input{}},
		{"empty round", Input{Round: &tiendo.Round{}}},
		{"nil units", Input{Round: &tiendo.Round{UnitIDs: []int64{1}, Tasks: []*tiendo.Task{nil, {Assignees: []tiendo.Assignee{{UnitID: 1}}, Targets: []*tiendo.Target{nil}}}}}},
		{"weird text", Input{Issuer: weird, Place: weird, Office: weird, Basis: []directive.Basis{{Kind: weird, Date: weird, Issuer: weird}},
			Round: &tiendo.Round{Subject: weird, ReportContents: []string{weird, ""}, Period: tiendo.Period{Kind: "?", Year: -1, Index: 99},
				Deadline: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
				Tasks:    []*tiendo.Task{{Label: weird, Text: weird, Position: -5, Assignees: []tiendo.Assignee{{UnitID: 1, Role: "?"}}}}},
			Units: map[int64]*tiendo.Unit{1: {Name: weird}, 2: nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_ = Subject(tt.in)
			_ = Recipients(tt.in)
			_ = Check(tt.in, time.Now())
			_ = CheckParts(tt.in, Parts(tt.in))
			_ = DraftMeta(tt.in)
			d := Document(tt.in, Meta{}, []Part{{Key: KeyOpening, Text: weird}})
			var buf bytes.Buffer
			if err := document.WriteDOCX(&buf, d); err != nil {
				t.Errorf("WriteDOCX: %v", err)
			}
			buf.Reset()
			if err := document.WritePDF(&buf, d); err != nil {
				t.Errorf("WritePDF: %v", err)
			}
		})
	}
}

// TestTaskListShares: a task whose lead units share its targets out says
// in its item who reports which, by the names the letter gives the units
// and the targets without their numbers; a task whose targets every lead
// reports, or with one lead, reads as before.
func TestTaskListShares(t *testing.T) {
	units := unitMap([]tiendo.Unit{
		{ID: 1, Name: "Phòng Lao động - Thương binh và Xã hội"}, {ID: 2, Name: "Phòng Giáo dục và Đào tạo"},
		{ID: 3, Name: "Trung tâm Y tế huyện Hữu Lũng"}, {ID: 4, Name: "Phòng Nội vụ"},
	})
	lead := func(ids ...int64) []tiendo.Assignee {
		var out []tiendo.Assignee
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return out
	}
	target := func(text string, v float64, unit string, by int64) *tiendo.Target {
		return &tiendo.Target{Text: text, Comparator: tiendo.AtLeast, Value: v, Unit: unit, ReportedBy: by}
	}
	shared := "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên. Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia; nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%. Xây dựng 02 trạm y tế xã đạt chuẩn Bộ tiêu chí Quốc gia về y tế"
	r := &tiendo.Round{Tasks: []*tiendo.Task{
		{Position: 1, Label: "7", Text: shared, Assignees: lead(1, 2, 3), Targets: []*tiendo.Target{
			target("Giảm tỷ lệ hộ nghèo từ 3% trở lên", 3, "%", 1),
			target("Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia", 2, "trường", 2),
			target("nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", 42, "%", 2),
			target("Xây dựng 02 trạm y tế xã đạt chuẩn Bộ tiêu chí Quốc gia về y tế", 2, "trạm", 3),
		}},
		// Every lead unit reports each target: nothing to say.
		{Position: 2, Label: "8", Text: "Báo cáo việc giải quyết 95% hồ sơ đúng hạn", Assignees: lead(1, 2, 3), Targets: []*tiendo.Target{
			target("giải quyết 95% hồ sơ đúng hạn", 95, "%", 0)}},
		// One lead unit: it reports all its task's targets anyway.
		{Position: 3, Label: "9", Text: "Báo cáo việc tuyển dụng 12 công chức", Assignees: lead(4), Targets: []*tiendo.Target{
			target("tuyển dụng 12 công chức", 12, "công chức", 4)}},
		// Two shared out, one left to every lead unit, none to the third.
		{Position: 4, Label: "10", Text: "Báo cáo việc giảm tỷ lệ trẻ suy dinh dưỡng dưới 5%; đạt 90% trẻ được tiêm chủng; 100% hộ nghèo có bảo hiểm y tế", Assignees: lead(1, 2, 3), Targets: []*tiendo.Target{
			target("giảm tỷ lệ trẻ suy dinh dưỡng dưới 5%", 5, "%", 0),
			target("đạt 90% trẻ được tiêm chủng", 90, "%", 3),
			target("100% hộ nghèo có bảo hiểm y tế", 100, "%", 1),
		}},
	}}
	got := bodyText(Document(Input{Round: r, Units: units}, Meta{}, []Part{{Key: KeyOpening}, {Key: KeyRequirements}, {Key: KeyDeadline}, {Key: KeyClosing}}))
	want := []string{
		"1. Giao Phòng Lao động - Thương binh và Xã hội, Phòng Giáo dục và Đào tạo, Trung tâm Y tế huyện Hữu Lũng xây dựng:",
		"1.1. " + shared + "; trong đó, Phòng Lao động - Thương binh và Xã hội báo cáo chỉ tiêu giảm tỷ lệ hộ nghèo; " +
			"Phòng Giáo dục và Đào tạo báo cáo các chỉ tiêu xây dựng trường học đạt chuẩn quốc gia và nâng tỷ lệ huy động trẻ nhà trẻ ra lớp; " +
			"Trung tâm Y tế huyện Hữu Lũng báo cáo chỉ tiêu xây dựng trạm y tế xã đạt chuẩn Bộ tiêu chí Quốc gia về y tế (nhiệm vụ 7).",
		"1.2. Báo cáo việc giải quyết 95% hồ sơ đúng hạn (nhiệm vụ 8).",
		"1.3. Báo cáo việc giảm tỷ lệ trẻ suy dinh dưỡng dưới 5%; đạt 90% trẻ được tiêm chủng; 100% hộ nghèo có bảo hiểm y tế; trong đó, " +
			"Phòng Lao động - Thương binh và Xã hội báo cáo chỉ tiêu hộ nghèo có bảo hiểm y tế; Trung tâm Y tế huyện Hữu Lũng báo cáo chỉ tiêu trẻ được tiêm chủng; " +
			"mỗi đơn vị đều báo cáo chỉ tiêu giảm tỷ lệ trẻ suy dinh dưỡng (nhiệm vụ 10).",
		"2. Giao Phòng Nội vụ xây dựng: Báo cáo việc tuyển dụng 12 công chức (nhiệm vụ 9).",
	}
	if !slices.Equal(got, want) {
		t.Errorf("task list:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A task whose text already says the split (a round made from such a
	// letter) does not say it twice.
	again := *r.Tasks[0]
	again.Text = strings.TrimSuffix(strings.TrimPrefix(want[1], "1.1. "), " (nhiệm vụ 7).")
	if got, want := itemText(Input{Round: r, Units: units}, &again), again.Text; got != want {
		t.Errorf("item text of a text that says the split:\n got %q\nwant %q", got, want)
	}
	// Its split changed since (the schools now the health centre's), the
	// letter says the new one only.
	moved := again
	moved.Targets = []*tiendo.Target{
		target("Giảm tỷ lệ hộ nghèo từ 3% trở lên", 3, "%", 1),
		target("Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia", 2, "trường", 3),
	}
	got2 := itemText(Input{Round: r, Units: units}, &moved)
	if n := strings.Count(got2, "trong đó"); n != 1 || !strings.Contains(got2, "Trung tâm Y tế huyện Hữu Lũng báo cáo chỉ tiêu xây dựng trường học đạt chuẩn quốc gia") {
		t.Errorf("item text after the split changed says “trong đó” %d times:\n%s", n, got2)
	}
}

func TestTargetName(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Giảm tỷ lệ hộ nghèo từ 3% trở lên", "giảm tỷ lệ hộ nghèo"},
		{"Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia", "xây dựng trường học đạt chuẩn quốc gia"},
		{"nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", "nâng tỷ lệ huy động trẻ nhà trẻ ra lớp"},
		{"phân đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên", "tỷ lệ giải phóng mặt bằng"},
		{"Phân đấu ít nhất có 02 sản phẩm tham gia chương trình OCOP được tiêu chuẩn hóa, gắn sao", "sản phẩm tham gia chương trình OCOP được tiêu chuẩn hóa, gắn sao"},
		{"Phân đấu có 02 dự án trở lên được hưởng ưu đãi đầu tư theo Nghị quyết số 08/2019/NQ-HĐND", "có dự án được hưởng ưu đãi đầu tư theo Nghị quyết"},
		{"gọi công dân nhập ngũ năm 2022 đảm bảo hoàn thành 100% chỉ tiêu được giao, chất lượng tốt", "gọi công dân nhập ngũ đảm bảo hoàn thành chỉ tiêu được giao, chất lượng tốt"},
		{"tỷ lệ nợ đọng không vượt quá 15 %, giảm dần", "tỷ lệ nợ đọng, giảm dần"},
		{"thu ngân sách trên địa bàn đạt 1.250 tỷ đồng", "thu ngân sách trên địa bàn"},
		{"xã đạt 15,2 tiêu chí", "xã đạt tiêu chí"},
		{"tỷ lệ thất nghiệp thấp hơn 3%", "tỷ lệ thất nghiệp"},
		{"100%", "thứ ba"},
		{"", "thứ ba"},
	}
	for _, tt := range tests {
		if got := targetName(&tiendo.Target{Text: tt.text}, 3); got != tt.want {
			t.Errorf("targetName(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if got := targetName(&tiendo.Target{}, 12); got != "thứ 12" {
		t.Errorf("the 12th target without text is %q, want \"thứ 12\"", got)
	}
}
