package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round thirty-nine, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r39Letter is a huyện's công văn with its task put in place of "%s"
// (the "%%" a percent sign of its own).
const r39Letter = "ỦY BAN NHÂN DÂN\nHUYỆN TÂN HÒA\nSố: 412/UBND-KT\nV/v khắc phục hậu quả mưa lớn\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Hòa, ngày 12 tháng 9 năm 2026\n" +
	"Kính gửi:\n- Phòng Kinh tế và Hạ tầng;\n- Phòng Văn hóa - Xã hội;\n- Ủy ban nhân dân các xã, thị trấn.\n" +
	"Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị thực hiện:\n" +
	"1. Phòng Văn hóa - Xã hội tuyên truyền để người dân chủ động phòng, tránh.\n2. %s\n" +
	"Các đơn vị gửi báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 30/9/2026.\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT, KT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Lâm\n"

// r39Task parses r39Letter with task as its second task and returns it.
func r39Task(t *testing.T, task string) Task {
	t.Helper()
	r := Parse(fmt.Sprintf(r39Letter, task), nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("%q: %d tasks, want 2", task, len(r.Tasks))
	}
	return r.Tasks[1]
}

// TestSpaceTableContentUnderNumber: a landscape task table out of
// "pdftotext -layout" whose content cells start a few places after the
// row's number, left of their centred title, wrap onto lines that start
// there too: those lines are the content's, not text in the number's
// column that ends the table, even when one opens with a figure (the end
// of "tỉnh lộ" / "912"). A row number still opens a row, and the sum row
// keeps its own title.
func TestSpaceTableContentUnderNumber(t *testing.T) {
	in := []string{
		"   TT               Nhiệm vụ                     Chủ trì            Phối hợp          Thời hạn",
		"",
		"    1   Sửa chữa 100% cống tiêu bị hư hỏng,    Phòng Kinh tế và   Ủy ban nhân dân   Trước ngày",
		"        nạo vét kênh dẫn tại các xã ven        Hạ tầng            các xã            20/9/2026",
		"        sông và trên tỉnh lộ",
		"        912",
		"",
		"    2   Hỗ trợ ít nhất 300 hộ bị ngập sửa      Phòng Văn hóa -    Ủy ban nhân dân   Trước ngày",
		"        chữa nhà ở                             Xã hội             các xã            25/9/2026",
	}
	raw := slices.Clone(in)
	spaceTables(raw)
	want := []string{
		"TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn",
		"",
		"1 | Sửa chữa 100% cống tiêu bị hư hỏng, nạo vét kênh dẫn tại các xã ven sông và trên tỉnh lộ 912 | Phòng Kinh tế và Hạ tầng | Ủy ban nhân dân các xã | Trước ngày 20/9/2026",
		"", "", "", "",
		"2 | Hỗ trợ ít nhất 300 hộ bị ngập sửa chữa nhà ở | Phòng Văn hóa - Xã hội | Ủy ban nhân dân các xã | Trước ngày 25/9/2026",
		"",
	}
	if !slices.Equal(raw, want) {
		t.Errorf("rows:\n%q\nwant\n%q", raw, want)
	}
	r := Parse("PHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ\n\n"+strings.Join(in, "\n")+"\n", nil)
	if got, want := summaries(r, "label", "lead", "support", "targets"), []string{
		"1|Phòng Kinh tế và Hạ tầng|Ủy ban nhân dân các xã|= 100 %",
		"2|Phòng Văn hóa - Xã hội|Ủy ban nhân dân các xã|>= 300 hộ",
	}; !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
	// Left alone: a sum row under the names keeps its title first.
	sum := []string{
		"   TT              Đơn vị       Số hộ (hộ)",
		"    1    Xã Tân Phú                 120",
		"    2    Xã Tân Lập                  80",
		"         Tổng cộng                  200",
	}
	raw = slices.Clone(sum)
	spaceTables(raw)
	if raw[3] != "Tổng cộng |  | 200" {
		t.Errorf("sum row %q", raw[3])
	}
}

