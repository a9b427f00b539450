package directive

import (
	"fmt"
	"slices"
	"testing"

	"tiendo"
)

// The rules of round twenty-seven, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r27Letter is a Sở's letter whose header, addressees, body and foot are
// put in place of the four "%s".
const r27Letter = "%s\nSố: 415/SYT-KHTC\nV/v báo cáo kết quả quý III năm 2025\n\n" +
	"Kính gửi:\n%s\n\nThực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Y tế đề nghị các đơn vị thực hiện:\n\n%s\n\n" +
	"Nơi nhận:\n%s\n"

// TestBareKindInGroup: after "các" and a kind, a unit's kind written in
// small letters with no name after it ("chi cục", "trung tâm", "trạm", "chi
// bộ trực thuộc") is one more kind of the same group, in the Kính gửi and in
// the heading that leads a task. A unit named after it ("chi cục Thủy
// lợi"), or one with a capital, is still a unit of its own.
func TestBareKindInGroup(t *testing.T) {
	for _, c := range []struct {
		name, kinhGui string
		want          []string
	}{
		{"chi cục before another kind", "- Các phòng, chi cục, đơn vị sự nghiệp thuộc Sở;\n- Ủy ban nhân dân các huyện.",
			[]string{"Các phòng, chi cục, đơn vị sự nghiệp thuộc Sở", "Ủy ban nhân dân các huyện"}},
		{"chi bộ under a Đảng ủy", "- Các chi bộ thôn, chi bộ trực thuộc,\n- Ủy ban nhân dân xã.",
			[]string{"Các chi bộ thôn, chi bộ trực thuộc", "Ủy ban nhân dân xã"}},
		{"đội and trạm under their body", "- Các phòng, đội, trạm trực thuộc Chi cục;\n- Trung tâm Y tế huyện.",
			[]string{"Các phòng, đội, trạm trực thuộc Chi cục", "Trung tâm Y tế huyện"}},
		// Left alone: a named unit after the group, in small letters or
		// with a capital.
		{"named chi cục", "- Các phòng, chi cục Thủy lợi;\n- Ủy ban nhân dân các huyện.",
			[]string{"Các phòng", "chi cục Thủy lợi", "Ủy ban nhân dân các huyện"}},
		{"capital unit", "- Các phòng, Trung tâm Kiểm soát bệnh tật;\n- Ủy ban nhân dân các huyện.",
			[]string{"Các phòng", "Trung tâm Kiểm soát bệnh tật", "Ủy ban nhân dân các huyện"}},
	} {
		r := Parse(fmt.Sprintf(r27Letter, "SỞ Y TẾ TỈNH BÌNH AN", c.kinhGui, "1. Các đơn vị rà soát hồ sơ.", "- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n\nNguyễn Văn An"), nil)
		var got []string
		for _, rc := range r.Recipients {
			got = append(got, rc.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}

	// The heading over letter items leads them whole.
	body := "1. Các chi bộ thôn, chi bộ trực thuộc:\na) Lãnh đạo tổ chức đại hội chi bộ trước ngày 30/9/2025.\n" +
		"b) Mỗi chi bộ giới thiệu ít nhất 02 quần chúng ưu tú.\n2. Ủy ban nhân dân xã chỉ đạo thu ngân sách đạt tối thiểu 3 tỷ đồng."
	r := Parse(fmt.Sprintf(r27Letter, "ĐẢNG ỦY XÃ BÌNH AN", "- Các chi bộ thôn, chi bộ trực thuộc,\n- Ủy ban nhân dân xã.", body, "- Như trên;\n- Lưu VP.\n\nBÍ THƯ\n\n\nNguyễn Văn An"), nil)
	got := r26Tasks(r)
	want := []string{
		"1a Các chi bộ thôn, chi bộ trực thuộc /  : ",
		"1b Các chi bộ thôn, chi bộ trực thuộc /  : >= 2 quần chúng",
		"2 Ủy ban nhân dân xã /  : >= 3 tỷ đồng",
	}
	if !slices.Equal(got, want) {
		t.Errorf("heading:\n got %q\nwant %q", got, want)
	}
}

// TestNotLaterThanDeadline: "không chậm hơn ngày D" and "không trễ hơn
// ngày D" give the last day allowed, as "không muộn hơn ngày D" does:
// by D, not before it.
func TestNotLaterThanDeadline(t *testing.T) {
	for _, c := range []struct {
		sentence string
		want     Deadline
	}{
		{"Các đơn vị gửi báo cáo về Sở không chậm hơn ngày 06/10/2025.", Deadline{Date: "2025-10-06", Relation: "by"}},
		{"Các đơn vị gửi báo cáo về Sở không trễ hơn 16 giờ ngày 06/10/2025.", Deadline{Date: "2025-10-06", Time: "16:00", Relation: "by"}},
		{"Các đơn vị gửi báo cáo về Sở (qua Phòng Kế hoạch - Tài chính) không chậm hơn ngày 06 tháng 10 năm 2025 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 10/10/2025.", Deadline{Date: "2025-10-06", Relation: "by"}},
		// Left alone.
		{"Các đơn vị gửi báo cáo về Sở không muộn hơn ngày 06/10/2025.", Deadline{Date: "2025-10-06", Relation: "by"}},
		{"Các đơn vị gửi báo cáo về Sở trước ngày 06/10/2025.", Deadline{Date: "2025-10-06", Relation: "before"}},
	} {
		r := Parse(fmt.Sprintf(r27Letter, "SỞ Y TẾ TỈNH BÌNH AN", "- Các bệnh viện tuyến tỉnh.", "1. Các bệnh viện rà soát hồ sơ.\n\n"+c.sentence, "- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n\nNguyễn Văn An"), nil)
		if r.Deadline == nil || *r.Deadline != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.sentence, r.Deadline, c.want)
		}
	}
}

