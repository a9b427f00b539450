package directive

import (
	"slices"
	"testing"
)

// TestOrdinalLabels: items numbered in words, "Thứ nhất, ..." and "Hai là,
// ...", are labelled as written; the weekday "Thứ hai, ngày ..." is no
// label.
func TestOrdinalLabels(t *testing.T) {
	for _, c := range []struct {
		in    string
		label string
		ok    bool
	}{
		{"Thứ nhất, về công tác cán bộ: giao Phòng Nội vụ rà soát", "Thứ nhất", true},
		{"Thứ mười hai: Công an phường tăng cường tuần tra", "Thứ mười hai", true},
		{"Hai là, Ủy ban nhân dân các xã rà soát hộ nghèo", "Hai là", true},
		{"THỨ BA. Đẩy mạnh cải cách hành chính", "THỨ BA", true},
		{"Thứ hai, ngày 20/11/2025 họp giao ban", "", false},
		{"Thứ hai tuần sau họp giao ban", "", false},
	} {
		l, ok := parseLabel(c.in)
		if ok != c.ok || ok && (l.kind != number || l.label != c.label) {
			t.Errorf("parseLabel(%q) = %q %v, want %q %v", c.in, l.label, ok, c.label, c.ok)
		}
	}

	src := "Kính gửi: Phòng Kinh tế; Công an xã.\n\n" +
		"Thứ nhất, giao Phòng Kinh tế hướng dẫn các thôn gieo trồng, bảo đảm diện tích đạt 300 ha trở lên.\n\n" +
		"Thứ hai, giao Công an xã bảo đảm an ninh, trật tự; giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ.\n\n" +
		"Các đơn vị báo cáo kết quả trước ngày 20/11/2025.\n"
	r := Parse(src, nil)
	var got []string
	for _, tk := range r.Tasks {
		got = append(got, tk.Label+": "+roleNames(tk, "lead")[0]+" "+targetString(tk.Targets[0]))
	}
	want := []string{"Thứ nhất: Phòng Kinh tế >= 300 ha", "Thứ hai: Công an xã >= 5 %"}
	if !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
}

// TestPlacesTable: a table of places by indicators ("Xã, phường | Tỷ lệ
// ... tối thiểu (%) | ... (người)") gives each place its targets; the sum
// row is no one's task.
func TestPlacesTable(t *testing.T) {
	src := "Điều 1. Giao chỉ tiêu năm 2026 cho các xã (chi tiết tại Phụ lục).\n\n" +
		"| TT | Tên xã/phường | Tỷ lệ thu gom rác thải tối thiểu (%) | Số lao động được đào tạo nghề (người) |\n" +
		"|---|---|---|---|\n" +
		"| 1 | Xã Đông Hòa | 85 | 120 |\n" +
		"| 2 | Phường Tây Sơn | 95 | 80 |\n" +
		"| | Toàn huyện | | 200 |\n"
	r := Parse(src, nil)
	var got []string
	for _, tk := range r.Tasks {
		line := tk.Label + " " + roleNames(tk, "lead")[0] + ":"
		for _, g := range tk.Targets {
			line += " " + targetString(g)
		}
		got = append(got, line)
	}
	want := []string{"1 Xã Đông Hòa: >= 85 % = 120 người", "2 Phường Tây Sơn: >= 95 % = 80 người"}
	if !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
	for _, h := range []string{"xa, thi tran", "ten huyen/thanh pho", "xa, phuong va dac khu"} {
		if !placesHead(h) {
			t.Errorf("placesHead(%q) = false", h)
		}
	}
	for _, h := range []string{"noi dung", "xa hoi hoa", "ten chi tieu"} {
		if placesHead(h) {
			t.Errorf("placesHead(%q) = true", h)
		}
	}
}
