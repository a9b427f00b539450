package directive

import (
	"strconv"
	"strings"
	"testing"
)

// parentDirective wraps numbered items in the header and closing of a
// small district directive.
func parentDirective(items string) string {
	return `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 12/UBND-VP
V/v báo cáo nhiệm vụ trọng tâm 6 tháng đầu năm 2026
Kính gửi:
- Phòng Tư pháp huyện;
- Phòng Nội vụ huyện;
- Phòng Lao động - Thương binh và Xã hội huyện;
- Phòng Văn hóa và Thông tin huyện;
- Công an huyện.

Ủy ban nhân dân huyện đề nghị các đơn vị báo cáo kết quả thực hiện các nhiệm vụ sau:

` + items + `

Các đơn vị gửi báo cáo về UBND huyện trước ngày 05/6/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.
`
}

// TestParentItems checks the items that have sub-items: the item's own
// task and target are kept beside its sub-items' tasks, and an item that
// only names units, heads a group or introduces its sub-items is no task.
func TestParentItems(t *testing.T) {
	type want struct {
		label  string
		text   string // "" to skip
		target string // "comparator value unit" of the first target, "" for none
		lead   string
	}
	tests := []struct {
		name  string
		items string
		tasks []want
		warn  string // a warning code the result must have
	}{
		{
			name: "numbered sub-items under an item with its own target",
			items: `11. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
12. Giao Phòng Tư pháp chủ trì thực hiện: tỷ lệ hòa giải thành đạt 85% trở lên; cụ thể:
12.1. Tổ chức 10 lớp tập huấn cho hòa giải viên.
12.2. Kiện toàn 100% tổ hòa giải ở cơ sở.
13. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			tasks: []want{
				{"11", "", "= 5 %", "Công an huyện"},
				{"12", "tỷ lệ hòa giải thành đạt 85% trở lên", ">= 85 %", "Phòng Tư pháp"},
				{"12.1", "Tổ chức 10 lớp tập huấn cho hòa giải viên", "= 10 lớp", "Phòng Tư pháp"},
				{"12.2", "Kiện toàn 100% tổ hòa giải ở cơ sở", "= 100 %", "Phòng Tư pháp"},
				{"13", "", ">= 85 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "lettered sub-items under an item with its own target",
			items: `11. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
12. Giao Phòng Tư pháp chủ trì thực hiện: tỷ lệ hòa giải thành đạt 85% trở lên, trong đó:
a) Tổ chức 10 lớp tập huấn cho hòa giải viên;
b) Kiện toàn 100% tổ hòa giải ở cơ sở.
13. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			tasks: []want{
				{"11", "", "= 5 %", "Công an huyện"},
				{"12", "tỷ lệ hòa giải thành đạt 85% trở lên", ">= 85 %", "Phòng Tư pháp"},
				{"12a", "Tổ chức 10 lớp tập huấn cho hòa giải viên", "= 10 lớp", "Phòng Tư pháp"},
				{"12b", "", "= 100 %", "Phòng Tư pháp"},
				{"13", "", ">= 85 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "dash bullets stay part of their item",
			items: `12. Giao Phòng Tư pháp chủ trì thực hiện: tỷ lệ hòa giải thành đạt 85% trở lên, trong đó:
- Tổ chức 10 lớp tập huấn cho hòa giải viên;
- Kiện toàn 100% tổ hòa giải ở cơ sở.
13. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			tasks: []want{
				{"12", "tỷ lệ hòa giải thành đạt 85% trở lên, trong đó: - Tổ chức 10 lớp tập huấn cho hòa giải viên; - Kiện toàn 100% tổ hòa giải ở cơ sở", ">= 85 %", "Phòng Tư pháp"},
				{"13", "", ">= 85 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "an item that only names its unit is no task",
			items: `11. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
12. Phòng Nội vụ:
12.1. Nâng Chỉ số cải cách hành chính đạt 85% trở lên.
12.2. Tuyển dụng tối đa 20 công chức.
13. Phòng Tư pháp:
a) Tỷ lệ hòa giải thành đạt 85% trở lên;
b) Kiện toàn 100% tổ hòa giải ở cơ sở.`,
			tasks: []want{
				{"11", "", "= 5 %", "Công an huyện"},
				{"12.1", "", ">= 85 %", "Phòng Nội vụ"},
				{"12.2", "", "<= 20 công chức", "Phòng Nội vụ"},
				{"13a", "Tỷ lệ hòa giải thành đạt 85% trở lên", ">= 85 %", "Phòng Tư pháp"},
				{"13b", "", "= 100 %", "Phòng Tư pháp"},
			},
		},
		{
			name: "an item naming its unit without a colon",
			items: `1. Phòng Nội vụ
1.1. Nâng Chỉ số cải cách hành chính đạt 85% trở lên.
1.2. Tuyển dụng tối đa 20 công chức.`,
			tasks: []want{
				{"1.1", "", ">= 85 %", "Phòng Nội vụ"},
				{"1.2", "", "<= 20 công chức", "Phòng Nội vụ"},
			},
		},
		{
			name: "lettered sub-items of two items keep apart",
			items: `1. Phòng Nội vụ:
a) Nâng Chỉ số cải cách hành chính đạt 85% trở lên.
b) Tuyển dụng tối đa 20 công chức.
2. Phòng Tư pháp:
a) Tỷ lệ hòa giải thành đạt 85% trở lên;
b) Kiện toàn 100% tổ hòa giải ở cơ sở.`,
			tasks: []want{
				{"1a", "", ">= 85 %", "Phòng Nội vụ"},
				{"1b", "", "<= 20 công chức", "Phòng Nội vụ"},
				{"2a", "", ">= 85 %", "Phòng Tư pháp"},
				{"2b", "", "= 100 %", "Phòng Tư pháp"},
			},
		},
		{
			name: "a heading and a lead-in are no tasks",
			items: `1. Lĩnh vực văn hóa - xã hội
