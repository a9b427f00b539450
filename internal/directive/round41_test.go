package directive

import (
	"fmt"
	"strings"
	"testing"
)

// The rules of round forty-one, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// targetKeys writes targets as "cmp value unit direction base", one a
// string, for comparing against a want list.
func targetKeys(ts []Target) string {
	var out []string
	for _, t := range ts {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %v %s %s %s", t.Comparator, t.Value, t.Unit, t.Direction, t.RelativeTo)))
	}
	return strings.Join(out, "; ")
}

// TestNoneLate: "không có hồ sơ trễ hạn" names the things and their
// lateness, a count that must be nought (= 0), also beside another goal
// joined by "và" after a goal verb ("bảo đảm không có ... và tối thiểu
// 80% ..."), where the "không có" is no condition on the figure. A
// condition ("trường hợp không có ...") and "không để hồ sơ trễ hạn" (a
// way of working, as the blind sets answer it) give none.
func TestNoneLate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Bộ phận một cửa phấn đấu không có hồ sơ quá hạn trong năm", "= 0"},
		{"Tổ công tác theo dõi tiến độ, bảo đảm không có văn bản trễ hạn và tối thiểu 90% văn bản được ký số", "= 0; >= 90 %"},
		{"bảo đảm không có hồ sơ trễ hạn, tối thiểu 70% hồ sơ nộp trực tuyến", "= 0; >= 70 %"},
		{"Trường hợp không có hồ sơ trễ hạn thì báo cáo bằng văn bản", ""},
		{"tiếp nhận hồ sơ đúng quy định, không để hồ sơ trễ hạn", ""},
		{"các xã không có trường đạt chuẩn phấn đấu xây dựng", ""},
	} {
		if got := targetKeys(targets(tc.text)); got != tc.want {
			t.Errorf("%q: targets %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestListTailBase: a comparison whose base comes after the last noun of
// a list ("sản xuất, kinh doanh so với năm 2026") keeps that base in its
// clause, so a yearly round reads it as the same period. A piece after the
// comma with a figure of its own stays a clause of its own.
func TestListTailBase(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"cắt giảm ít nhất 20% chi phí tuân thủ của hoạt động thương mại, dịch vụ so với năm 2026", "so với năm 2026"},
		{"giảm 15% thời gian xử lý hồ sơ đất đai, xây dựng so với cùng kỳ", "so với cùng kỳ"},
		{"giảm 15% thời gian xử lý hồ sơ đất đai, giảm 5% chi phí so với năm 2026", "hồ sơ đất đai"},
	} {
		ts := targets(tc.text)
		if len(ts) == 0 || !strings.HasSuffix(ts[0].Text, tc.want) {
			t.Errorf("%q: targets %+v, want the first ending %q", tc.text, ts, tc.want)
		}
	}
	letter := "ỦY BAN NHÂN DÂN\nXÃ AN LẠC\nSố: 12/KH-UBND\nAn Lạc, ngày 06 tháng 01 năm 2027\nKẾ HOẠCH\nCải cách hành chính năm 2027\n" +
		"1. Phòng Kinh tế cắt giảm ít nhất 20% thời gian giải quyết thủ tục về đầu tư, kinh doanh so với năm 2026.\n" +
		"Các đơn vị báo cáo kết quả thực hiện năm 2027 trước ngày 05/12/2027.\n"
	r := Parse(letter, nil)
	if len(r.Tasks) != 1 || targetKeys(r.Tasks[0].Targets) != ">= 20 % decrease same-period" {
		t.Fatalf("plan: tasks %+v, want one with >= 20 %% decrease same-period", r.Tasks)
	}
}

// TestRankGroup: "nằm trong nhóm 05 địa phương dẫn đầu" is a rank of fifth
// place or better (<= 5), also when the group's name holds a comma; a group without leaders ("nhóm 05 hộ") or a
// count of places is read as before.
func TestRankGroup(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"phấn đấu Chỉ số SIPAS năm 2027 của tỉnh thuộc nhóm 10 tỉnh, thành phố đứng đầu cả nước", "<= 10 tỉnh"},
		{"phấn đấu Chỉ số chuyển đổi số của xã nằm trong nhóm 3 xã dẫn đầu của tỉnh", "<= 3 xã"},
		{"thành lập nhóm 05 hộ liên kết sản xuất", "= 5 hộ"},
		{"hỗ trợ 05 địa phương dẫn đầu phong trào", "= 5 địa phương"},
	} {
		if got := targetKeys(targets(tc.text)); got != tc.want {
			t.Errorf("%q: targets %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestOneLetterSplitOnsets: a scan's text layer that splits only one-letter
// onsets from their syllables ("đ ơn v ị", "g ửi", "d ự án") is rejoined
// as one with two-letter splits is; a typed text with a lone letter or two
// (a unit after a figure, a point "điểm b", a word that stands alone) is
// not touched.
func TestOneLetterSplitOnsets(t *testing.T) {
	scan := "Các đ ơn v ị chưa g ửi báo cáo; Ban Quản lý d ự án chủ trì, phối h ợp với Sở Xây dựng."
	if !showsSplitSyllables(scan) {
		t.Errorf("%q: no split syllables seen", scan)
	}
	if got, want := joinSplitSyllables(scan), "Các đơn vị chưa gửi báo cáo; Ban Quản lý dự án chủ trì, phối hợp với Sở Xây dựng."; got != want {
		t.Errorf("joined %q, want %q", got, want)
	}
	for _, typed := range []string{
		"trồng 5 m ở mỗi bên, theo điểm b ở trên và 25 triệu đ ủng hộ; c ô số 3",
		"kênh dài 3 m ở đầu, 2 m ở cuối, 4 m ở giữa và 6 m ở bờ",
	} {
		if showsSplitSyllables(typed) {
			t.Errorf("%q: read as a scan's split syllables", typed)
		}
	}
	letter := "SỞ XÂY DỰNG\nSố: 31/SXD-QLXD\nKính gửi: Ban Quản lý dự án đầu tư xây dựng tỉnh.\n" +
		"1. Ban Quản lý d ự án đầu tư xây dựng tỉnh chủ trì, phối h ợp với Sở Tài chính g ửi hồ sơ quyết toán các đ ơn v ị.\n"
	r := Parse(letter, nil)
	if len(r.Tasks) != 1 || leadNames(r.Tasks[0]) != "Ban Quản lý dự án đầu tư xây dựng tỉnh" {
		t.Fatalf("scan letter: tasks %+v, want one led by the Ban Quản lý dự án", r.Tasks)
	}
}

func leadNames(t Task) string {
	var out []string
	for _, a := range t.Assignees {
		if a.Role == "lead" {
			out = append(out, a.Name)
		}
	}
	return strings.Join(out, "; ")
}

// TestAntiwordPictures: antiword's "[pic]" for a picture in a table cell
// or under a title is no text: it leaves no mark on the distribution or
// the subject.
func TestAntiwordPictures(t *testing.T) {
	letter := "|ỦY BAN NHÂN DÂN          |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |\n|XÃ TÂN PHÚ               |Độc lập - Tự do - Hạnh phúc          |\n|Số: 09/UBND-VP           |Tân Phú, ngày 10 tháng 3 năm 2027    |\n" +
		"V/v kiểm tra hồ sơ một cửa\n[pic]\n\nKính gửi: Văn phòng Ủy ban nhân dân xã.\n\n1. Văn phòng Ủy ban nhân dân xã rà soát hồ sơ một cửa.\n\n" +
		"|Nơi nhận:                |CHỦ TỊCH                             |\n|- Như trên;              |[pic]                                |\n|- Công an xã;            |[pic]                                |\n|- Lưu: VT.               |Trần Văn Bình                        |\n"
	r := Parse(letter, nil)
	for _, d := range r.Distribution {
		if strings.Contains(d, "pic") {
			t.Errorf("distribution %q holds antiword's picture mark", r.Distribution)
		}
	}
	if strings.Contains(r.Subject, "pic") {
		t.Errorf("subject %q holds antiword's picture mark", r.Subject)
	}
}
