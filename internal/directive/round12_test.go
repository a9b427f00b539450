package directive

import (
	"slices"
	"testing"
)

// The rules of round twelve, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// tasksByLabel lists a parse's tasks as "label: leads".
func tasksByLabel(r *Result) []string {
	var got []string
	for _, tk := range r.Tasks {
		got = append(got, tk.Label+": "+joinNames(roleNames(tk, "lead")))
	}
	return got
}

// TestParenNumberedItems: paragraphs opening "(1)", "(2)" ... right under a
// section heading, or in a letter with no section, are its numbered items,
// labelled "1", "2" ...; under a numbered or lettered item they are that
// item's points, and a "(2)" that starts no list, or brackets with no words
// after them, are no item.
func TestParenNumberedItems(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nHUYỆN YÊN LẬP\nSố: 118/TB-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nYên Lập, ngày 12 tháng 3 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân huyện tại buổi làm việc tháng 3 năm 2025\n\n"
	tail := "\n\nIII. CHẾ ĐỘ BÁO CÁO\nCác cơ quan báo cáo kết quả trước ngày 28/3/2025./.\n"
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"under a section",
			"I. KẾT QUẢ\nTháng 2 năm 2025, thu ngân sách đạt 12,4 tỷ đồng.\n\nII. NHIỆM VỤ THÁNG 3\nĐề nghị các cơ quan thực hiện tốt các nội dung sau:\n\n(1) Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với Ủy ban nhân dân các xã rà soát ít nhất 15 km đường giao thông nông thôn.\n\n(2) Phòng Văn hóa và Thông tin tuyên truyền Kế hoạch đến 100% khu dân cư.\n\n(3) Công an huyện bảo đảm an ninh trật tự tại các lễ hội.",
			[]string{"1: Phòng Kinh tế và Hạ tầng", "2: Phòng Văn hóa và Thông tin", "3: Công an huyện"}},
		{"no blank lines, letters inside an item",
			"II. NHIỆM VỤ THÁNG 3\n(1) Phòng Tài chính - Kế hoạch:\na) Đôn đốc thu ngân sách đạt tối thiểu 30% dự toán.\nb) Tham mưu giải ngân vốn đầu tư công.\n(2) Trung tâm Y tế huyện tổ chức tiêm chủng cho trẻ em đạt trên 95%.",
			[]string{"1a: Phòng Tài chính - Kế hoạch", "1b: Phòng Tài chính - Kế hoạch", "2: Trung tâm Y tế huyện"}},
		// Left alone: the points of a lettered item stay its text.
		{"points of a letter",
			"II. NHIỆM VỤ THÁNG 3\n1. Phòng Tài chính - Kế hoạch:\na) Các chỉ tiêu thu\n(1) Thu ngân sách đạt 30% dự toán.\n(2) Thu tiền sử dụng đất đạt 25% kế hoạch.\nb) Tham mưu giải ngân vốn đầu tư công.",
			[]string{"1a: Phòng Tài chính - Kế hoạch", "1b: Phòng Tài chính - Kế hoạch"}},
		{"a bracket that starts no list",
			"II. NHIỆM VỤ THÁNG 3\n1. Phòng Tư pháp rà soát văn bản quy phạm pháp luật.\n\n(2) Văn bản hết hiệu lực được công bố trên Cổng thông tin điện tử.",
			[]string{"1: Phòng Tư pháp"}},
	} {
		if got := tasksByLabel(Parse(head+c.body+tail, nil)); !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
	}
	// A letter with no section: the list is its own.
	r := Parse("Kính gửi:\n- Phòng Nội vụ;\n- Phòng Tư pháp.\n\nỦy ban nhân dân huyện đề nghị:\n\n(1) Phòng Nội vụ rà soát vị trí việc làm của 100% cơ quan.\n\n(2) Phòng Tư pháp kiểm tra ít nhất 05 xã về công tác hộ tịch.\n\nCác cơ quan báo cáo trước ngày 20/4/2025./.\n", nil)
	if got, want := tasksByLabel(r), []string{"1: Phòng Nội vụ", "2: Phòng Tư pháp"}; !slices.Equal(got, want) {
		t.Errorf("a letter: tasks %q, want %q", got, want)
	}
	for _, c := range []struct {
		s          string
		after      labelKind
		prev       int
		want       string
		wantItem   bool
		wantNumber int
	}{
		{"(1) Phòng Nội vụ rà soát", section, 0, "1", true, 1},
		{"(1) Phòng Nội vụ rà soát", plain, 0, "1", true, 1},
		{"(4) Công an huyện bảo đảm", number, 3, "4", true, 4},
		// Left alone.
		{"(1) Thu ngân sách đạt 30%", letter, 0, "", false, 0},
		{"(1) Thu ngân sách đạt 30%", number, 0, "", false, 0},
		{"(3) Công an huyện bảo đảm", section, 0, "", false, 0},
		{"(5) Công an huyện bảo đảm", number, 3, "", false, 0},
		{"(1)\t(2)\t(3)", section, 0, "", false, 0},
		{"(1) 25 xã", section, 0, "", false, 0},
	} {
		l, n, ok := parenItem(c.s, c.after, c.prev)
		if ok != c.wantItem || l.label != c.want || n != c.wantNumber {
			t.Errorf("parenItem(%q, %v, %d) = %q, %d, %v; want %q, %d, %v", c.s, c.after, c.prev, l.label, n, ok, c.want, c.wantNumber, c.wantItem)
		}
	}
}

