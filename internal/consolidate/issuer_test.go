package consolidate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/directive"
)

// directiveRound reads a directive of testdata into a round, its tasks
// numbered, as the store would give it back.
func directiveRound(t *testing.T, name string) *tiendo.Round {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", name))
	if err != nil {
		t.Fatal(err)
	}
	res := directive.Parse(string(src), nil)
	r := &tiendo.Round{ID: 1, Source: string(src), Issuer: res.Issuer, Subject: res.Subject, DocNumber: res.Number, DocSymbol: res.Symbol, DocDate: res.Date}
	if res.Period != nil {
		r.Period = *res.Period
	}
	for i, task := range res.Tasks {
		r.Tasks = append(r.Tasks, &tiendo.Task{ID: int64(i + 1), Position: i + 1, Label: task.Label, Text: task.Text})
	}
	return r
}

// A district's report on a round made from the province's directive is the
// district's: it answers the province's công văn (not the ministry's letter
// the province carried out, nor the province's instruction to its
// departments), is issued and dated by the district, and goes to the
// province.
func TestReportOnAnotherBodysDirective(t *testing.T) {
	round := directiveRound(t, "tinh-2026-9thang-interleaved.txt")
	if round.Issuer != "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" {
		t.Fatalf("the directive's issuer is %q", round.Issuer)
	}
	in := Input{Round: round, Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}
	open, _ := Regenerate(in, KeyOpening)
	want := "Thực hiện Công văn số 1826/UBND-KT ngày 04/9/2026 của UBND tỉnh Lạng Sơn về việc báo cáo tình hình thực hiện các chỉ tiêu kinh tế - xã hội 9 tháng năm 2026; " +
		"trên cơ sở tình hình thực hiện của các cơ quan, đơn vị, UBND huyện báo cáo tình hình thực hiện các chỉ tiêu kinh tế - xã hội 9 tháng năm 2026 như sau:"
	if open.Text != want {
		t.Errorf("opening\n got: %s\nwant: %s", open.Text, want)
	}
	m := MetaFor(in)
	if m.Issuer != "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG" || m.Place != "Hữu Lũng" {
		t.Errorf("the report is from %q, dated at %q; want the district, at Hữu Lũng", m.Issuer, m.Place)
	}
	if !slices.Contains(m.Distribution, "UBND tỉnh Lạng Sơn (b/c)") || slices.Contains(m.Distribution, "Bộ Kế hoạch và Đầu tư (b/c)") {
		t.Errorf("distribution %q: want the province that asked, not the ministry it answers", m.Distribution)
	}
	closing, _ := Regenerate(in, KeyClosing)
	if !strings.Contains(closing.Text, "của UBND huyện Hữu Lũng.") {
		t.Errorf("closing %q is not the district's", closing.Text)
	}

	// The place set for the body wins over the one its name gives.
	in.Place = "TT. Hữu Lũng"
	if m := MetaFor(in); m.Place != "TT. Hữu Lũng" {
		t.Errorf("place %q, want the one set", m.Place)
	}

	// Run by the province itself, the directive is its own request to its
	// departments: the report answers the ministry's letter, without the
	// words in which the province went on to instruct its departments.
	in = Input{Round: round, Issuer: "Ủy ban nhân dân tỉnh Lạng Sơn"}
	open, _ = Regenerate(in, KeyOpening)
	want = "Thực hiện Công văn số 7512/BKHĐT-TH ngày 20/8/2026 của Bộ Kế hoạch và Đầu tư về việc báo cáo tình hình kinh tế - xã hội 9 tháng năm 2026; " +
		"trên cơ sở tình hình thực hiện của các cơ quan, đơn vị, UBND tỉnh báo cáo tình hình thực hiện các chỉ tiêu kinh tế - xã hội 9 tháng năm 2026 như sau:"
	if open.Text != want {
		t.Errorf("the province's own opening\n got: %s\nwant: %s", open.Text, want)
	}
	if m := MetaFor(in); m.Place != "Lạng Sơn" {
		t.Errorf("the province's place %q", m.Place)
	}
}