1.1. Phòng Lao động - Thương binh và Xã hội: giảm tỷ lệ hộ nghèo 2% trở lên.
1.2. Phòng Văn hóa và Thông tin chủ trì, phối hợp các đơn vị liên quan thực hiện các nội dung sau:
a) Tổ chức ít nhất 04 hội thi văn nghệ quần chúng;
b) Xây dựng 02 câu lạc bộ văn hóa.`,
			tasks: []want{
				{"1.1", "giảm tỷ lệ hộ nghèo 2% trở lên", ">= 2 %", "Phòng Lao động - Thương binh và Xã hội"},
				{"1.2a", "", ">= 4 hội thi", "Phòng Văn hóa và Thông tin"},
				{"1.2b", "", "= 2 câu lạc bộ", "Phòng Văn hóa và Thông tin"},
			},
		},
		{
			name: "an item giving its unit work in a sentence of its own",
			items: `12. Giao Phòng Tư pháp chủ trì tổ chức tuyên truyền, phổ biến pháp luật cho nhân dân.
a) Tổ chức 10 hội nghị tuyên truyền ở các xã;
b) Cấp phát 5.000 tờ gấp pháp luật.`,
			tasks: []want{
				{"12", "Giao Phòng Tư pháp chủ trì tổ chức tuyên truyền, phổ biến pháp luật cho nhân dân", "", "Phòng Tư pháp"},
				{"12a", "", "= 10 hội nghị", "Phòng Tư pháp"},
				{"12b", "", "= 5000 tờ", "Phòng Tư pháp"},
			},
		},
		{
			name: "an item's target in the paragraph under it",
			items: `12. Phòng Tư pháp:

Tỷ lệ hòa giải thành đạt 85% trở lên.

12.1. Tổ chức 10 lớp tập huấn cho hòa giải viên.
12.2. Kiện toàn 100% tổ hòa giải ở cơ sở.`,
			tasks: []want{
				{"12", "Tỷ lệ hòa giải thành đạt 85% trở lên", ">= 85 %", "Phòng Tư pháp"},
				{"12.1", "", "= 10 lớp", "Phòng Tư pháp"},
				{"12.2", "", "= 100 %", "Phòng Tư pháp"},
			},
		},
		{
			name: "an item's bullets before its sub-items",
			items: `12. Phòng Tư pháp:
