package directive

import (
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// The rules of round forty-two, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r42Letter is a Đảng ủy phường's công văn with its letterhead.
const r42Letter = "ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG ỦY PHƯỜNG THÀNH SEN\n*\nSố 88-CV/ĐU\nV/v kiểm tra an toàn mùa mưa bão\nĐẢNG CỘNG SẢN VIỆT NAM\nThành Sen, ngày 12 tháng 8 năm 2026\n\n" +
	"Kính gửi:\n- Các chi bộ trực thuộc;\n- Chi bộ Quân sự phường.\n\n" +
	"Ban Thường vụ Đảng ủy phường yêu cầu:\n" +
	"1. Các chi bộ trực thuộc kiểm tra 100% nhà tạm trên địa bàn.\n" +
	"2. Chi bộ Quân sự phường bảo đảm ít nhất 02 tổ trực.\n" +
	"Các chi bộ báo cáo trước ngày 20/8/2026.\n"

// TestPinnedAnnouncement: a chat group's pinned announcement above the
// letter (the app's banner, who pinned it, the sender's words with emojis
// and "@All"), then a blank line: the header is the letter's. Lines above a
// letterhead with no chat mark, or a letter with none above, keep their
// reading.
func TestPinnedAnnouncement(t *testing.T) {
	for _, tc := range []struct {
		name, pre string
		end       int
	}{
		{"banner and mention", "📌 THÔNG BÁO NHÓM\nVăn phòng Đảng ủy phường đã ghim một tin nhắn\n\n@All 📢 Văn phòng gửi các đồng chí bí thư chi bộ Công văn số 88-CV/ĐU về kiểm tra an toàn mùa mưa bão 🌧️. Đề nghị các đồng chí đọc kỹ, triển khai ngay và thả tim khi đã nhận nhé 🙏\n\n", 5},
		{"mention only", "@Tất cả Văn phòng Đảng ủy gửi các chi bộ Công văn số 88-CV/ĐU về kiểm tra an toàn mùa mưa bão, đề nghị các đồng chí triển khai ngay và báo cáo đúng hạn ạ\n\n", 2},
		{"no announcement", "", 0},
	} {
		text := tc.pre + r42Letter
		if got := pinnedEnd(splitLines(text)); got != tc.end {
			t.Errorf("%s: pinnedEnd %d, want %d", tc.name, got, tc.end)
		}
		r := Parse(text, nil)
		if r.Issuer != "ĐẢNG ỦY PHƯỜNG THÀNH SEN" || r.Number != "88" || r.Date != "2026-08-12" || len(r.Tasks) != 2 {
			t.Errorf("%s: issuer %q number %q date %q, %d tasks", tc.name, r.Issuer, r.Number, r.Date, len(r.Tasks))
		}
	}
	// Words above the letterhead with no emoji and no mention are no chat.
	if got := pinnedEnd(splitLines("Bản sao gửi kèm\n\n" + r42Letter)); got != 0 {
		t.Errorf("plain note: pinnedEnd %d, want 0", got)
	}
	// A dingbat bullet documents use is no emoji.
	if chatMarked("❖ Nội dung kiểm tra") || chatMarked("➢ Sở Y tế") {
		t.Error("a bullet read as a chat mark")
	}
}

// TestRunOnItems: a letter pasted with some line breaks lost: a dash list
// of addressees on the Kính gửi line, numbered items run into one line
// after the opening's colon or after the line's own item. Numbers that do
// not count on from the one before stay in their sentence.
func TestRunOnItems(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 41/UBND-VP\nV/v rà soát hộ nghèo\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nAn Phú, ngày 02 tháng 3 năm 2027\n\n"
	text := head + "Kính gửi: - Các thôn trực thuộc, - Công an xã, - Phòng Kinh tế, - Trạm Y tế xã.\n\n" +
		"Ủy ban nhân dân xã yêu cầu: 1. Công an xã rà soát 100% hộ tạm trú. 2. Phòng Kinh tế kiểm tra ít nhất 30 cơ sở.\n" +
		"3. Trạm Y tế xã chủ trì khám cho 100% trẻ em dưới 6 tuổi. 4. Phòng Kinh tế tổng hợp danh sách hộ nghèo.\n" +
		"Các đơn vị báo cáo trước ngày 20/3/2027.\n"
	r := Parse(text, nil)
	var names []string
	for _, rc := range r.Recipients {
		names = append(names, rc.Name)
	}
	if want := []string{"Các thôn trực thuộc", "Công an xã", "Phòng Kinh tế", "Trạm Y tế xã"}; !slices.Equal(names, want) {
		t.Errorf("recipients %q, want %q", names, want)
	}
	var labels, leads []string
	for _, tk := range r.Tasks {
		labels = append(labels, tk.Label)
		for _, a := range tk.Assignees {
			if a.Role == tiendo.Lead {
				leads = append(leads, a.Name)
			}
		}
	}
	if want := []string{"1", "2", "3", "4"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	if want := []string{"Công an xã", "Phòng Kinh tế", "Trạm Y tế xã", "Phòng Kinh tế"}; !slices.Equal(leads, want) {
		t.Errorf("leads %q, want %q", leads, want)
	}
	for _, s := range []string{
		"Thực hiện theo điểm a khoản 2. Sở Tài chính hướng dẫn thủ tục.",    // no "1." before
		"Năm 2026 đạt 1. Sở Y tế giữ vững kết quả. 2. Đây là mức cao nhất.", // "1." not after a colon
		"1. Sở Y tế kiểm tra. 3. Sở Tài chính bố trí kinh phí.",             // does not count on
		"Kính gửi: Sở Y tế, - Sở Tài chính.",                                // no dash list
	} {
		if cuts := runOnCuts(line{text: s}); cuts != nil {
			t.Errorf("%q cut at %v", s, cuts)
		}
	}
}

// TestColumnByColumnTable: a task table pdftotext wrote without -layout,
// column by column, cells wrapped: the rows are read back by order, the
// task cells up to their full stops, the unit cells by the names they
// open with (a line ending with "," or "và" goes on). A table whose unit
// cells do not count out to its rows is left as it was.
func TestColumnByColumnTable(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 7/CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHòa Bình, ngày 02 tháng 3 năm 2027\n\nCHỈ THỊ\nVề phòng, chống dịch bệnh gia súc\n\n" +
		"Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nhiệm vụ sau:\n"
	table := "STT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời hạn\n1\n2\n3\n" +
		"Tiêm phòng cho ít nhất\n95% đàn trâu, bò.\nKiểm tra 100% cơ sở\ngiết mổ trên địa bàn.\nBố trí kinh phí\nkhông dưới 8 tỷ đồng.\n" +
		"Sở Nông nghiệp và\nMôi trường\nỦy ban nhân dân các\nxã, phường\nSở Tài chính\n" +
		"Ủy ban nhân dân\ncác xã, phường\nCông an tỉnh,\nSở Y tế\nSở Nông nghiệp và\nMôi trường\n" +
		"Tháng 4/2027\nThường xuyên\nQuý II/2027\n\n"
	foot := "Các cơ quan báo cáo kết quả trước ngày 30/6/2027.\n"
	r := Parse(head+table+foot, nil)
	type row struct{ label, lead, support string }
	var got []row
	for _, tk := range r.Tasks {
		var lead, sup []string
		for _, a := range tk.Assignees {
			if a.Role == tiendo.Lead {
				lead = append(lead, a.Name)
			} else {
				sup = append(sup, a.Name)
			}
		}
		got = append(got, row{tk.Label, strings.Join(lead, "; "), strings.Join(sup, "; ")})
	}
	want := []row{
		{"1", "Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các xã, phường"},
		{"2", "Ủy ban nhân dân các xã, phường", "Công an tỉnh; Sở Y tế"},
		{"3", "Sở Tài chính", "Sở Nông nghiệp và Môi trường"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	// One support cell fewer than the rows: nothing is realigned.
	short := strings.Replace(table, "Công an tỉnh,\nSở Y tế\n", "", 1)
	raw := strings.Split(short, "\n")
	before := slices.Clone(raw)
	columnTables(raw)
	if !slices.Equal(raw, before) {
		t.Errorf("a table whose cells do not count out was rewritten: %q", raw)
	}
}
