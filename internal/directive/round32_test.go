package directive

import (
	"fmt"
	"slices"
	"testing"

	"tiendo"
)

// The rules of round thirty-two, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r32Roles lists a task's units of one role.
func r32Roles(t Task, role tiendo.AssigneeRole) []string {
	var out []string
	for _, a := range t.Assignees {
		if a.Role == role {
			out = append(out, a.Name)
		}
	}
	return out
}

// r32Targets writes a task's targets as "cmp value unit".
func r32Targets(ts []Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s %g %s", t.Comparator, t.Value, t.Unit))
	}
	return out
}

// TestJointSignatureBlocks: a joint plan's two signature blocks side by
// side, as pdftotext -layout sets them, give the right-hand block (the
// lead body's, Decree 30) as the signer; one signature at the right of the
// Nơi nhận is read as before.
func TestJointSignatureBlocks(t *testing.T) {
	const head = "      UBND TỈNH AN GIANG             BAN CHỈ HUY QUÂN SỰ TỈNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"         SỞ Y TẾ                                                        Độc lập - Tự do - Hạnh phúc\n\n" +
		"   Số: 12/KHLT-SYT-BCH                                        An Giang, ngày 03 tháng 4 năm 2026\n\n" +
		"                              KẾ HOẠCH LIÊN TỊCH\n" +
		"                    Khám tuyển sức khỏe nghĩa vụ quân sự năm 2026\n\n" +
		"     1. Trung tâm Y tế các khu vực tổ chức khám cho 100% công dân trong diện gọi.\n" +
		"     2. Ban Chỉ huy Quân sự các xã lập danh sách công dân trong diện gọi.\n" +
		"     Các đơn vị báo cáo kết quả trước ngày 30/4/2026./.\n\n"
	cases := []struct {
		name, foot, title, signer string
	}{
		{"two blocks side by side", "          BAN CHỈ HUY QUÂN SỰ TỈNH                          SỞ Y TẾ\n" +
			"            KT. CHỈ HUY TRƯỞNG                             KT. GIÁM ĐỐC\n" +
			"            PHÓ CHỈ HUY TRƯỞNG                            PHÓ GIÁM ĐỐC\n\n" +
			"                 (Đã ký)                                     (Đã ký)\n\n" +
			"          Thượng tá Lê Văn Bình                            Ngô Thị Mai\n\n" +
			"     Nơi nhận:\n     - UBND tỉnh (b/c);\n     - Lưu: VT.\n",
			"PHÓ GIÁM ĐỐC", "Ngô Thị Mai"},
		{"two positions without KT.", "               GIÁM ĐỐC                                   GIÁM ĐỐC\n" +
			"          Võ Minh Tâm                                  Phạm Hữu Lộc\n",
			"GIÁM ĐỐC", "Phạm Hữu Lộc"},
		// Left alone: one block beside the Nơi nhận.
		{"one block", "     Nơi nhận:                                            KT. GIÁM ĐỐC\n" +
			"     - UBND tỉnh (b/c);                                   PHÓ GIÁM ĐỐC\n" +
			"     - Lưu: VT.\n\n                                                          Ngô Thị Mai\n",
			"PHÓ GIÁM ĐỐC", "Ngô Thị Mai"},
	}
	for _, c := range cases {
		r := Parse(head+c.foot, nil)
		if r.Signer.Title != c.title || r.Signer.Name != c.signer {
			t.Errorf("%s: signer %q / %q, want %q / %q", c.name, r.Signer.Title, r.Signer.Name, c.title, c.signer)
		}
	}
}

