package consolidate

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tiendo"
	"tiendo/internal/vi"
)

// A unit's comparison with the same period is introduced by "So với cùng
// kỳ năm trước, " only when it does not say so itself, however it writes
// it: in capitals, without diacritics, decomposed, "kì" for "kỳ", at its
// start or further on.
func TestLeadTextSamePeriod(t *testing.T) {
	tests := []struct{ same, want string }{
		{"So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 18%.", "So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 18%."},
		{"so với cùng kỳ năm trước kết quả tăng 18%.", "so với cùng kỳ năm trước kết quả tăng 18%."},
		{"SO VỚI CÙNG KỲ NĂM TRƯỚC, TĂNG 18%.", "SO VỚI CÙNG KỲ NĂM TRƯỚC, TĂNG 18%."},
		{"So voi cung ky nam truoc, tang 18%.", "So voi cung ky nam truoc, tang 18%."},
		{norm.NFD.String("So với cùng kỳ năm trước, tăng 18%."), "So với cùng kỳ năm trước, tăng 18%."},
		{"So với cùng kì năm trước, tăng 18%.", "So với cùng kì năm trước, tăng 18%."},
		{"Cùng kỳ năm trước, dự án Khu đô thị mới đạt 40%.", "Cùng kỳ năm trước, dự án Khu đô thị mới đạt 40%."},
		{"Tăng 12,5% so với cùng kỳ.", "Tăng 12,5% so với cùng kỳ."},
		{"Tăng 12,5% (so với cùng kỳ: 8,3%).", "Tăng 12,5% (so với cùng kỳ: 8,3%)."},
		{"Diện tích VietGAP tăng 6,5 ha.", "So với cùng kỳ năm trước, diện tích VietGAP tăng 6,5 ha."},
		{"Không để dịch bùng phát trên diện rộng.", "So với cùng kỳ năm trước, không để dịch bùng phát trên diện rộng."},
		{"GPMB tăng 25 ha.", "So với cùng kỳ năm trước, GPMB tăng 25 ha."},
	}
	for _, tt := range tests {
		got := leadText(&tiendo.Section{ResultVsPlan: "Đã ban hành kế hoạch.", VsSamePeriod: tt.same})
		if len(got) != 2 || got[0] != "Đã ban hành kế hoạch." || got[1] != tt.want {
			t.Errorf("leadText(%q) = %q, want [%q %q]", tt.same, got, "Đã ban hành kế hoạch.", tt.want)
		}
	}
}

// The drafted task says "so với cùng kỳ năm trước" once, as the unit did.
func TestTaskSamePeriodOnce(t *testing.T) {
	in := smallInput(map[int64]string{1: "Đã ban hành kế hoạch."})
	in.Reports[0].Sections[0].VsSamePeriod = "So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 18%."
	got, _ := Regenerate(in, TaskKey(7))
	if n := strings.Count(vi.Fold(got.Text), "so voi cung ky nam truoc"); n != 1 {
		t.Errorf("“so với cùng kỳ năm trước” said %d times:\n%s", n, got.Text)
	}
	if want := "Phòng A: Đã ban hành kế hoạch.\n\nSo với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 18%."; got.Text != want {
		t.Errorf("task\n got: %q\nwant: %q", got.Text, want)
	}
}