// r39Thread is a letter pasted into a chat group in parts, each message
// under its sender's line and its time on a line of its own, with a
// weekday on the day line and a colleague's reply between the parts.
const r39Thread = "Thứ Ba, 15/09/2026\n\nTrần Thu Hà - VP UBND huyện\n09:05\nGửi các đơn vị công văn 77/UBND-VP, em gửi làm hai tin ạ.\n\n" +
	"Trần Thu Hà - VP UBND huyện\n09:06\nỦY BAN NHÂN DÂN\nHUYỆN TÂN HÒA\nSố: 77/UBND-VP\nV/v báo cáo thiệt hại do mưa lớn\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Hòa, ngày 15 tháng 9 năm 2026\n" +
	"Kính gửi:\n- Phòng Kinh tế và Hạ tầng;\n- Ủy ban nhân dân các xã.\n" +
	"Thực hiện Công văn số 301/UBND-KT ngày 14/9/2026 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân huyện yêu cầu:\n" +
	"1. Phòng Kinh tế và Hạ tầng kiểm tra 100% cầu, cống trên địa bàn.\n\n" +
	"Lê Văn Nam - UBND xã Tân An\n09:07\nĐã nhận ạ\n\n" +
	"Trần Thu Hà - VP UBND huyện\n09:08\n(tiếp)\n2. Ủy ban nhân dân các xã hỗ trợ ít nhất 50 hộ bị ngập.\n" +
	"Các đơn vị gửi báo cáo về Ủy ban nhân dân huyện trước ngày 18/9/2026.\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Lâm\n\n" +
	"Trần Thu Hà - VP UBND huyện\n09:10\nCác xã gửi số liệu cho VP trước ngày 17/9 nhé.\n"

// TestChatLetterInParts: the sender's line over the time is a message's
// head as a computer's chat app copies it, and a weekday may open the day
// line; a letter too long for one message goes on in the same sender's
// next messages up to the one with its signature, without the replies
// between them or what the sender writes after. A thread whose later
// messages hold no signature keeps only the letterhead's message.
func TestChatLetterInParts(t *testing.T) {
	r := Parse(r39Thread, nil)
	if r.Issuer != "ỦY BAN NHÂN DÂN HUYỆN TÂN HÒA" || r.Number != "77" || r.Date != "2026-09-15" || r.Place != "Tân Hòa" || len(r.Recipients) != 2 || len(r.Basis) != 1 {
		t.Errorf("header: %q %q %q %q, %d recipients, %d basis", r.Issuer, r.Number, r.Date, r.Place, len(r.Recipients), len(r.Basis))
	}
	if got, want := summaries(r, "label", "text", "targets"), []string{
		"1|Phòng Kinh tế và Hạ tầng kiểm tra 100% cầu, cống trên địa bàn|= 100 %",
		"2|Ủy ban nhân dân các xã hỗ trợ ít nhất 50 hộ bị ngập|>= 50 hộ",
	}; !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
	if r.Deadline == nil || r.Deadline.Date != "2026-09-18" || r.Signer.Name != "Đỗ Văn Lâm" {
		t.Errorf("deadline %+v, signer %+v", r.Deadline, r.Signer)
	}
	// Left alone: with no signature in a later message, the later ones
	// are not the letter's.
	unsigned := strings.Replace(r39Thread, "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Lâm\n", "", 1)
	if r := Parse(unsigned, nil); r.Number != "77" || len(r.Tasks) != 1 {
		t.Errorf("unsigned parts: number %q, %d tasks", r.Number, len(r.Tasks))
	}
	// A name over a time that is no message: one line is no thread.
	if _, ok := chatKeep(splitLines("Lê Văn Nam\n09:07\nỦY BAN NHÂN DÂN XÃ A\nSố: 1/UBND\n")); ok {
		t.Error("one head read as a chat thread")
	}
}

// TestFormLabelBieuMau: "Biểu mẫu số 01" over a form attached after the
// signature opens it, as "Biểu số 01" does: its cells are neither the
// distribution nor tasks.
func TestFormLabelBieuMau(t *testing.T) {
	doc := fmt.Sprintf(r39Letter, "Phòng Kinh tế và Hạ tầng thống kê thiệt hại theo Biểu mẫu số 01.") +
		"Biểu mẫu số 01\n(Kèm theo Công văn số 412/UBND-KT ngày 12/9/2026 của Ủy ban nhân dân huyện)\nBẢNG THỐNG KÊ THIỆT HẠI\nTT\nChỉ tiêu\nĐơn vị tính\n(triệu đồng)\n1\nNhà bị ngập\ncái\n"
	r := Parse(doc, nil)
	if !slices.Equal(r.Distribution, []string{"Như trên", "Lưu: VT, KT"}) || r.Signer.Name != "Đỗ Văn Lâm" || len(r.Tasks) != 2 {
		t.Errorf("distribution %q, signer %q, %d tasks", r.Distribution, r.Signer.Name, len(r.Tasks))
	}
}