// TestColumnRuleInHeader: the rule one column of a header draws under
// its heading ("____", "====", "-----") on the line where the other
// column goes on is no part of that column's text: the issuer is its
// words alone. Hyphens inside a name, and a rule line on its own, are
// as before.
func TestColumnRuleInHeader(t *testing.T) {
	for _, c := range []struct {
		header, want string
	}{
		{"  HUYỆN ỦY BÌNH AN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n ĐẢNG ỦY XÃ TÂN LỢI               ______________________\n          *", "ĐẢNG ỦY XÃ TÂN LỢI"},
		{"ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN BÌNH AN       Độc lập - Tự do - Hạnh phúc\n=========          ===============================", "ỦY BAN NHÂN DÂN HUYỆN BÌNH AN"},
		{"UBND TỈNH BÌNH AN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ LAO ĐỘNG - THƯƠNG BINH   --------------------\nVÀ XÃ HỘI", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"},
		// Left alone.
		{"UBND TỈNH BÌNH AN\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n-----------", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"},
	} {
		r := Parse(fmt.Sprintf(r27Letter, c.header, "- Các phòng, ban.", "1. Các phòng rà soát hồ sơ.", "- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n\nNguyễn Văn An"), nil)
		if r.Issuer != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.header, r.Issuer, c.want)
		}
	}
}

// TestSealAndShortTitleInFoot: in a foot laid out in two columns, the
// position at the end of a distribution line is split off even when its
// words are short ("PHÓ BÍ THƯ", "BÍ THƯ"); the seal read by OCR,
// a body's name in capitals in brackets ("( * ĐẢNG ỦY XÃ * )"), is neither
// a distribution item's text nor part of the title, beside the list or
// on a line of its own. A recipient's own capitals in brackets ("(BC)")
// stay in its item.
func TestSealAndShortTitleInFoot(t *testing.T) {
	for _, c := range []struct {
		name, foot, title string
		dist              []string
	}{
		{"seal beside the list",
			" - Ban Thường vụ Huyện ủy (b/c),                     PHÓ BÍ THƯ\n - Như kính gửi,                              ( * ĐẢNG ỦY XÃ * )\n - Lưu Văn phòng Đảng ủy.\n\n          Lê Văn Bình",
			"PHÓ BÍ THƯ", []string{"Ban Thường vụ Huyện ủy (b/c)", "Như kính gửi", "Lưu Văn phòng Đảng ủy"}},
		{"seal on its own line",
			"- Như trên;\n- Lưu: VT.\n\nPHÓ CHỦ TỊCH\n(* ỦY BAN NHÂN DÂN XÃ *)\n\nLê Văn Bình",
			"PHÓ CHỦ TỊCH", []string{"Như trên", "Lưu: VT"}},
		{"short words beside the list",
			"- Huyện ủy (b/c),                 BÍ THƯ\n- Như trên,\n- Lưu: VT.\n\nLê Văn Bình",
			"BÍ THƯ", []string{"Huyện ủy (b/c)", "Như trên", "Lưu: VT"}},
		// Left alone: a recipient's capitals in brackets.
		{"capitals of an item",
			"- Thường trực Huyện ủy (BC);\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình",
			"CHỦ TỊCH", []string{"Thường trực Huyện ủy (BC)", "Như trên", "Lưu: VT"}},
	} {
		r := Parse(fmt.Sprintf(r27Letter, "ỦY BAN NHÂN DÂN XÃ BÌNH AN", "- Các thôn.", "1. Các thôn rà soát hồ sơ.", c.foot), nil)
		if r.Signer.Title != c.title || !slices.Equal(r.Distribution, c.dist) {
			t.Errorf("%s:\n got %q %q\nwant %q %q", c.name, r.Signer.Title, r.Distribution, c.title, c.dist)
		}
	}
}