// TestJointDocumentType: the type line of a document two bodies issue
// together ("KẾ HOẠCH LIÊN TỊCH", "CHƯƠNG TRÌNH PHỐI HỢP") has the subject
// under it, as "KẾ HOẠCH" does; a cited joint programme with a number is
// a basis.
func TestJointDocumentType(t *testing.T) {
	for _, c := range []struct{ typ, subject string }{
		{"KẾ HOẠCH LIÊN TỊCH", "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025"},
		{"CHƯƠNG TRÌNH PHỐI HỢP", "Thực hiện cuộc vận động xây dựng nông thôn mới giai đoạn 2025 - 2030"},
		{"THÔNG BÁO LIÊN TỊCH", "Tổ chức hội nghị đối thoại với nhân dân năm 2025"},
		// Left alone: a plain type.
		{"KẾ HOẠCH", "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025"},
	} {
		text := "ỦY BAN NHÂN DÂN XÃ MINH TIẾN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN THƯỜNG TRỰC ỦY BAN MTTQ\tĐộc lập - Tự do - Hạnh phúc\nSố: 03/KHLT-UBND-MTTQ\tMinh Tiến, ngày 02 tháng 10 năm 2025\n\n" +
			c.typ + "\n" + c.subject + "\n\nCăn cứ Chương trình phối hợp số 11/CTrPH-UBND-MTTQ ngày 15/01/2025 giữa Ủy ban nhân dân xã và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã;\nCăn cứ Quy chế phối hợp số 02/QCPH-UBND-MTTQ ngày 20/02/2023;\nThực hiện sự phối hợp giữa các đoàn thể trong năm 2025;\n\nI. MỤC ĐÍCH\nPhát huy sức mạnh đoàn kết.\n"
		r := Parse(text, nil)
		if r.Subject != c.subject {
			t.Errorf("%s: subject %q, want %q", c.typ, r.Subject, c.subject)
		}
		var got []string
		for _, b := range r.Basis {
			got = append(got, b.Ref+" "+b.Date)
		}
		if want := []string{"11/CTrPH-UBND-MTTQ 2025-01-15", "02/QCPH-UBND-MTTQ 2023-02-20"}; !slices.Equal(got, want) {
			t.Errorf("%s: basis %q, want %q", c.typ, got, want)
		}
	}
	for _, c := range []struct {
		f    string
		want bool
	}{
		{"ke hoach lien tich", true}, {"chuong trinh phoi hop", true}, {"quy che phoi hop", true}, {"ke hoach", true},
		// Left alone: bodies and words that only end so.
		{"hoi dong phoi hop", false}, {"ban lien tich", false}, {"quy che", false}, {"lien tich", false},
	} {
		if got := isDocType(c.f); got != c.want {
			t.Errorf("isDocType(%q) = %v, want %v", c.f, got, c.want)
		}
	}
}