// TestQuotaByUnit: a task whose sentence ends "như sau:" over a list or a
// short table giving each unit its figure is led by the units listed, one
// target each; a list of contents under the same words is read as before.
func TestQuotaByUnit(t *testing.T) {
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG HẢI\nSố: 88/UBND-VX\nV/v tuyển sinh lớp nghề năm 2026\n" +
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐông Hải, ngày 02 tháng 3 năm 2026\n" +
		"Kính gửi:\n- Phòng Lao động - Thương binh và Xã hội;\n- Ủy ban nhân dân các xã, thị trấn.\n" +
		"Ủy ban nhân dân huyện yêu cầu:\n" +
		"1. Phòng Lao động - Thương binh và Xã hội chủ trì mở ít nhất 06 lớp nghề.\n"
	const foot = "Các đơn vị báo cáo trước ngày 20/3/2026./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Hải\n"
	cases := []struct {
		name, item  string
		leads, want []string
	}{
		{"list", "2. Giao chỉ tiêu tuyển sinh cho Ủy ban nhân dân các xã, thị trấn như sau:\n" +
			"- Xã Long Điền: 40 học viên;\n- Thị trấn Gành Hào: 25 học viên;\n- Xã Điền Hải: 32 học viên.\n",
			[]string{"Xã Long Điền", "Thị trấn Gành Hào", "Xã Điền Hải"}, []string{"= 40 học viên", "= 25 học viên", "= 32 học viên"}},
		// Left alone: contents under "như sau:", no unit's name before a
		// figure.
		{"contents", "2. Ủy ban nhân dân các xã, thị trấn tuyên truyền như sau:\n" +
			"- Phát ít nhất 10 tin, bài;\n- Tổ chức 02 hội nghị.\n",
			[]string{"Ủy ban nhân dân các xã, thị trấn"}, []string{">= 10 tin, bài", "= 2 hội nghị"}},
	}
	for _, c := range cases {
		r := Parse(head+c.item+foot, nil)
		var task *Task
		for i := range r.Tasks {
			if r.Tasks[i].Label == "2" {
				task = &r.Tasks[i]
			}
		}
		if task == nil {
			t.Errorf("%s: no task 2 in %+v", c.name, r.Tasks)
			continue
		}
		if got := r32Roles(*task, tiendo.Lead); !slices.Equal(got, c.leads) {
			t.Errorf("%s: leads %q, want %q", c.name, got, c.leads)
		}
		if got := r32Targets(task.Targets); !slices.Equal(got, c.want) {
			t.Errorf("%s: targets %q, want %q", c.name, got, c.want)
		}
		for _, w := range r.Warnings {
			if w.Code == WarnNotRecipient || w.Code == WarnTaskWithoutUnit {
				t.Errorf("%s: warning %s: %s", c.name, w.Code, w.Message)
			}
		}
	}
}

// TestQuotaTable: the short table of a quota as it reaches the task's text
// once a scan's lines are joined ("TT Đơn vị Số X tối thiểu 1 Xã A 4 2
// …"): each row's unit and figure, the figure's unit and comparator from
// the column's header; rows not numbered 1, 2, … in order, or a row that
// names no unit, are no quota.
func TestQuotaTable(t *testing.T) {
	p := &parser{res: &Result{}}
	cases := []struct {
		text        string
		leads, want []string
	}{
		{"Phân bổ số tư vấn viên tối thiểu cho các xã như sau: TT Đơn vị Số tư vấn viên tối thiểu 1 Xã Long Điền 4 2 Thị trấn Gành Hào 3",
			[]string{"Xã Long Điền", "Thị trấn Gành Hào"}, []string{">= 4 tư vấn viên", ">= 3 tư vấn viên"}},
		{"Giao số thẻ bảo hiểm y tế cho các phường như sau: STT Địa phương Số thẻ 1 Phường An Lạc 120 2 Phường Bình Trị 95 3 Phường Tân Tạo 80",
			[]string{"Phường An Lạc", "Phường Bình Trị", "Phường Tân Tạo"}, []string{"= 120 thẻ", "= 95 thẻ", "= 80 thẻ"}},
		// Left alone.
		{"Giao số thẻ cho các phường như sau: STT Địa phương Số thẻ 1 Phường An Lạc 120 3 Phường Tân Tạo 80", nil, nil},
		{"Thực hiện các bước như sau: TT Nội dung Thời gian 1 Rà soát 5 2 Tổng hợp 3", nil, nil},
	}
	for _, c := range cases {
		_, es, _ := p.quotaList(c.text)
		var leads, got []string
		for _, e := range es {
			leads = append(leads, e.name)
			got = append(got, r32Targets([]Target{e.target})...)
		}
		if !slices.Equal(leads, c.leads) || !slices.Equal(got, c.want) {
			t.Errorf("quotaList(%q) = %q %q, want %q %q", c.text, leads, got, c.leads, c.want)
		}
	}
}