// TestParenQualifier: a figure with its comparator in a parenthesis that
// follows a noun and measures it ("nhà hư hỏng nặng (thiệt hại trên
// 50%)") says which things are meant: no target. A parenthesis with the
// goal's verb, its mark, each unit's share, or the comparator alone is a
// goal still.
func TestParenQualifier(t *testing.T) {
	for _, c := range []struct{ task, want string }{
		{"Ủy ban nhân dân các xã lập danh sách hộ có nhà hư hỏng nặng (thiệt hại trên 50%) để đề xuất hỗ trợ.", "2"},
		{"Phòng Kinh tế và Hạ tầng rà soát diện tích đất dốc (độ dốc trên 25 độ) có nguy cơ sạt lở.", "2"},
		// Left alone.
		{"Ủy ban nhân dân các xã nâng tỷ lệ hộ dùng nước sạch (đạt trên 90%) trong năm 2026.", "2|> 90 %"},
		{"Phòng Kinh tế và Hạ tầng kiểm tra các công trình thủy lợi (tối thiểu 02 lần) trong mùa mưa.", "2|>= 2 lần"},
		{"Ủy ban nhân dân các xã xây dựng mô hình phòng chống thiên tai (mỗi xã ít nhất 01 mô hình).", "2|>= 1 mô hình"},
	} {
		if got := summary(r39Task(t, c.task), "label", "targets"); got != c.want {
			t.Errorf("%q: %q, want %q", c.task, got, c.want)
		}
	}
}

