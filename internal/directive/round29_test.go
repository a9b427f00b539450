package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty-nine, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// TestSpacedCellGroupRows: a table docx2txt wrote one cell a line with a
// blank line after every cell may group its rows under group rows, a
// Roman numeral or a capital letter and a title ("I" / "LĨNH VỰC ..."),
// as may one with a blank line after every row only;
// the group rows are headings between the rows, not the end of the table
// nor header cells, and the rows under each group read one task a row,
// numbered on or from 1 again. A group number with no row after it still
// ends the table.
func TestSpacedCellGroupRows(t *testing.T) {
	const head = "TT\n\nNội dung công việc\n\nCơ quan chủ trì\n\nCơ quan phối hợp\n\nThời hạn\n\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"groups numbered on",
			head +
				"I\n\nLĨNH VỰC NÔNG NGHIỆP\n\n" +
				"1\n\nTrồng mới ít nhất 25 ha rừng sản xuất\n\nBan Nông nghiệp xã\n\nHội Nông dân xã\n\nQuý III/2025\n\n" +
				"2\n\nXây dựng tối thiểu 02 mô hình sản xuất an toàn\n\nBan Nông nghiệp xã\n\n-\n\nNăm 2025\n\n" +
				"II\n\nLĨNH VỰC VĂN HÓA - XÃ HỘI\n\n" +
				"3\n\nCấp căn cước cho ít nhất 95% công dân đủ tuổi\n\nCông an xã\n\nCác thôn; Đoàn Thanh niên xã\n\nThường xuyên\n",
			[]string{
				"1 Ban Nông nghiệp xã / Hội Nông dân xã : >= 25 ha",
				"2 Ban Nông nghiệp xã /  : >= 2 mô hình",
				"3 Công an xã / Các thôn; Đoàn Thanh niên xã : >= 95 %",
			}},
		{"groups numbered from 1 again",
			head +
				"A\n\nKINH TẾ\n\n" +
				"1\n\nThu ngân sách trên địa bàn đạt tối thiểu 3,2 tỷ đồng\n\nBan Tài chính xã\n\n-\n\n30/6/2025\n\n" +
				"B\n\nXÃ HỘI\n\n" +
				"1\n\nTổ chức ít nhất 04 lớp tập huấn\n\nBan Văn hóa - Xã hội xã\n\nHội Phụ nữ xã\n\n30/9/2025\n",
			[]string{
				"1 Ban Tài chính xã /  : >= 3.2 tỷ đồng",
				"1 Ban Văn hóa - Xã hội xã / Hội Phụ nữ xã : >= 4 lớp",
			}},
		{"a blank line after every row only",
			"TT\nNội dung công việc\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn\n\n" +
				"I\nLĨNH VỰC NÔNG NGHIỆP\n\n" +
				"1\nTrồng mới ít nhất 25 ha rừng sản xuất\nBan Nông nghiệp xã\nHội Nông dân xã\nQuý III/2025\n\n" +
				"II\nLĨNH VỰC VĂN HÓA - XÃ HỘI\n\n" +
				"2\nCấp căn cước cho ít nhất 95% công dân đủ tuổi\nCông an xã\n-\nThường xuyên\n",
			[]string{
				"1 Ban Nông nghiệp xã / Hội Nông dân xã : >= 25 ha",
				"2 Công an xã /  : >= 95 %",
			}},
	} {
		r := Parse(strings.Replace(r28Plan, "%s", c.table, 1), nil)
		var got []string
		for _, g := range r26Tasks(r) {
			if !strings.HasPrefix(g, " ") {
				got = append(got, g)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// r29Letter is a công văn asking for figures, with what follows its
// signature put in place of the "%s".
const r29Letter = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nTỈNH HÒA AN\nSố: 318/SNNMT-KH\nV/v báo cáo kết quả sản xuất 6 tháng đầu năm 2025\n" +
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa An, ngày 10 tháng 6 năm 2025\n" +
	"Kính gửi: Ủy ban nhân dân các xã, phường.\n" +
	"Để tổng hợp báo cáo Ủy ban nhân dân tỉnh, Sở Nông nghiệp và Môi trường đề nghị:\n" +
	"1. Ủy ban nhân dân các xã, phường đánh giá kết quả sản xuất vụ Đông Xuân; phấn đấu gieo trồng ít nhất 500 ha vụ Hè Thu.\n" +
	"2. Ủy ban nhân dân các xã, phường rà soát diện tích cây trồng bị thiệt hại do hạn hán.\n" +
	"Báo cáo (theo biểu kèm theo) gửi về Sở trước ngày 25/6/2025./.\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT, KH.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Minh Quân\n%s"

// TestFormLabelOpensForm: a form's label ("Biểu số 01", "Mẫu số 02") over
// the title of a part attached after the signature opens that part and
// tells it is a form to fill in, even when no blank line sets it apart:
// its rows are no tasks, whatever its title says. The same table titled
// as a Phụ lục of targets still gives its rows.
func TestFormLabelOpensForm(t *testing.T) {
	const table = "CHỈ TIÊU SẢN XUẤT NÔNG NGHIỆP NĂM 2025\n(Kèm theo Công văn số 318/SNNMT-KH ngày 10/6/2025 của Sở Nông nghiệp và Môi trường)\n" +
		"| STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Ghi chú |\n" +
		"| 1 | Diện tích gieo trồng lúa | ha | | |\n" +
		"| 2 | Sản lượng lương thực | tấn | | |\n"
	for _, c := range []struct {
		name, appended string
		want           []string
	}{
		{"a form's label", "Biểu số 01\n" + table, []string{"1", "2"}},
		{"a form's label, Mẫu số", "Mẫu số 02/BC\n" + table, []string{"1", "2"}},
		// Left alone: a Phụ lục of targets.
		{"a Phụ lục", "PHỤ LỤC\n" + table, []string{"1", "2", "1", "2"}},
	} {
		r := Parse(strings.Replace(r29Letter, "%s", c.appended, 1), nil)
		var got []string
		for _, tk := range r.Tasks {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
		if r.Signer.Name != "Trần Minh Quân" {
			t.Errorf("%s: signer %q, want the one before the form", c.name, r.Signer.Name)
		}
	}
}

// r29Storm is a công văn whose opening states what a storm left; its
// tasks are put in place of the "%s".
const r29Storm = "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 214/UBND-VP\nV/v khắc phục hậu quả bão số 5\n" +
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Phú, ngày 20 tháng 9 năm 2025\n" +
	"Kính gửi:\n- Công an xã;\n- Ban Chỉ huy Quân sự xã;\n- Trạm Y tế xã.\n" +
	"Bão số 5 đã làm 12 nhà tốc mái, 04 cầu tràn bị hư hỏng và 02 điểm sạt lở taluy dương trên địa bàn xã. " +
	"Để khắc phục hậu quả, Chủ tịch Ủy ban nhân dân xã yêu cầu:\n%s\n" +
	"Các đơn vị báo cáo kết quả về Ủy ban nhân dân xã trước ngày 30/9/2025./.\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nPhạm Văn Tâm\n"

// TestKnownCountNoTarget: a bare count in a task that repeats a count the
// opening stated as a fact ("02 điểm sạt lở" in the narrative, "khắc phục
// 02 điểm sạt lở" in a task) names the known things the task works on,
// and is no target. A count with a comparator, one with a goal mark, more
// of them ("thêm"), or a count the opening never stated is a target as
// before.
func TestKnownCountNoTarget(t *testing.T) {
	for _, c := range []struct {
		name, tasks string
		want        []string
	}{
		{"the known sites",
			"1. Ban Chỉ huy Quân sự xã huy động lực lượng khắc phục 02 điểm sạt lở taluy dương, bảo đảm giao thông.\n" +
				"2. Công an xã hỗ trợ sửa chữa 12 nhà tốc mái trong tuần.",
			[]string{"1 : ", "2 : "}},
		{"left alone",
			"1. Ban Chỉ huy Quân sự xã huy động lực lượng khắc phục ít nhất 02 điểm sạt lở taluy dương.\n" +
				"2. Công an xã phấn đấu sửa chữa 12 nhà tốc mái trong tuần.\n" +
				"3. Trạm Y tế xã phun khử khuẩn 05 thôn bị ngập.\n" +
				"4. Công an xã hỗ trợ sửa chữa thêm 04 cầu tràn bị hư hỏng.",
			[]string{"1 : >= 2 điểm", "2 : = 12 nhà", "3 : = 5 thôn", "4 : = 4 cầu"}},
	} {
		r := Parse(strings.Replace(r29Storm, "%s", c.tasks, 1), nil)
		var got []string
		for _, g := range r26Tasks(r) {
			label, _, _ := strings.Cut(g, " ")
			_, ts, _ := strings.Cut(g, " : ")
			got = append(got, label+" : "+ts)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestReportedOnCount: a bare count right after "kết quả thực hiện" is the
// count of what is reported on ("đánh giá kết quả thực hiện 12 chỉ tiêu
// chủ yếu"), not a figure to reach. With a comparator, or after other
// words, a count is a target as before.
func TestReportedOnCount(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Đánh giá kết quả thực hiện 12 chỉ tiêu chủ yếu năm 2025", nil},
		{"Báo cáo kết quả thực hiện 05 nhiệm vụ trọng tâm của ngành", nil},
		// Left alone.
		{"Bảo đảm kết quả thực hiện ít nhất 12 công trình", []string{">= 12 công trình"}},
		{"Hoàn thành 12 công trình trong năm 2025", []string{"= 12 công trình"}},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: targets %q, want %q", c.text, got, c.want)
		}
	}
}

// TestOutlineAfterSignature: a report outline sent after the signature,
// titled "ĐỀ CƯƠNG ..." over its subject in ordinary letters and a "(Kèm
// theo ...)" line, is a part of its own: its subject and headings join
// neither the distribution list nor the signature, and give no tasks.
func TestOutlineAfterSignature(t *testing.T) {
	for _, c := range []struct{ name, outline string }{
		{"subject over two lines", "ĐỀ CƯƠNG BÁO CÁO\nKết quả sản xuất nông nghiệp 6 tháng đầu năm 2025\nvà phương hướng nhiệm vụ 6 tháng cuối năm\n" +
			"(Kèm theo Công văn số 318/SNNMT-KH ngày 10/6/2025)\nI. KẾT QUẢ THỰC HIỆN\n1. Trồng trọt: diện tích, năng suất,\nsản lượng các cây trồng chính.\n2. Chăn nuôi.\nII. PHƯƠNG HƯỚNG\n"},
		{"a suggested outline", "ĐỀ CƯƠNG GỢI Ý\nbáo cáo kết quả sản xuất 6 tháng đầu năm 2025\n(Kèm theo Công văn số 318/SNNMT-KH ngày 10/6/2025)\n1. Tình hình chung.\n2. Khó khăn, vướng mắc.\n"},
	} {
		r := Parse(strings.Replace(r29Letter, "%s", c.outline, 1), nil)
		if want := []string{"Như trên", "Lưu: VT, KH"}; !slices.Equal(r.Distribution, want) {
			t.Errorf("%s: distribution %q, want %q", c.name, r.Distribution, want)
		}
		var labels []string
		for _, tk := range r.Tasks {
			labels = append(labels, tk.Label)
		}
		if want := []string{"1", "2"}; !slices.Equal(labels, want) {
			t.Errorf("%s: tasks %q, want %q", c.name, labels, want)
		}
		if r.Signer.Name != "Trần Minh Quân" || r.Signer.Title != "PHÓ GIÁM ĐỐC" {
			t.Errorf("%s: signer %q %q", c.name, r.Signer.Title, r.Signer.Name)
		}
	}
}

// TestKnownCountWordEnd: the word after a count's unit ends where its
// letters do, before a footnote's digit or a "_" as well: such a task is
// read whole (no "parse-incomplete"), and the known count is still known.
func TestKnownCountWordEnd(t *testing.T) {
	for _, task := range []string{
		"1. Ban Chỉ huy Quân sự xã huy động lực lượng khắc phục 02 điểm sạt_lở taluy dương.",
		"1. Ban Chỉ huy Quân sự xã huy động lực lượng khắc phục 02 điểm sạt2 lở taluy dương.",
	} {
		r := Parse(strings.Replace(r29Storm, "%s", task, 1), nil)
		for _, w := range r.Warnings {
			if w.Code == WarnParseIncomplete {
				t.Errorf("%q: %s", task, w.Message)
			}
		}
		if got := r26Tasks(r); len(got) != 1 || !strings.HasSuffix(got[0], " : ") {
			t.Errorf("%q: tasks %q, want one task without targets", task, got)
		}
	}
}