// TestMisspeltLevel: a group whose level of two words lost one diacritic
// to OCR ("các xã, thi trấn") still names that level; a one-word level is
// not guessed.
func TestMisspeltLevel(t *testing.T) {
	cases := []struct {
		name string
		want []string
	}{
		{"Uỷ ban nhân dân các xã, thi trấn", []string{"xa", "thi tran"}},
		{"Ủy ban nhân dân các phường, thị xa", []string{"phuong", "thi xa"}},
		{"Ủy ban nhân dân các xã, thị trấn", []string{"xa", "thi tran"}},
		// Left alone: "thi" alone is the exam.
		{"Hội đồng thi các trường", nil},
	}
	for _, c := range cases {
		if got := namedLevels(c.name); !slices.Equal(got, c.want) {
			t.Errorf("namedLevels(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSealDebrisInDistribution: the seal's or the signature's fragments
// that OCR put after a distribution item ("; ,/ Ị ~ ”") are dropped; a
// signature part there is split off as before.
func TestSealDebrisInDistribution(t *testing.T) {
	cases := []struct{ line, item, sig string }{
		{"- TT Huyện ủy, TT HĐND huyện (b/c); ,/ Ị ~ ”", "- TT Huyện ủy, TT HĐND huyện (b/c);", ""},
		{"- Sở Tài chính; ~/ ,", "- Sở Tài chính;", ""},
		{"- Như trên; KT. CHỦ TỊCH", "- Như trên;", "KT. CHỦ TỊCH"},
	}
	for _, c := range cases {
		item, sig := splitDistItem(c.line)
		if item != c.item || sig != c.sig {
			t.Errorf("splitDistItem(%q) = %q, %q, want %q, %q", c.line, item, sig, c.item, c.sig)
		}
	}
}

// TestTimesAboveFloor: "ít nhất N lần", "tối thiểu N lần" count the times
// a thing is to be done, a target; a rate, a multiple and a bare count of
// times are not.
func TestTimesAboveFloor(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Tổ chức kiểm tra hệ thống ít nhất 02 lần trong năm 2026", []string{">= 2 lần"}},
		{"diễn tập phương án chữa cháy tối thiểu 01 lần", []string{">= 1 lần"}},
		// Left alone.
		{"sinh hoạt chuyên đề ít nhất 01 lần/quý", nil},
		{"phấn đấu tăng ít nhất 2 lần so với năm 2025", nil},
		{"đã kiểm tra 3 lần trong năm", nil},
	}
	for _, c := range cases {
		if got := r32Targets(targets(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestPollingUnits: the units of an election's work are counted whole:
// "khu vực bỏ phiếu", "tổ bầu cử", "khu vực".
func TestPollingUnits(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"diễn tập tại ít nhất 02 khu vực bỏ phiếu mỗi xã", []string{">= 2 khu vực bỏ phiếu"}},
		{"thành lập 15 tổ bầu cử", []string{"= 15 tổ bầu cử"}},
		{"rà soát ít nhất 03 khu vực ngập sâu", []string{">= 3 khu vực"}},
		// Left alone.
		{"xây dựng 02 khu dân cư kiểu mẫu", []string{"= 2 khu dân cư"}},
	}
	for _, c := range cases {
		if got := r32Targets(targets(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestGuideDutySection: in a Hướng dẫn, when "Tổ chức thực hiện" gives
// units work, the items of its other sections (scope, criteria, steps)
// are no tasks; a Kế hoạch with the same sections keeps them.
func TestGuideDutySection(t *testing.T) {
	body := func(kind string) string {
		return "ỦY BAN NHÂN DÂN TỈNH BẮC SƠN\nSỞ Y TẾ\nSố: 301/" + kind + "-SYT\n" +
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Sơn, ngày 05 tháng 6 năm 2026\n" +
			map[string]string{"HD": "HƯỚNG DẪN", "KH": "KẾ HOẠCH"}[kind] + "\nChấm điểm trạm y tế xã năm 2026\n" +
			"I. PHẠM VI ÁP DỤNG\n1. Trung tâm Y tế các khu vực (sau đây gọi là cấp khu vực).\n2. Trạm Y tế các xã, phường.\n" +
			"II. QUY TRÌNH\n1. Bước 1: Trạm Y tế các xã tự chấm điểm, gửi kết quả về Trung tâm Y tế khu vực.\n" +
			"2. Bước 2: Trung tâm Y tế khu vực thẩm định, gửi kết quả về Sở Y tế.\n" +
			"III. TỔ CHỨC THỰC HIỆN\n1. Trung tâm Y tế các khu vực thẩm định kết quả của 100% trạm y tế xã.\n" +
			"2. Trạm Y tế các xã, phường tự chấm điểm, gửi kết quả trước ngày 30/6/2026./.\n" +
			"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLý Văn Sơn\n"
	}
	labels := func(r *Result) []string {
		var out []string
		for _, t := range r.Tasks {
			out = append(out, t.Label)
		}
		return out
	}
	if got, want := labels(Parse(body("HD"), nil)), []string{"III.1", "III.2"}; !slices.Equal(got, want) {
		t.Errorf("guide: tasks %q, want %q", got, want)
	}
	// Left alone: a Kế hoạch's steps that name units stay tasks.
	if got := labels(Parse(body("KH"), nil)); !slices.Contains(got, "II.1") {
		t.Errorf("plan: tasks %q, want the steps kept", got)
	}
}

// TestSectorsInOfficeName: an office named for sectors listed "A, B và C"
// ("Phòng Bưu chính, Viễn thông và Công nghệ thông tin") is one unit even
// when one sector also heads units ("Viễn thông Kon Tum"); that unit after
// a comma, with its place, is a unit still.
func TestSectorsInOfficeName(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Phòng Bưu chính, Viễn thông và Công nghệ thông tin", []string{"Phòng Bưu chính, Viễn thông và Công nghệ thông tin"}},
		// Left alone.
		{"Sở Tài chính, Viễn thông Bắc Sơn và Bưu điện tỉnh", []string{"Sở Tài chính", "Viễn thông Bắc Sơn", "Bưu điện tỉnh"}},
		{"Phòng Kinh tế, Viễn thông huyện và các doanh nghiệp", []string{"Phòng Kinh tế", "Viễn thông huyện", "các doanh nghiệp"}},
	}
	for _, c := range cases {
		if got := splitUnits(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestVisitVerb: "thăm, tặng quà" ends the name of the unit a task works
// with, as any verb does; "tham gia" in a name's place is read as before.
func TestVisitVerb(t *testing.T) {
	p := &parser{res: &Result{}}
	cases := []struct {
		text string
		want []string
	}{
		{"Phối hợp với Phòng Văn hóa và Thông tin thăm, tặng quà 100% gia đình chính sách.", []string{"Phòng Văn hóa và Thông tin"}},
		{"Phối hợp với Hội Cựu chiến binh xã thăm hỏi thương binh nặng.", []string{"Hội Cựu chiến binh xã"}},
		// Left alone.
		{"Phối hợp với Công an xã tham gia tuần tra.", []string{"Công an xã"}},
	}
	for _, c := range cases {
		if got := p.assignment(c.text).supports; !slices.Equal(got, c.want) {
			t.Errorf("assignment(%q).supports = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestTimesAfterObject: "đối với" after a verb and its object names what
// the work is done to, and a floor of times after it ("ít nhất 01 lần")
// counts the work, a target; a clause that opens with "Đối với" is a
// scope, whose figures stay conditions.
func TestTimesAfterObject(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Kiểm tra, đánh giá an toàn thông tin đối với hệ thống dịch vụ công của huyện ít nhất 02 lần trong năm 2026", []string{">= 2 lần"}},
		// Left alone.
		{"Đối với hộ tái vi phạm ít nhất 02 lần, lập biên bản xử lý", nil},
	}
	for _, c := range cases {
		if got := r32Targets(targets(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
