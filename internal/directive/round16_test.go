package directive

import (
	"strconv"
	"strings"
	"testing"
)

// The rules of round sixteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r16Plan is a huyện Kế hoạch with the given "TỔ CHỨC THỰC HIỆN" lines.
func r16Plan(items string) string {
	return "ỦY BAN NHÂN DÂN\nHUYỆN AN LẠC\n\nSố: 21/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nAn Lạc, ngày 15 tháng 3 năm 2024\n\nKẾ HOẠCH\nPhát triển văn hóa cơ sở năm 2024\n\n" +
		"I. TỔ CHỨC THỰC HIỆN\n" + items +
		"\n\nII. CHẾ ĐỘ BÁO CÁO\nCác cơ quan, đơn vị báo cáo kết quả thực hiện Kế hoạch gửi về Ủy ban nhân dân huyện trước ngày 05/12/2024.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nLê Văn Hòa\n"
}

// r16Letter is a UBND huyện công văn with the given body and closing.
func r16Letter(body, closing string) string {
	return "ỦY BAN NHÂN DÂN\nHUYỆN AN LẠC\n\nSố: 610/UBND-VP\nV/v thực hiện nhiệm vụ quý III năm 2024\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nAn Lạc, ngày 02 tháng 10 năm 2024\n\nKính gửi:\n- Phòng Kinh tế và Hạ tầng;\n- Phòng Văn hóa và Thông tin;\n- Ủy ban nhân dân các xã, thị trấn;\n- Các khu phố.\n\nỦy ban nhân dân huyện đề nghị các cơ quan, đơn vị thực hiện như sau:\n\n" +
		body + "\n\n" + closing + "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nLê Văn Hòa\n"
}

// taskView is a task as "label|text|leads|supports|targets" for the tests.
func taskView(k Task) string {
	var leads, supps, tgts []string
	for _, a := range k.Assignees {
		if a.Role == "lead" {
			leads = append(leads, a.Name)
		} else {
			supps = append(supps, a.Name)
		}
	}
	for _, g := range k.Targets {
		tgts = append(tgts, string(g.Comparator)+" "+trimFloat(g.Value)+" "+g.Unit)
	}
	return k.Label + "|" + k.Text + "|" + strings.Join(leads, ";") + "|" + strings.Join(supps, ";") + "|" + strings.Join(tgts, ";")
}