// TestSealAfterTitle: the round seal over the signature, read from a
// photo as lines of text between the title and the name ("UY BAN" /
// "NHÂN DÂN"), is neither; a title going on with a word of its own is
// read as before.
func TestSealAfterTitle(t *testing.T) {
	for _, c := range []struct{ foot, title, name string }{
		{"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nUY BAN\nNHÂN DÂN\nĐỗ Văn Lâm\n", "PHÓ CHỦ TỊCH", "Đỗ Văn Lâm"},
		{"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nỦY BAN NHÂN DÂN HUYỆN TÂN HÒA\nĐỗ Văn Lâm\n", "PHÓ CHỦ TỊCH", "Đỗ Văn Lâm"},
		{"KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nBAN CHỈ HUY\nĐỗ Văn Lâm\n", "PHÓ TRƯỞNG BAN", "Đỗ Văn Lâm"},
		// Left alone.
		{"KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nTHƯỜNG TRỰC\nĐỗ Văn Lâm\n", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Đỗ Văn Lâm"},
		{"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Lâm\n", "CHỦ TỊCH", "Đỗ Văn Lâm"},
	} {
		doc := strings.Replace(fmt.Sprintf(r39Letter, "Phòng Kinh tế và Hạ tầng kiểm tra cầu, cống."), "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Lâm\n", c.foot, 1)
		if r := Parse(doc, nil); r.Signer.Title != c.title || r.Signer.Name != c.name {
			t.Errorf("%q: title %q name %q, want %q %q", c.foot, r.Signer.Title, r.Signer.Name, c.title, c.name)
		}
	}
}

// TestWorksVerbsEndNames: "nạo vét", "khơi thông" and "dọn dẹp" are done
// by a unit, and end a name that has no level to close it (a company's,
// ending with its place).
func TestWorksVerbsEndNames(t *testing.T) {
	for _, c := range []struct{ task, want string }{
		{"Phòng Kinh tế và Hạ tầng phối hợp với Công ty Cổ phần Môi trường Đô thị Tân Hòa nạo vét ít nhất 2 km mương tiêu.", "Phòng Kinh tế và Hạ tầng|Công ty Cổ phần Môi trường Đô thị Tân Hòa"},
		{"Phòng Kinh tế và Hạ tầng phối hợp với Công ty Thủy nông Sông Đáy khơi thông các cống tiêu.", "Phòng Kinh tế và Hạ tầng|Công ty Thủy nông Sông Đáy"},
		{"Phòng Văn hóa - Xã hội phối hợp với Hội Chữ thập đỏ Tân Hòa dọn dẹp các điểm trường bị ngập.", "Phòng Văn hóa - Xã hội|Hội Chữ thập đỏ Tân Hòa"},
		// Left alone.
		{"Phòng Kinh tế và Hạ tầng phối hợp với Công ty Thủy nông Sông Đáy kiểm tra các cống tiêu.", "Phòng Kinh tế và Hạ tầng|Công ty Thủy nông Sông Đáy"},
	} {
		if got := summary(r39Task(t, c.task), "lead", "support"); got != c.want {
			t.Errorf("%q: %q, want %q", c.task, got, c.want)
		}
	}
}

// TestDailyReportWindow: the last day of a report sent every day ("trước
// 15 giờ hằng ngày từ ngày 18/9 đến hết ngày 22/9") is no report due by
// it; the one dated report after it is the round's. A report of the data
// "đến hết ngày D" is read as before.
func TestDailyReportWindow(t *testing.T) {
	for _, c := range []struct{ closing, want string }{
		{"Các đơn vị gửi báo cáo nhanh về Ủy ban nhân dân huyện trước 15 giờ hằng ngày từ ngày 18/9 đến hết ngày 22/9/2026; báo cáo tổng hợp thiệt hại trước ngày 28/9/2026.", "2026-09-28"},
		{"Các đơn vị gửi báo cáo về Ủy ban nhân dân huyện 02 lần/ngày từ ngày 18/9 đến hết ngày 22/9/2026; báo cáo tổng hợp trước ngày 29/9/2026.", "2026-09-29"},
		// Left alone.
		{"Các đơn vị gửi báo cáo về Ủy ban nhân dân huyện đến hết ngày 25/9/2026.", "2026-09-25"},
	} {
		doc := strings.Replace(fmt.Sprintf(r39Letter, "Phòng Kinh tế và Hạ tầng kiểm tra cầu, cống."), "Các đơn vị gửi báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 30/9/2026.", c.closing, 1)
		r := Parse(doc, nil)
		if r.Deadline == nil || r.Deadline.Date != c.want {
			t.Errorf("%q: deadline %+v, want %s", c.closing, r.Deadline, c.want)
		}
	}
}

// TestFirstOfWhich: "nhất là các …", "đặc biệt là những …" pick which of
// the things come first by a measure of theirs: a condition, no target.
// The goal before it stays.
func TestFirstOfWhich(t *testing.T) {
	for _, c := range []struct{ task, want string }{
		{"Phòng Kinh tế và Hạ tầng kiểm tra 100% hồ chứa, nhất là các hồ đã tích trên 85% dung tích.", "= 100 %"},
		{"Phòng Kinh tế và Hạ tầng kiểm tra 100% tuyến đê, đặc biệt là những đoạn đã sạt lở trên 50 m.", "= 100 %"},
		// Left alone.
		{"Phòng Kinh tế và Hạ tầng kiểm tra 100% hồ chứa, bảo đảm trên 90% hồ vận hành an toàn.", "= 100 %|> 90 %"},
	} {
		if got := summary(r39Task(t, c.task), "targets"); got != c.want {
			t.Errorf("%q: %q, want %q", c.task, got, c.want)
		}
	}
}

// TestOldToneLocalBody: a commune's body typed with the old tone
// placement ("Uỷ ban nhân dân thị trấn …", "Đảng uỷ xã …") is shared over
// the places after "và" as "Ủy ban nhân dân" is.
func TestOldToneLocalBody(t *testing.T) {
	for _, c := range []struct {
		task string
		want []string
	}{
		{"Uỷ ban nhân dân thị trấn Tân Hòa và các xã Tân An, Tân Phú kiểm tra, báo cáo thiệt hại.",
			[]string{"Uỷ ban nhân dân thị trấn Tân Hòa", "Uỷ ban nhân dân xã Tân An", "Uỷ ban nhân dân xã Tân Phú"}},
		{"Ủy ban nhân dân thị trấn Tân Hòa và các xã Tân An, Tân Phú kiểm tra, báo cáo thiệt hại.",
			[]string{"Ủy ban nhân dân thị trấn Tân Hòa", "Ủy ban nhân dân xã Tân An", "Ủy ban nhân dân xã Tân Phú"}},
	} {
		if got := roleNames(r39Task(t, c.task), "lead"); !slices.Equal(got, c.want) {
			t.Errorf("%q: leads %q, want %q", c.task, got, c.want)
		}
	}
}