- Tỷ lệ hòa giải thành đạt 85% trở lên.
12.1. Tổ chức 10 lớp tập huấn cho hòa giải viên.
12.2. Kiện toàn 100% tổ hòa giải ở cơ sở.`,
			tasks: []want{
				{"12", "- Tỷ lệ hòa giải thành đạt 85% trở lên", ">= 85 %", "Phòng Tư pháp"},
				{"12.1", "", "= 10 lớp", "Phòng Tư pháp"},
				{"12.2", "", "= 100 %", "Phòng Tư pháp"},
			},
		},
		{
			name: "an item with a target over unit bullets",
			items: `12. Phấn đấu giảm tỷ lệ hộ nghèo 2% trở lên so với cùng kỳ, cụ thể:
- Phòng Lao động - Thương binh và Xã hội: hướng dẫn rà soát hộ nghèo;
- Phòng Tư pháp: trợ giúp pháp lý cho 100% hộ nghèo có yêu cầu.
13. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			tasks: []want{
				{"12", "Phấn đấu giảm tỷ lệ hộ nghèo 2% trở lên so với cùng kỳ", ">= 2 %", ""},
				{"", "hướng dẫn rà soát hộ nghèo", "", "Phòng Lao động - Thương binh và Xã hội"},
				{"", "", "= 100 %", "Phòng Tư pháp"},
				{"13", "", ">= 85 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "an item whose sub-items are all details, not tasks",
			items: `12. Giao Phòng Văn hóa và Thông tin tổ chức Hội thi văn nghệ quần chúng huyện, cụ thể:
a) Thời gian: tháng 9 năm 2026;
b) Kinh phí: từ ngân sách huyện.
13. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			tasks: []want{
				{"12", "tổ chức Hội thi văn nghệ quần chúng huyện", "", "Phòng Văn hóa và Thông tin"},
				{"13", "", ">= 85 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "the verb phrase of a prefix that says the task stays",
			items: `12. Giao Phòng Văn hóa và Thông tin tổ chức Hội thi văn nghệ quần chúng huyện, cụ thể:
- Thời gian: tháng 9 năm 2026;
- Kinh phí: từ ngân sách huyện.
13. Giao Phòng Nội vụ tổ chức tuyển dụng công chức năm 2026: tuyển tối đa 20 công chức.
14. Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp: kiểm tra 100% thủ tục hành chính.`,
			tasks: []want{
				{"12", "tổ chức Hội thi văn nghệ quần chúng huyện, cụ thể: - Thời gian: tháng 9 năm 2026; - Kinh phí: từ ngân sách huyện", "", "Phòng Văn hóa và Thông tin"},
				{"13", "tổ chức tuyển dụng công chức năm 2026: tuyển tối đa 20 công chức", "<= 20 công chức", "Phòng Nội vụ"},
				{"14", "kiểm tra 100% thủ tục hành chính", "= 100 %", "Phòng Nội vụ"},
			},
		},
		{
			name: "a target in a header of inline-labelled tasks is warned about",
			items: `1. Giao Phòng Tư pháp xây dựng: tỷ lệ hòa giải thành đạt 85% trở lên, cụ thể:
1.1. Báo cáo việc tổ chức 10 lớp tập huấn cho hòa giải viên (nhiệm vụ 1).
1.2. Báo cáo việc kiện toàn 100% tổ hòa giải ở cơ sở (nhiệm vụ 2).
2. Giao Phòng Nội vụ xây dựng: Báo cáo việc nâng Chỉ số cải cách hành chính đạt 85% trở lên (nhiệm vụ 3).`,
			tasks: []want{
				{"1", "", "= 10 lớp", "Phòng Tư pháp"},
				{"2", "", "= 100 %", "Phòng Tư pháp"},
				{"3", "", ">= 85 %", "Phòng Nội vụ"},
			},
			warn: WarnUnplacedText,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(parentDirective(tt.items), nil)
			var got []string
			for _, task := range r.Tasks {
				got = append(got, task.Label+": "+task.Text)
			}
			if len(r.Tasks) != len(tt.tasks) {
				t.Fatalf("tasks:\n%s\nwant %d", strings.Join(got, "\n"), len(tt.tasks))
			}
			for k, w := range tt.tasks {
				task := r.Tasks[k]
				if task.Label != w.label {
					t.Errorf("task %d label = %q, want %q", k+1, task.Label, w.label)
				}
				if w.text != "" && task.Text != w.text {
					t.Errorf("task %d text = %q, want %q", k+1, task.Text, w.text)
				}
				target := ""
				if len(task.Targets) > 0 {
					g := task.Targets[0]
					target = strings.TrimSpace(string(g.Comparator) + " " + formatValue(g.Value) + " " + g.Unit)
				}
				if target != w.target {
					t.Errorf("task %d (%s) first target = %q, want %q", k+1, task.Text, target, w.target)
				}
				lead := ""
				if len(task.Assignees) > 0 {
					lead = task.Assignees[0].Name
				}
				if w.lead != "" && lead != w.lead {
					t.Errorf("task %d (%s) lead = %q, want %q", k+1, task.Text, lead, w.lead)
				}
			}
			if tt.warn != "" {
				found := false
				for _, w := range r.Warnings {
					found = found || w.Code == tt.warn
				}
				if !found {
					t.Errorf("no %s warning in %+v", tt.warn, r.Warnings)
				}
			}
			for _, w := range r.Warnings {
				if w.Code == WarnDuplicateLabel {
					t.Errorf("unexpected warning %+v", w)
				}
			}
		})
	}
}

func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// TestIssuerAskingIsNoUnit checks that the opening sentence in which the
// issuer asks the recipients ("UBND huyện đề nghị các đơn vị báo cáo ...")
// names no unit: the issuer and its verb are not a unit's name.
func TestIssuerAskingIsNoUnit(t *testing.T) {
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for _, s := range []string{
		"Ủy ban nhân dân huyện đề nghị các đơn vị báo cáo kết quả thực hiện các nhiệm vụ sau:",
		"UBND huyện yêu cầu các cơ quan, đơn vị báo cáo tiến độ thực hiện, cụ thể như sau:",
	} {
		if a := p.assignment(s); len(a.leads) != 0 {
			t.Errorf("%q: leads %q, want none", s, a.leads)
		}
	}
	if a := p.assignment("Đề nghị Phòng Tư pháp báo cáo kết quả hòa giải"); strings.Join(a.leads, "|") != "Phòng Tư pháp" {
		t.Errorf("leads %q, want Phòng Tư pháp", a.leads)
	}
}

// TestParentRowTarget checks a table whose row has sub-rows: the row's
// target, given in the columns, is a task beside its sub-rows'.
func TestParentRowTarget(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM\nSố: 12/UBND-VP\nKính gửi: Phòng Tài chính - Kế hoạch huyện.\n\n" +
		"Đề nghị Phòng Tài chính - Kế hoạch báo cáo kết quả thực hiện các chỉ tiêu sau:\n\n" +
		"STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\n" +
		"1\tTổng thu ngân sách trên địa bàn\ttỷ đồng\t1.250\n" +
		"1.1\tThu nội địa\ttỷ đồng\t1.000\n" +
		"1.2\tThu tiền sử dụng đất\ttỷ đồng\t250\n\n" +
		"Báo cáo gửi về UBND huyện trước ngày 05/6/2026.\n"
	r := Parse(text, nil)
	var got []string
	for _, task := range r.Tasks {
		g := ""
		if len(task.Targets) == 1 {
			g = formatValue(task.Targets[0].Value) + " " + task.Targets[0].Unit
		}
		got = append(got, task.Label+": "+task.Text+" = "+g)
	}
	want := "1: Tổng thu ngân sách trên địa bàn = 1250 tỷ đồng|1.1: Thu nội địa = 1000 tỷ đồng|1.2: Thu tiền sử dụng đất = 250 tỷ đồng"
	if strings.Join(got, "|") != want {
		t.Errorf("tasks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
}
