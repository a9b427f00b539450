package directive

import (
	"slices"
	"strings"
	"testing"

	"tiendo/internal/vi"
)

// The rules of round twenty-eight, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r28Plan is a Kế hoạch whose tasks are in a Phụ lục after the signature;
// the Phụ lục's table is put in place of the "%s".
const r28Plan = "ỦY BAN NHÂN DÂN\n\nXÃ HÒA BÌNH\n\nSố: 57/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n" +
	"Hòa Bình, ngày 12 tháng 3 năm 2025\n\nKẾ HOẠCH\n\nThực hiện các chỉ tiêu kinh tế - xã hội quý II năm 2025\n\n" +
	"Để hoàn thành các chỉ tiêu năm 2025, Chủ tịch Ủy ban nhân dân xã yêu cầu các ban, ngành thực hiện các nhiệm vụ được phân công tại Phụ lục kèm theo Kế hoạch này.\n\n" +
	"Các ban, ngành báo cáo kết quả thực hiện quý II năm 2025 về Văn phòng Ủy ban nhân dân xã trước ngày 25/6/2025./.\n\n" +
	"Nơi nhận:\n\n- Thường trực Đảng ủy xã;\n\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình\n\n" +
	"PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ GIAO CÁC BAN, NGÀNH\n\n(Kèm theo Kế hoạch số 57/KH-UBND ngày 12/3/2025 của Ủy ban nhân dân xã)\n\n%s"