// TestPeopleAndWorkdayUnits: people counted by their standing ("công dân",
// "quần chúng", "thanh niên") and labour in "ngày công" are units of two
// syllables; a term in days stays no target.
func TestPeopleAndWorkdayUnits(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"gọi ít nhất 85 công dân nhập ngũ đợt một", []string{">= 85 công dân"}},
		{"bồi dưỡng nhận thức về Đảng cho tối thiểu 12 quần chúng", []string{">= 12 quần chúng"}},
		{"vận động ít nhất 40 thanh niên tham gia tình nguyện", []string{">= 40 thanh niên"}},
		{"huy động ít nhất 300 ngày công làm đường giao thông", []string{">= 300 ngày công"}},
		// Left alone.
		{"gửi hồ sơ trong 05 ngày làm việc", nil},
		{"hoàn thành ít nhất 20 công trình", []string{">= 20 công trình"}},
		{"hỗ trợ ít nhất 30 hộ nghèo", []string{">= 30 hộ"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestBareRangeLowerEnd: "từ 17 đến 27" with no unit after either end (an
// age span written without "tuổi") is no target at its lower end; a range
// with a unit is read whole as before.
func TestBareRangeLowerEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"rà soát nam thanh niên trong độ tuổi từ 17 đến 27", nil},
		{"rà soát lao động nữ từ 16 đến 55; hỗ trợ ít nhất 20 người", []string{">= 20 người"}},
		// Left alone.
		{"tăng từ 8 đến 10% so với cùng kỳ", []string{">= 8 % increase (same-period)"}},
		{"trồng mới từ 20 đến 25 ha rừng", []string{">= 20 ha"}},
		{"tỷ lệ đạt từ 90% trở lên", []string{">= 90 %"}},
		{"trẻ từ 3 đến dưới 6 tuổi đến trường đạt 98%", []string{"= 98 %"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSchoolYearResultInBrackets: a past school year's result in brackets
// beside a goal ("(năm học 2022 - 2023 đạt 81,5%)") is no target, as a
// past year's is; one that sets a goal, or a result outside brackets, is
// read as before.
func TestSchoolYearResultInBrackets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"tỷ lệ học sinh lên lớp đạt trên 97% (năm học 2022 - 2023 đạt 95,2%)", []string{"> 97 %"}},
		{"tổ chức ít nhất 03 lớp (năm học 2023-2024 có 02 lớp)", []string{">= 3 lớp"}},
		// Left alone.
		{"tỷ lệ đạt 90% (năm học 2025 - 2026 phấn đấu đạt 92%)", []string{"= 90 %", "= 92 %"}},
		{"năm học 2024 - 2025 tỷ lệ chuyên cần đạt 96%", []string{"= 96 %"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPastYearSentenceInTask: a sentence of a task that opens with a year
// before the plan's ("Năm 2025, cả tỉnh thu hoạch được 41.200 tấn")
// recalls a result and sets no target; the plan's own year, or a goal
// mark, keeps the figures.
func TestPastYearSentenceInTask(t *testing.T) {
	head := "UBND TỈNH HÒA BÌNH\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 77/KH-SNNMT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa Bình, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nSản xuất nông nghiệp năm 2026\n\nI. NHIỆM VỤ\n1. Chi cục Trồng trọt và Bảo vệ thực vật chủ trì hướng dẫn gieo trồng, bảo đảm sản lượng lương thực đạt trên 42.000 tấn. "
	tail := "\n\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả trước ngày 10/12/2026./.\n"
	for _, c := range []struct {
		sentence string
		want     []string
	}{
		{"Năm 2025, cả tỉnh thu hoạch được 41.200 tấn lương thực.", []string{"> 42000 tấn"}},
		{"Trong năm 2024, toàn tỉnh có 35 hợp tác xã.", []string{"> 42000 tấn"}},
		// Left alone.
		{"Năm 2026, diện tích lúa chất lượng cao đạt 6.500 ha.", []string{"> 42000 tấn", "= 6500 ha"}},
		{"Năm 2025, phấn đấu có ít nhất 10 hợp tác xã mới.", []string{"> 42000 tấn", ">= 10 hợp tác xã"}},
		{"Tăng ít nhất 5% so với năm 2025.", []string{"> 42000 tấn", ">= 5 % increase (same-period)"}},
	} {
		r := Parse(head+c.sentence+tail, nil)
		if len(r.Tasks) != 1 {
			t.Errorf("%q: %d tasks, want 1", c.sentence, len(r.Tasks))
			continue
		}
		var got []string
		for _, g := range r.Tasks[0].Targets {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: targets %q, want %q", c.sentence, got, c.want)
		}
	}
}