// What a cited document is about stops where the directive goes on to
// give its own instruction, in every directive that does.
func TestOpeningLeavesOutTheInstruction(t *testing.T) {
	for _, tt := range []struct{ file, issuer, want string }{
		{"vi-thanh-2011-quy1.txt", "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "kết quả thực hiện Nghị quyết số 11/NQ-CP ngày 24/02/2011 của Chính phủ; Nghị quyết"},
		{"so-ldtbxh-2025-chi-tieu-theo-huyen.txt", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2025; trên cơ sở"},
		{"xa-2026-trong-do-chi-tieu.txt", "ỦY BAN NHÂN DÂN XÃ NAM ĐÀN", "kế hoạch phát triển kinh tế - xã hội năm 2026; trên cơ sở"},
		{"huu-lung-2022-06.txt", "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", "06 tháng đầu năm 2022; trên cơ sở"},
	} {
		open, _ := Regenerate(Input{Round: directiveRound(t, tt.file), Issuer: tt.issuer}, KeyOpening)
		if !strings.Contains(open.Text, tt.want) {
			t.Errorf("%s: opening %q lacks %q", tt.file, open.Text, tt.want)
		}
		for _, bad := range []string{"yêu cầu", "đề nghị các", "chỉ đạo như sau", "như sau;", "giao chỉ tiêu giảm nghèo năm 2025 cho"} {
			if strings.Contains(open.Text, bad) {
				t.Errorf("%s: opening %q quotes the directive's instruction (%q)", tt.file, open.Text, bad)
			}
		}
	}
}

// A task's heading says what the task is, not who leads it, in the
// directives that open each task with its units.
func TestHeadingDropsTheAssignment(t *testing.T) {
	tests := []struct {
		file  string
		want  []string
		avoid []string
	}{
		{"tinh-2026-9thang-interleaved.txt", []string{
			"Nhiệm vụ 1: Kết quả thu ngân sách nhà nước",
			"Nhiệm vụ 2: Tiến độ xây dựng nông thôn mới",
			"Nhiệm vụ 3: Kết quả xây dựng trường chuẩn quốc gia, tỷ lệ trường đạt chuẩn không dưới 75%",
			"Nhiệm vụ 5: Kết quả thu hút khách du lịch",
			"Nhiệm vụ 6: Kết quả bảo đảm an ninh trật tự, kéo giảm tai nạn giao thông trên cả 3 tiêu chí",
		}, nil},
		{"chi-thi-tinh-2026-giao-so.txt", []string{
			"Nhiệm vụ 1: Rà soát, điều chuyển vốn của các dự án chậm giải ngân",
			"Nhiệm vụ 2: Tập trung tháo gỡ vướng mắc về giải phóng mặt bằng các dự án trọng điểm",
			"Nhiệm vụ 5: Đẩy mạnh phát triển người tham gia bảo hiểm y tế",
		}, nil},
		{"huyen-uy-2022-635-cv.txt", []string{
			"Nhiệm vụ 1: Lãnh đạo, chỉ đạo hoàn thành các chỉ tiêu phát triển kinh tế - xã hội",
			"Nhiệm vụ 3: Tham mưu kết nạp đảng viên mới",
		}, nil},
		{"ocr-huyen-2024-quet-trang.txt", []string{"Nhiệm vụ 1: Tình hình thu, chi ngân sách", "Nhiệm vụ 4: Công tác chuẩn bị năm học mới"}, nil},
		{"thong-bao-ket-luan-chu-tich-2025.txt", []string{"Đôn đốc các chủ đầu tư đẩy nhanh tiến độ", "Tập trung các giải pháp chống thất thu"}, nil},
		{"cong-van-khong-cau-truc.txt", []string{"Tình hình dịch sốt xuất huyết trên địa bàn trong tháng 7 năm 2024"}, []string{"gửi về"}},
		{"dang-uy-xa-2025-bullets-chu-cai.txt", []string{"Tổng giá trị sản xuất tăng 7% so với kế hoạch", "Tỷ lệ hộ nghèo giảm còn dưới 2,5%"}, nil},
		{"ubnd-xa-2025-thang10-dinh-ky.txt", []string{"Nhiệm vụ 2: Kết quả vận động người dân tham gia bảo hiểm y tế"}, nil},
		// Headings that name no unit stay as they were.
		{"huu-lung-2022-06.txt", []string{"Nhiệm vụ 4: Hoàn thành đúng tiến độ công tác bồi thường, giải phóng mặt bằng các dự án trên địa bàn huyện"}, nil},
		{"markdown-ban-tuyen-giao-2025.txt", []string{"Nhiệm vụ 1: Công tác giáo dục chính trị tư tưởng"}, nil},
	}
	for _, tt := range tests {
		secs := Draft(Input{Round: directiveRound(t, tt.file), Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"})
		var hs []string
		for _, s := range secs {
			if strings.HasPrefix(s.Key, taskKeyPrefix) {
				hs = append(hs, s.Heading)
			}
		}
		all := strings.Join(hs, "\n")
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no heading %q in\n%s", tt.file, w, all)
			}
		}
		for _, h := range hs {
			for _, bad := range append([]string{"chủ trì", "phối hợp với", "Giao ", "Đề nghị "}, tt.avoid...) {
				if strings.Contains(h, bad) {
					t.Errorf("%s: heading %q names who leads the task (%q)", tt.file, h, bad)
				}
			}
		}
	}
}

// A verb inside the cited subject's own words is not an instruction: the
// subject keeps its law's name and its bodies.
func TestDropInstructionKeepsTheSubject(t *testing.T) {
	for in, want := range map[string]string{
		"triển khai thi hành Luật Trật tự, An toàn giao thông đường bộ năm 2024":                                        "triển khai thi hành Luật Trật tự, An toàn giao thông đường bộ năm 2024",
		"quy chế phối hợp giữa Công an tỉnh, Sở Giao thông vận tải trong bảo đảm trật tự":                               "quy chế phối hợp giữa Công an tỉnh, Sở Giao thông vận tải trong bảo đảm trật tự",
		"báo cáo tình hình kinh tế - xã hội 9 tháng năm 2026, Chủ tịch UBND tỉnh yêu cầu các sở, ngành báo cáo như sau": "báo cáo tình hình kinh tế - xã hội 9 tháng năm 2026",
		"tổng kết năm 2025, Ủy ban nhân dân tỉnh Lạng Sơn giao các sở thực hiện":                                        "tổng kết năm 2025",
	} {
		if got := dropInstruction(in); got != want {
			t.Errorf("dropInstruction(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}