// TestSpacedCellTable: a table docx2txt wrote one cell a line with a blank
// line after every cell, the header's too, reads one task a row: its row
// numbers are rows, not page numbers, a lone "-" is an empty cell, and a
// row holds as many cells as the header has columns. Numbers between blank
// lines with no table header above them are still page numbers.
func TestSpacedCellTable(t *testing.T) {
	const head = "STT\n\nNội dung nhiệm vụ\n\nĐơn vị chủ trì\n\nĐơn vị phối hợp\n\nThời hạn\n\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"a blank line after every cell",
			head +
				"1\n\nTrồng mới ít nhất 25 ha rừng sản xuất\n\nBan Nông nghiệp xã\n\nHội Nông dân xã; Đoàn Thanh niên xã\n\n30/6/2025\n\n" +
				"2\n\nThu ngân sách trên địa bàn đạt tối thiểu 3,2 tỷ đồng\n\nBan Tài chính xã\n\n-\n\n30/6/2025\n\n" +
				"3\n\nCấp căn cước cho ít nhất 95% công dân đủ tuổi\n\nCông an xã\n\nCác thôn\n\nThường xuyên\n",
			[]string{
				"1 Ban Nông nghiệp xã / Hội Nông dân xã; Đoàn Thanh niên xã : >= 25 ha",
				"2 Ban Tài chính xã /  : >= 3.2 tỷ đồng",
				"3 Công an xã / Các thôn : >= 95 %",
			}},
		// Left alone: a row with fewer cells than the header ends the
		// table, and numbers between blank lines in prose stay page
		// numbers.
		{"page numbers in prose",
			"1. Ban Nông nghiệp xã trồng mới ít nhất 25 ha rừng sản xuất.\n\n2\n\n" +
				"2. Ban Tài chính xã thu ngân sách đạt tối thiểu 3,2 tỷ đồng.\n",
			[]string{
				"1 : >= 25 ha",
				"2 : >= 3.2 tỷ đồng",
			}},
	} {
		r := Parse(strings.Replace(r28Plan, "%s", c.table, 1), nil)
		// The rows of the Phụ lục; the body's own paragraphs are not what
		// this test reads.
		var got []string
		for _, g := range r26Tasks(r) {
			if !strings.HasPrefix(g, " ") {
				got = append(got, g)
			}
		}
		if c.name == "page numbers in prose" {
			// What counts here is the items and their targets, whole.
			for i, g := range got {
				label, _, _ := strings.Cut(g, " ")
				_, ts, _ := strings.Cut(g, " : ")
				got[i] = label + " : " + ts
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if r.Signer.Name != "Lê Văn Bình" {
			t.Errorf("%s: signer %q, want the one before the Phụ lục", c.name, r.Signer.Name)
		}
	}
}

// r28Amend is a Quyết định that amends a Kế hoạch; its Điều 1 items are
// put in place of the "%s".
const r28Amend = "ỦY BAN NHÂN DÂN\nHUYỆN SƠN HÀ\n\nSố: 402/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n" +
	"Sơn Hà, ngày 04 tháng 8 năm 2024\n\nQUYẾT ĐỊNH\nSửa đổi, bổ sung Kế hoạch số 15/KH-UBND ngày 10/02/2024 của Ủy ban nhân dân huyện\n\n" +
	"CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ\n\nCăn cứ Kế hoạch số 15/KH-UBND ngày 10/02/2024 của Ủy ban nhân dân huyện;\n\nQUYẾT ĐỊNH:\n\n" +
	"Điều 1. Sửa đổi, bổ sung một số nội dung của Kế hoạch số 15/KH-UBND như sau:\n\n%s\n\n" +
	"Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nCHỦ TỊCH\n\n\nĐinh Văn Hải\n"

// TestQuotedAmendedItems: an amending instruction ("1. Sửa đổi khoản 3 mục
// II như sau:") followed by the item's new wording in quotes gives the
// quoted item as the task, labelled as the amended plan numbers it; the
// instruction is no task. An instruction not followed by a quoted item is
// read as before.
func TestQuotedAmendedItems(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"quoted items on their own lines",
			"1. Sửa đổi khoản 3 mục II như sau:\n\n“3. Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với Ủy ban nhân dân các xã kiên cố hóa ít nhất 18 km đường giao thông nông thôn.”\n\n" +
				"2. Bổ sung khoản 7 vào mục II như sau:\n\n“7. Phòng Giáo dục và Đào tạo chủ trì sửa chữa ít nhất 12 phòng học xuống cấp.”",
			[]string{
				"3 Phòng Kinh tế và Hạ tầng / Ủy ban nhân dân các xã : >= 18 km",
				"7 Phòng Giáo dục và Đào tạo /  : >= 12 phòng học",
			}},
		// Left alone: the new wording with no quotes stays the
		// instruction's own text, under the instruction's label.
		{"no quotes",
			"1. Sửa đổi khoản 3 mục II như sau: Phòng Kinh tế và Hạ tầng kiên cố hóa ít nhất 18 km đường giao thông nông thôn.",
			[]string{
				"1  /  : >= 18 km",
			}},
	} {
		got := r26Tasks(Parse(strings.Replace(r28Amend, "%s", c.items, 1), nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestCitedDemandDeadline: an opening that restates what a cited document
// asked of others ("Thực hiện Kế hoạch số …, trong đó Ủy ban nhân dân
// tỉnh yêu cầu các huyện: (1) …; (2) báo cáo … trước ngày D1.") gives that
// document's dates; the directive's own report date after it is the
// deadline. With no date of its own, the restated one is still taken, and
// a "Thực hiện" sentence that is the directive's own request is read as
// before.
func TestCitedDemandDeadline(t *testing.T) {
	const cited = "Thực hiện Kế hoạch số 88/KH-UBND ngày 02/3/2025 của Ủy ban nhân dân tỉnh, trong đó Ủy ban nhân dân tỉnh yêu cầu các huyện: (1) rà soát hộ nghèo; (2) báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 30/4/2025."
	for _, c := range []struct {
		name, opening string
		want          Deadline
	}{
		{"own date after the cited one",
			cited + "\n\nCác phòng, ban báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Lao động) trước ngày 18/4/2025.",
			Deadline{Date: "2025-04-18", Relation: "before"}},
		{"recalled letter, new date in the items",
			"Ngày 02/4/2025, Ủy ban nhân dân huyện ban hành Công văn số 210/UBND-LĐTBXH đề nghị các phòng, ban gửi báo cáo về Phòng Lao động trước ngày 15/4/2025.\n\n" +
				"2. Các phòng, ban gửi báo cáo về Ủy ban nhân dân huyện đến hết ngày 22/4/2025.",
			Deadline{Date: "2025-04-22", Relation: "by"}},
		// Left alone: no date of its own, and a "Thực hiện" sentence
		// that is the directive's own request.
		{"only the cited date", cited, Deadline{Date: "2025-04-30", Relation: "before"}},
		{"own Thực hiện sentence",
			"Thực hiện Kế hoạch số 88/KH-UBND ngày 02/3/2025 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân huyện yêu cầu các phòng, ban báo cáo kết quả trước ngày 18/4/2025.",
			Deadline{Date: "2025-04-18", Relation: "before"}},
	} {
		text := "ỦY BAN NHÂN DÂN\nHUYỆN AN LÃO\n\nSố: 231/UBND-LĐTBXH\nV/v rà soát hộ nghèo năm 2025\n\nAn Lão, ngày 08 tháng 4 năm 2025\n\n" +
			"Kính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện.\n\n" + c.opening +
			"\n\n1. Phòng Lao động - Thương binh và Xã hội chủ trì rà soát hộ nghèo trên địa bàn.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\n\nHồ Văn Tâm\n"
		r := Parse(text, nil)
		if r.Deadline == nil || *r.Deadline != c.want {
			t.Errorf("%s: deadline %+v, want %+v", c.name, r.Deadline, c.want)
		}
	}
}

// TestIssuerBesideDate: a header whose left column's last line shares a
// line with the place and date, as a scan or pdftotext lays it out
// ("BCH HỘI CỰU CHIẾN BINH TỈNH X      X, ngày …"), keeps that line as the
// issuer under its superior body. A date line with nothing before it
// leaves the issuer as it was.
func TestIssuerBesideDate(t *testing.T) {
	for _, c := range []struct {
		name, head, want string
	}{
		{"body beside the date",
			"HỘI CỰU CHIẾN BINH VIỆT NAM\nBCH HỘI CỰU CHIẾN BINH TỈNH BẮC SƠN          Bắc Sơn, ngày 03 tháng 9 năm 2024\n",
			"BCH HỘI CỰU CHIẾN BINH TỈNH BẮC SƠN"},
		// Left alone: the date on a line of its own.
		{"date alone",
			"HỘI CỰU CHIẾN BINH VIỆT NAM\nBCH HỘI CỰU CHIẾN BINH TỈNH BẮC SƠN\n          Bắc Sơn, ngày 03 tháng 9 năm 2024\n",
			"BCH HỘI CỰU CHIẾN BINH TỈNH BẮC SƠN"},
	} {
		r := Parse(c.head+"Số: 77-CV/CCB\nV/v báo cáo kết quả năm 2024\n\nKính gửi: Ban Thường vụ Hội Cựu chiến binh các huyện.\n\n"+
			"Ban Thường vụ Hội Cựu chiến binh tỉnh đề nghị Ban Thường vụ Hội Cựu chiến binh các huyện báo cáo kết quả năm 2024 trước ngày 15/12/2024./.\n\n"+
			"Nơi nhận:\n- Như trên;\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nCHỦ TỊCH\n\n\nPhan Văn Lực\n", nil)
		if r.Issuer != c.want {
			t.Errorf("%s: issuer %q, want %q", c.name, r.Issuer, c.want)
		}
	}
}

// TestReplacedQuoteDeadline: the wording a text replaces, quoted after
// "thay cho thời hạn" or "thay cụm từ", is void and gives no date; the
// sentence's own date stands. A quoted date with no "thay" is still read.
func TestReplacedQuoteDeadline(t *testing.T) {
	for _, c := range []struct {
		sentence, want string
	}{
		{`các đơn vị gửi báo cáo về Sở đến hết ngày 22/4/2025, thay cho thời hạn "trước ngày 15/4/2025" tại Công văn số 210/SYT-KHTC.`, "22/4/2025"},
		{"các đơn vị gửi báo cáo đến hết ngày 22/4/2025 (thay thế thời hạn cũ); thay cụm từ “trước ngày 15/4/2025” bằng cụm từ mới.", "22/4/2025"},
		// Left alone.
		{`các đơn vị gửi báo cáo đến hết ngày 22/4/2025, thời hạn "trước ngày 15/4/2025" tại Công văn số 210 không còn áp dụng.`, "15/4/2025"},
	} {
		m := sentenceDeadline(vi.Fold(c.sentence))
		if m == nil || m[5] != c.want {
			t.Errorf("%q: got %q, want %s", c.sentence, m, c.want)
		}
	}
}