// TestRunOnFoot: a foot whose line breaks were lost, "Nơi nhận: - Như
// trên; - Sở Y tế; - Lưu: VT. KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", gives each
// item, the authority and the position. An authority line with no
// position run into it ("KT. BỘ TRƯỞNG", "TM. BAN THƯỜNG VỤ" over the
// position's own line) is as before.
func TestRunOnFoot(t *testing.T) {
	for _, c := range []struct {
		name, foot, auth, title string
		dist                    []string
	}{
		{"all on one line",
			"- Như trên; - Thường trực Huyện ủy (b/c); - CT, các PCT UBND huyện; - Lưu: VT, VP. KT. CHỦ TỊCH PHÓ CHỦ TỊCH\n(Đã ký)\nLê Văn Bình",
			"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", []string{"Như trên", "Thường trực Huyện ủy (b/c)", "CT, các PCT UBND huyện", "Lưu: VT, VP"}},
		{"body and head",
			"- Như trên; - Lưu: VT. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH\nLê Văn Bình",
			"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", []string{"Như trên", "Lưu: VT"}},
		{"a minister's deputy",
			"- Như trên; - Lưu: VT. KT. BỘ TRƯỞNG THỨ TRƯỞNG\nLê Văn Bình",
			"KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", []string{"Như trên", "Lưu: VT"}},
		{"a seal with nothing before it",
			"- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n   ( * ỦY BAN NHÂN DÂN * )\nLê Văn Bình",
			"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", []string{"Như trên", "Lưu: VT"}},
		// Left alone.
		{"authority with no position",
			"- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\n\nLê Văn Bình",
			"KT. BỘ TRƯỞNG", "", []string{"Như trên", "Lưu: VT"}},
		{"position on its own line",
			"- Như trên;\n- Lưu: VT.\n\nTM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nLê Văn Bình",
			"TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", []string{"Như trên", "Lưu: VT"}},
	} {
		r := Parse(fmt.Sprintf(r27Letter, "ỦY BAN NHÂN DÂN HUYỆN BÌNH AN", "- Các phòng, ban.", "1. Các phòng rà soát hồ sơ.", "\n"+c.foot), nil)
		auth := ""
		if len(r.Signer.Authority) > 0 {
			auth = r.Signer.Authority[len(r.Signer.Authority)-1]
		}
		if auth != c.auth || r.Signer.Title != c.title || !slices.Equal(r.Distribution, c.dist) {
			t.Errorf("%s:\n got %q %q %q\nwant %q %q %q", c.name, auth, r.Signer.Title, r.Distribution, c.auth, c.title, c.dist)
		}
	}
}

// r27Invitation is a Giấy mời to a review meeting whose subject, item
// on the reports and closing sentence are put in place of the "%s".
const r27Invitation = "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH AN\nSố: 212/GM-UBND\nBình An, ngày 05 tháng 6 năm 2025\n\nGIẤY MỜI\n%s\n\n" +
	"Ủy ban nhân dân huyện tổ chức Hội nghị, cụ thể như sau:\n\n1. Chủ trì: Đồng chí Chủ tịch Ủy ban nhân dân huyện.\n\n" +
	"2. Thời gian: 01 buổi, bắt đầu lúc 14 giờ 00, ngày 20/6/2025.\n\n3. Công tác chuẩn bị:\n%s\n" +
	"a) Phòng Tài chính - Kế hoạch báo cáo tình hình thu, chi ngân sách.\nb) Phòng Nội vụ báo cáo công tác cán bộ.\n\n%s\n\n" +
	"Nơi nhận:\n- Như thành phần mời;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Văn Bình\n"

