package directive

import (
	"strings"
	"testing"

	"tiendo/internal/vi"
)

// TestSlashLabels: "1/ ", "2.1/ " number items as "1." does; a date at the
// start of a wrapped line ("20/4/2024 của ...") is no label.
func TestSlashLabels(t *testing.T) {
	for _, c := range []struct {
		in    string
		label string
		ok    bool
	}{
		{"1/ Trung tâm Y tế báo cáo", "1", true},
		{"3/Bệnh viện Đa khoa tỉnh chuẩn bị", "3", true},
		{"2.1/ Phòng Nội vụ rà soát", "2.1", true},
		{"20/4/2024 của Bộ Y tế về việc", "", false},
		{"10/10 đơn vị đạt chuẩn", "", false},
	} {
		l, ok := parseLabel(c.in)
		if ok != c.ok || ok && (l.kind != number || l.label != c.label) {
			t.Errorf("parseLabel(%q) = %q %v, want %q %v", c.in, l.label, ok, c.label, c.ok)
		}
	}
}

// TestForUnitBullets: "- Đối với <unit>: ..." bullets under a group
// heading are tasks led by the unit; the group heading is not a task.
func TestForUnitBullets(t *testing.T) {
	src := `Kính gửi:
- Phòng Tài chính - Kế hoạch;
- Công an huyện.

Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị báo cáo như sau:

1. Lĩnh vực kinh tế
- Đối với Phòng Tài chính - Kế hoạch: Báo cáo thu ngân sách đạt 415 tỷ đồng.
2. Lĩnh vực an ninh
- Đối với Công an huyện: Báo cáo tình hình an ninh trật tự.

Báo cáo gửi trước ngày 18/9/2023.
`
	res := Parse(src, nil)
	var got []string
	for _, tk := range res.Tasks {
		var leads []string
		for _, a := range tk.Assignees {
			if a.Role == "lead" {
				leads = append(leads, a.Name)
			}
		}
		got = append(got, tk.Label+"|"+strings.Join(leads, ","))
	}
	want := []string{"|Phòng Tài chính - Kế hoạch", "|Công an huyện"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("tasks = %q, want %q", got, want)
	}
	// Without a colon, "Đối với" names what the work is about.
	p := &parser{res: &Result{}}
	s := "Đối với các dự án chậm tiến độ, nêu rõ nguyên nhân"
	if a, ok := p.forUnit(s, vi.Fold(s)); ok {
		t.Errorf("forUnit(%q) = %q, want none", s, a.leads)
	}
}

// TestStampsAndFootnotes: an e-signature stamp on top of a page, the page
// number before it and the footnotes at the bottom of the page are no
// part of the text.
func TestStampsAndFootnotes(t *testing.T) {
	raw := strings.Split(`a) Rà soát, đánh giá tỷ lệ đạt tối thiểu 40%2.
b) Đẩy nhanh giải ngân vốn.

1 Văn bản số 3120/VPCP-NN ngày 28/5/2026.
2 Đến ngày 31/5/2026, cả nước có 64,6% xã đạt chuẩn
theo Bộ tiêu chí.
2
Ký bởi: Bộ Nông nghiệp và Môi trường
Thời gian ký: 04.06.2026 17:05:12 +07:00
c) Chỉ đạo các xã triển khai.`, "\n")
	marks := pageMarks(raw)
	var kept []string
	for i, s := range raw {
		if !marks[i] {
			kept = append(kept, s)
		}
	}
	want := []string{raw[0], raw[1], raw[len(raw)-1]}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept %q, want %q", kept, want)
	}
	// Numbered lines after a blank line that do not run to a page's end
	// are text.
	raw = strings.Split("Mở đầu.\n\n1 Tổng thu ngân sách\n2 Tổng chi ngân sách\n\nHết.", "\n")
	if marks := pageMarks(raw); len(marks) != 0 {
		t.Errorf("pageMarks(%q) = %v, want none", raw, marks)
	}
}