func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// TestExtensionRequestDate: a letter chasing overdue work lets a unit that
// cannot finish ask for more time by a date ("văn bản đề xuất gia hạn gửi
// trước ngày D", "đề nghị gia hạn trước ngày D") and wants the report by
// another. The date to ask an extension is not the round's deadline. An
// extension the letter grants ("đồng ý gia hạn thời gian gửi báo cáo đến
// trước ngày D") is.
func TestExtensionRequestDate(t *testing.T) {
	body := "1. Phòng Kinh tế và Hạ tầng hoàn thành dứt điểm việc thu hồi vốn tạm ứng quá hạn."
	tests := []struct {
		name, closing, want string
	}{
		{"asks in brackets", "Trường hợp không thể hoàn thành, các đơn vị báo cáo rõ nguyên nhân (văn bản đề xuất gia hạn gửi trước ngày 10/10/2024).\n\nBáo cáo kết quả gửi Ủy ban nhân dân huyện trước 16 giờ 00 ngày 18/10/2024.", "2024-10-18 16:00"},
		{"asks in a sentence", "Đơn vị nào không hoàn thành đúng hạn phải có văn bản đề nghị gia hạn gửi Ủy ban nhân dân huyện chậm nhất ngày 08/10/2024.\n\nBáo cáo kết quả thực hiện gửi về Ủy ban nhân dân huyện trước ngày 21/10/2024.", "2024-10-21 "},
		{"asks after a semicolon", "Báo cáo gửi về Ủy ban nhân dân huyện; đơn vị xin gia hạn gửi văn bản trước ngày 09/10/2024; báo cáo kết quả gửi trước ngày 25/10/2024.", "2024-10-25 "},
		// Left alone: an extension granted sets the new date.
		{"granted", "Ủy ban nhân dân huyện đồng ý gia hạn thời gian gửi báo cáo kết quả đến trước ngày 20/10/2024.", "2024-10-20 "},
		// Left alone: an ordinary request for the report.
		{"ordinary", "Đề nghị các đơn vị gửi báo cáo về Ủy ban nhân dân huyện trước ngày 15/10/2024.", "2024-10-15 "},
	}
	for _, tc := range tests {
		r := Parse(r16Letter(body, tc.closing), nil)
		got := "<none>"
		if r.Deadline != nil {
			got = r.Deadline.Date + " " + r.Deadline.Time
		}
		if got != tc.want {
			t.Errorf("%s: deadline %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestBorderPostUnit: "Đồn Biên phòng <name>" and "Đồn Công an <name>" are
// units (a border guard post, a police post), as a border district's
// plans name them beside the Công an huyện. "đơn vị", "đơn thư" fold as
// "đồn" does and stay no unit.
func TestBorderPostUnit(t *testing.T) {
	tests := []struct {
		name, item, want string
	}{
		{"support after chủ trì", "1. Công an huyện chủ trì, phối hợp với Đồn Biên phòng Lũng Cú kiểm tra 100% cơ sở lưu trú.", "Công an huyện|Đồn Biên phòng Lũng Cú"},
		{"support opening", "1. Phòng Kinh tế và Hạ tầng phối hợp với Đồn Công an khu công nghiệp An Lạc rà soát 100% cơ sở.", "Phòng Kinh tế và Hạ tầng|Đồn Công an khu công nghiệp An Lạc"},
		{"lead", "1. Đồn Biên phòng Lũng Cú tổ chức ít nhất 04 đợt tuần tra.", "Đồn Biên phòng Lũng Cú|"},
		// Left alone: "đơn vị", "đơn thư" are no units.
		{"đơn vị", "1. Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với đơn vị tư vấn kiểm tra 100% công trình.", "Phòng Kinh tế và Hạ tầng|"},
		{"đơn thư", "1. Phòng Kinh tế và Hạ tầng phối hợp với đơn thư của công dân rà soát.", "Phòng Kinh tế và Hạ tầng|"},
	}
	for _, tc := range tests {
		r := Parse(r16Letter(tc.item, "Báo cáo gửi về Ủy ban nhân dân huyện trước ngày 15/10/2024."), nil)
		if len(r.Tasks) != 1 {
			t.Errorf("%s: %d tasks, want 1", tc.name, len(r.Tasks))
			continue
		}
		parts := strings.Split(taskView(r.Tasks[0]), "|")
		if got := parts[2] + "|" + parts[3]; got != tc.want {
			t.Errorf("%s: lead|support %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCountNounsOfTwoWords: "sự kiện", "sự cố" and "trường hợp" count
// events, incidents and cases; their first word alone is no unit. A head
// noun alone ("03 trường", of schools) stays the unit as written.
func TestCountNounsOfTwoWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tổ chức ít nhất 04 sự kiện văn hóa trong năm", "sự kiện"},
		{"để xảy ra không quá 02 sự cố mất điện kéo dài", "sự cố"},
		{"giải quyết dứt điểm ít nhất 15 trường hợp tồn đọng", "trường hợp"},
		// Left alone.
		{"có thêm ít nhất 03 trường đạt chuẩn quốc gia", "trường"},
		// "cuộc" counts inspections as any classifier does (round 20).
		{"đạt ít nhất 20 cuộc thanh tra", "cuộc"},
	}
	for _, tc := range tests {
		ts := targets(tc.in)
		if len(ts) != 1 || ts[0].Unit != tc.want {
			t.Errorf("%q: %+v, want one target in %q", tc.in, ts, tc.want)
		}
	}
}

// TestHeadingWithRole: a plan's unit heading may carry the unit's role in
// brackets, "1. Phòng Văn hóa và Thông tin (cơ quan thường trực)", over
// the paragraph of its work. It is a heading as the bare name is: the
// paragraph is the task, and the units the paragraph works with support
// it. A one-line item whose own line says the work, and a wrapped line
// (the next line no longer than it), are left as they were.
func TestHeadingWithRole(t *testing.T) {
	tests := []struct{ name, items, want string }{
		{"role, chủ trì",
			"1. Phòng Văn hóa và Thông tin (cơ quan thường trực)\nChủ trì, phối hợp với Trung tâm Văn hóa - Thể thao huyện tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm.",
			"1|Chủ trì, phối hợp với Trung tâm Văn hóa - Thể thao huyện tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm|Phòng Văn hóa và Thông tin|Trung tâm Văn hóa - Thể thao huyện|>= 6 hội thi"},
		{"role, plain work",
			"1. Phòng Tài chính - Kế hoạch (đơn vị đầu mối)\nTham mưu bố trí kinh phí thực hiện Kế hoạch tối thiểu 800 triệu đồng.",
			"1|Tham mưu bố trí kinh phí thực hiện Kế hoạch tối thiểu 800 triệu đồng|Phòng Tài chính - Kế hoạch||>= 800 triệu đồng"},
		// Left alone: the work on the item's own line.
		{"one line",
			"1. Phòng Văn hóa và Thông tin (cơ quan thường trực) tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm.",
			"1|Phòng Văn hóa và Thông tin (cơ quan thường trực) tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm|Phòng Văn hóa và Thông tin||>= 6 hội thi"},
		// Left alone: a bare heading, as before.
		{"bare heading",
			"1. Phòng Văn hóa và Thông tin\nChủ trì, phối hợp với Trung tâm Văn hóa - Thể thao huyện tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm.",
			"1|Chủ trì, phối hợp với Trung tâm Văn hóa - Thể thao huyện tổ chức ít nhất 06 hội thi văn nghệ quần chúng trong năm|Phòng Văn hóa và Thông tin|Trung tâm Văn hóa - Thể thao huyện|>= 6 hội thi"},
	}
	for _, tc := range tests {
		r := Parse(r16Plan(tc.items), nil)
		var got []string
		for _, k := range r.Tasks {
			got = append(got, taskView(k))
		}
		if strings.Join(got, " / ") != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}

// TestHeadingOverEach: the paragraph under a heading of many units often
// opens with its distributive, "Mỗi xã ...", "Từng trường ...": it starts
// the work, it does not go on with the name. A line that goes on in lower
// case ("... các xã\nmỗi xã ...") is a wrapped line, as before.
func TestHeadingOverEach(t *testing.T) {
	tests := []struct{ name, items, want string }{
		{"Mỗi",
			"1. Ủy ban nhân dân các xã, thị trấn\nMỗi xã xây dựng ít nhất 01 mô hình văn hóa cộng đồng; duy trì 100% thôn có nhà văn hóa.",
			"1|Mỗi xã xây dựng ít nhất 01 mô hình văn hóa cộng đồng; duy trì 100% thôn có nhà văn hóa|Ủy ban nhân dân các xã, thị trấn||>= 1 mô hình;= 100 %"},
		{"Từng",
			"1. Các trường trung học cơ sở\nTừng trường tổ chức ít nhất 02 buổi ngoại khóa về văn hóa truyền thống.",
			"1|Từng trường tổ chức ít nhất 02 buổi ngoại khóa về văn hóa truyền thống|Các trường trung học cơ sở||>= 2 buổi"},
		// Left alone: a lower-case line goes on with the item.
		{"wrapped",
			"1. Ủy ban nhân dân các xã, thị trấn chỉ đạo\nmỗi xã xây dựng ít nhất 01 mô hình văn hóa cộng đồng.",
			"1|Ủy ban nhân dân các xã, thị trấn chỉ đạo mỗi xã xây dựng ít nhất 01 mô hình văn hóa cộng đồng|Ủy ban nhân dân các xã, thị trấn||>= 1 mô hình"},
	}
	for _, tc := range tests {
		r := Parse(r16Plan(tc.items), nil)
		var got []string
		for _, k := range r.Tasks {
			got = append(got, taskView(k))
		}
		if strings.Join(got, " / ") != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}

// TestEachClauseKeepsTask: in "X có trách nhiệm: ...; mỗi khu phố tổ chức
// ...", the clause opened by "mỗi" or "từng" counts X's units one by one;
// it names no other unit, and the item stays one task with its label.
// Clauses that give other units their work still part the item.
func TestEachClauseKeepsTask(t *testing.T) {
	tests := []struct{ name, item, want string }{
		{"mỗi",
			"3) Các khu phố có trách nhiệm: Báo cáo kết quả phong trào; vận động 100% hộ gia đình phân loại rác; mỗi khu phố tổ chức ít nhất 02 buổi sinh hoạt chuyên đề.",
			"3|Các khu phố|= 100 %;>= 2 buổi"},
		{"từng",
			"3) Ủy ban nhân dân các xã, thị trấn có trách nhiệm: Rà soát hộ nghèo; từng xã giải quyết ít nhất 05 trường hợp tồn đọng.",
			"3|Ủy ban nhân dân các xã, thị trấn|>= 5 trường hợp"},
		// Left alone: two units, two tasks.
		{"two units",
			"3) Phòng Văn hóa và Thông tin tổ chức ít nhất 04 hội thi; Phòng Kinh tế và Hạ tầng hoàn thành sửa chữa ít nhất 02 nhà văn hóa.",
			"|Phòng Văn hóa và Thông tin|>= 4 hội thi / |Phòng Kinh tế và Hạ tầng|>= 2 nhà văn hóa"},
	}
	for _, tc := range tests {
		r := Parse(r16Letter(tc.item, "Báo cáo gửi về Ủy ban nhân dân huyện trước ngày 15/10/2024."), nil)
		var got []string
		for _, k := range r.Tasks {
			p := strings.Split(taskView(k), "|")
			got = append(got, p[0]+"|"+p[2]+"|"+p[4])
		}
		if strings.Join(got, " / ") != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}