// TestReportDateOverClosingDate: a date the closing gives with no report
// in its sentence ("Tài liệu được đăng tải trước ngày D") yields to an
// item that sends the report by its own date. A closing sentence that
// sends the report keeps its date, and so does a bare closing date when
// no item sends anything.
func TestReportDateOverClosingDate(t *testing.T) {
	const subject = "Dự Hội nghị sơ kết công tác 6 tháng đầu năm 2025"
	for _, c := range []struct {
		name, item, closing string
		want                Deadline
	}{
		{"item sends the report",
			"Đề nghị các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND huyện trước 16 giờ 00 ngày 13/6/2025, tập trung vào các nội dung sau:",
			"Tài liệu Hội nghị được đăng tải trên Hệ thống quản lý văn bản trước ngày 18/6/2025.",
			Deadline{Date: "2025-06-13", Time: "16:00", Relation: "before"}},
		// Left alone.
		{"closing sends the report",
			"Đề nghị các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND huyện trước 16 giờ 00 ngày 13/6/2025, tập trung vào các nội dung sau:",
			"Các đơn vị gửi báo cáo bổ sung về Văn phòng trước ngày 17/6/2025.",
			Deadline{Date: "2025-06-17", Relation: "before"}},
		{"no item sends",
			"Các cơ quan, đơn vị chuẩn bị các nội dung sau:",
			"Tài liệu Hội nghị được đăng tải trên Hệ thống quản lý văn bản trước ngày 18/6/2025.",
			Deadline{Date: "2025-06-18", Relation: "before"}},
	} {
		r := Parse(fmt.Sprintf(r27Invitation, subject, c.item, c.closing), nil)
		if r.Deadline == nil || *r.Deadline != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, r.Deadline, c.want)
		}
	}
}

// TestInvitationPeriod: a Giấy mời to a meeting that reviews a period,
// whose text names no other, reports on that period. A notice of a
// meeting's conclusions still does not take its subject's period.
func TestInvitationPeriod(t *testing.T) {
	item := "Đề nghị các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND huyện trước ngày 13/6/2025, tập trung vào các nội dung sau:"
	for _, c := range []struct {
		name, subject string
		want          *tiendo.Period
	}{
		{"half-year", "Dự Hội nghị sơ kết công tác 6 tháng đầu năm 2025", &tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2025, Index: 1}},
		{"quarter", "Dự Hội nghị đánh giá tình hình kinh tế - xã hội quý II năm 2025", &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2025, Index: 2}},
	} {
		r := Parse(fmt.Sprintf(r27Invitation, c.subject, item, "Đề nghị các đồng chí dự họp đúng thời gian./."), nil)
		if r.Period == nil || *r.Period != *c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, r.Period, c.want)
		}
	}
	// Left alone: the conclusions of a meeting.
	notice := "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH AN\nSố: 88/TB-UBND\nBình An, ngày 05 tháng 6 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 5 năm 2025\n\n" +
		"1. Phòng Tài chính - Kế hoạch rà soát nguồn thu.\n2. Phòng Nội vụ rà soát biên chế.\n\nNơi nhận:\n- Các phòng;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Văn Bình\n"
	if r := Parse(notice, nil); r.Period != nil {
		t.Errorf("notice: period %+v, want none", r.Period)
	}
}

// TestNewCountrysideName: "nông thôn mới", the new-countryside
// programme, goes on in a unit's name when a level or a capital follows
// it or the name ends there; "mới" before a verb says "only just", and
// the name ends before it, as it does at "nông thôn" alone.
func TestNewCountrysideName(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Văn phòng Điều phối nông thôn mới Trung ương chủ trì, phối hợp với các sở", "Văn phòng Điều phối nông thôn mới Trung ương"},
		{"Ban Chỉ đạo xây dựng nông thôn mới huyện tổng hợp kết quả", "Ban Chỉ đạo xây dựng nông thôn mới huyện"},
		{"Văn phòng Điều phối nông thôn mới tỉnh Bình An hướng dẫn các xã", "Văn phòng Điều phối nông thôn mới tỉnh Bình An"},
		// Left alone.
		{"Phòng Nông nghiệp và Phát triển nông thôn mới gửi báo cáo", "Phòng Nông nghiệp và Phát triển nông thôn"},
		{"Chi cục Phát triển nông thôn hướng dẫn các xã", "Chi cục Phát triển nông thôn"},
	} {
		if got := cutUnitNames(c.text); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// TestTopicBeforeUnit: an item that names its field before a colon and
// its unit after it ("Về thu ngân sách: Chi cục Thuế khu vực báo cáo …")
// is led by that unit, and the units it works with support it, as if
// the field were not written. An item whose text after the colon opens
// with no unit is as before.
func TestTopicBeforeUnit(t *testing.T) {
	body := "1. Về thu ngân sách nhà nước: Chi cục Thuế khu vực báo cáo kết quả thu lũy kế; phấn đấu tổng thu đạt trên 520 tỷ đồng.\n\n" +
		"2. Về lao động, việc làm và an sinh xã hội: Phòng Nội vụ phối hợp với Bảo hiểm xã hội huyện báo cáo kết quả giải quyết việc làm cho ít nhất 1.200 lao động.\n\n" +
		"3. Về sản xuất nông nghiệp: Phòng Kinh tế báo cáo tiến độ gieo trồng, bảo đảm diện tích đạt 4.500 ha.\n\n" +
		"4. Về cải cách hành chính: tiếp tục rà soát thủ tục hành chính."
	r := Parse(fmt.Sprintf(r27Letter, "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH AN",
		"- Chi cục Thuế khu vực;\n- Phòng Nội vụ;\n- Phòng Kinh tế;\n- Bảo hiểm xã hội huyện.", body,
		"- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình"), nil)
	got := r26Tasks(r)
	want := []string{
		"1 Chi cục Thuế khu vực /  : > 520 tỷ đồng",
		"2 Phòng Nội vụ / Bảo hiểm xã hội huyện : >= 1200 lao động",
		"3 Phòng Kinh tế /  : = 4500 ha",
		"4 Chi cục Thuế khu vực; Phòng Nội vụ; Phòng Kinh tế; Bảo hiểm xã hội huyện /  : ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestVillageKindCoversNumbered: "Các thôn, tổ dân phố" in the Kính gửi
// covers "tổ dân phố 1" as it covers "thôn Yên Hòa": a kind of village of
// three words is a kind all the same, and no unit-not-recipient warning
// follows. A unit outside the group still gives one.
func TestVillageKindCoversNumbered(t *testing.T) {
	for _, c := range []struct {
		name, kinhGui, item string
		warn                bool
	}{
		{"tổ dân phố", "- Các thôn, tổ dân phố;\n- Công an xã.", "1. Các tổ dân phố 1, 2 và 4: lắp đặt ít nhất 20 bóng đèn chiếu sáng.", false},
		// Left alone.
		{"unit outside the group", "- Các thôn, tổ dân phố;\n- Công an xã.", "1. Trạm Y tế xã: tiêm chủng đầy đủ cho 100% trẻ em.", true},
	} {
		r := Parse(fmt.Sprintf(r27Letter, "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN", c.kinhGui, c.item, "- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình"), nil)
		warned := false
		for _, w := range r.Warnings {
			warned = warned || w.Code == WarnNotRecipient
		}
		if warned != c.warn || len(r.Tasks) != 1 {
			t.Errorf("%s: warned %v (want %v), tasks %q", c.name, warned, c.warn, r26Tasks(r))
		}
	}
}

// TestDashedPlace: a place named after two joined by a dash ("Bà Rịa -
// Vũng Tàu", "Phan Rang - Tháp Chàm") is the whole place of the date
// line. A place of one name, and one beside the number's column, are as
// before.
func TestDashedPlace(t *testing.T) {
	for _, c := range []struct{ dateLine, want string }{
		{"Bà Rịa - Vũng Tàu, ngày 12 tháng 01 năm 2024", "Bà Rịa - Vũng Tàu"},
		{"Phan Rang - Tháp Chàm, ngày 12 tháng 01 năm 2024", "Phan Rang - Tháp Chàm"},
		{"Số: 15/UBND-VP     Phan Rang - Tháp Chàm, ngày 12 tháng 01 năm 2024", "Phan Rang - Tháp Chàm"},
		// Left alone.
		{"Hà Nội, ngày 12 tháng 01 năm 2024", "Hà Nội"},
		{"Số: 15/UBND-VP     Vị Thanh, ngày 12 tháng 01 năm 2024", "Vị Thanh"},
	} {
		text := "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BÌNH AN\n" + c.dateLine + "\nV/v báo cáo năm 2024\n\nKính gửi: Các phòng, ban.\n\n1. Các phòng rà soát hồ sơ.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình\n"
		if got := Parse(text, nil).Place; got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.dateLine, got, c.want)
		}
	}
}
