package consolidate

import (
	"fmt"
	"strings"
	"testing"

	"tiendo"
)

// unitText is what one unit writes on the task of mergeInput: as a lead,
// its result against the plan and against the same period; as a
// supporting unit, its contribution.
type unitText struct {
	plan, same, support string
}

// mergeInput is a round of one task (ID 7) and the units 1..n ("Phòng A",
// "Phòng B", "Phòng C", "Đội D", "Phòng E", ... or, when n is over 26,
// "Xã 01", "Xã 02", ...), each writing texts[id]: a lead
// unit's section with plan and same as its result and obstacles, or a
// supporting unit's contribution.
func mergeInput(n int, texts map[int64]unitText) Input {
	task := &tiendo.Task{ID: 7, Position: 1, Label: "1", Text: "Báo cáo việc triển khai công tác chuyển đổi số"}
	units := map[int64]*tiendo.Unit{}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Xã %02d", i)
		switch {
		case n <= 26 && i == 4:
			name = "Đội D"
		case n <= 26:
			name = "Phòng " + string(rune('A'+i-1))
		}
		units[int64(i)] = &tiendo.Unit{ID: int64(i), Name: name, ShortName: name}
	}
	var reports []*tiendo.UnitReport
	for id := int64(1); id <= int64(n); id++ {
		tx, ok := texts[id]
		if !ok {
			continue
		}
		r := &tiendo.UnitReport{UnitID: id, Status: tiendo.ReportAccepted}
		if tx.support != "" {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Support})
			r.Contributions = []tiendo.Contribution{{TaskID: task.ID, Text: tx.support}}
		} else {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
			r.Sections = []*tiendo.Section{{TaskID: task.ID, ResultVsPlan: tx.plan, VsSamePeriod: tx.same, Obstacles: tx.plan}}
		}
		reports = append(reports, r)
	}
	return Input{Round: &tiendo.Round{Tasks: []*tiendo.Task{task}}, Units: units, Reports: reports, Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}
}

// A unit's account of a task is said whole and in its order: units share
// it, named together, only when they wrote the same whole text (compared
// folded: case, tone-mark placement, list marks and closing punctuation
// aside); a sentence or paragraph two units share stays in each unit's
// text rather than being moved out of it between other units' words.
func TestMergeKeepsEachUnitsTextWhole(t *testing.T) {
	const (
		plan = "Đơn vị đã ban hành kế hoạch triển khai nhiệm vụ 7, phân công cán bộ theo dõi và định kỳ kiểm tra tiến độ."
		boil = "Đã triển khai thực hiện theo kế hoạch."
	)
	many := map[int64]unitText{}
	var manyIDs []string
	for i := int64(1); i <= 10; i++ {
		many[i] = unitText{plan: boil}
		manyIDs = append(manyIDs, fmt.Sprintf("Xã %02d", i))
	}
	many[11] = unitText{plan: boil + " Đã kiểm tra 04 xã."}
	nine := map[int64]unitText{}
	for i := int64(1); i <= 9; i++ {
		nine[i] = unitText{plan: boil}
	}
	for _, tc := range []struct {
		name  string
		n     int
		texts map[int64]unitText
		want  []string
	}{{
		name: "identical whole texts",
		n:    3,
		texts: map[int64]unitText{
			1: {plan: "Đã ban hành kế hoạch. Đã kiểm tra 05 xã.", same: "Tăng 10% so với cùng kỳ."},
			2: {plan: "Đã ban hành kế hoạch. Đã kiểm tra 05 xã.", same: "Tăng 12% so với cùng kỳ."},
			// Another layout, a list mark, no full stops: the same text.
			3: {plan: "- đã ban hành kế hoạch\nĐã kiểm tra 05 xã", same: "tăng 10% so với cùng kỳ"},
		},
		want: []string{
			"Phòng A, Phòng C: Đã ban hành kế hoạch. Đã kiểm tra 05 xã.",
			"Tăng 10% so với cùng kỳ.",
			"Phòng B: Đã ban hành kế hoạch. Đã kiểm tra 05 xã.",
			"Tăng 12% so với cùng kỳ.",
		},
	}, {
		name: "identical whole texts, tone marks and case apart",
		n:    2,
		texts: map[int64]unitText{
			1: {plan: "Đã hòa giải thành 03 vụ việc."},
			2: {plan: "ĐÃ HOÀ GIẢI THÀNH 03 VỤ VIỆC"},
		},
		want: []string{"Phòng A, Phòng B: Đã hòa giải thành 03 vụ việc."},
	}, {
		name: "units in Vietnamese order, a group where its first unit is",
		n:    4,
		texts: map[int64]unitText{
			1: {plan: "Đã ban hành kế hoạch."},
			2: {plan: "Đã tập huấn 120 lượt cán bộ."},
			3: {plan: "Đã ban hành kế hoạch."},
			4: {plan: "Đã hòa giải thành 03 vụ việc."},
		},
		// "Đ" comes after "D", before "P".
		want: []string{
			"Đội D: Đã hòa giải thành 03 vụ việc.",
			"Phòng A, Phòng C: Đã ban hành kế hoạch.",
			"Phòng B: Đã tập huấn 120 lượt cán bộ.",
		},
	}, {
		name: "shared first sentence, different rest (the demo's task 7)",
		n:    3,
		texts: map[int64]unitText{
			1: {plan: plan + " Kết quả: tỷ lệ huy động trẻ ra lớp: thực hiện được 40,3%.", same: "So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 12%."},
			2: {plan: plan + " Kết quả: giảm tỷ lệ hộ nghèo: thực hiện được 1,6%.", same: "So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 7%."},
			3: {plan: plan, same: "So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 9%."},
		},
		want: []string{
			"Phòng A: " + plan + " Kết quả: tỷ lệ huy động trẻ ra lớp: thực hiện được 40,3%.",
			"So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 12%.",
			"Phòng B: " + plan + " Kết quả: giảm tỷ lệ hộ nghèo: thực hiện được 1,6%.",
			"So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 7%.",
			"Phòng C: " + plan,
			"So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng 9%.",
		},
	}, {
		name: "shared middle sentence",
		n:    2,
		texts: map[int64]unitText{
			1: {plan: "Đã khởi công 06 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn. Dự kiến hoàn thành trong tháng 9."},
			2: {plan: "Đã khởi công 04 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn. Còn 01 công trình chậm tiến độ."},
		},
		want: []string{
			"Phòng A: Đã khởi công 06 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn. Dự kiến hoàn thành trong tháng 9.",
			"Phòng B: Đã khởi công 04 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn. Còn 01 công trình chậm tiến độ.",
		},
	}, {
		name: "shared whole paragraph among others",
		n:    2,
		texts: map[int64]unitText{
			1: {plan: "Đã ban hành kế hoạch.\nĐã kiểm tra 05 xã.", same: "Tăng 10% so với cùng kỳ."},
			2: {plan: "Đã kiểm tra 05 xã.", same: "Tăng 10% so với cùng kỳ."},
		},
		want: []string{
			"Phòng A: Đã ban hành kế hoạch.",
			"Đã kiểm tra 05 xã.",
			"Tăng 10% so với cùng kỳ.",
			"Phòng B: Đã kiểm tra 05 xã.",
			"Tăng 10% so với cùng kỳ.",
		},
	}, {
		name: "one unit, its own paragraph repeated",
		n:    1,
		texts: map[int64]unitText{
			1: {plan: "Đã ban hành kế hoạch. Đã kiểm tra 05 xã.\nĐã tập huấn 120 lượt cán bộ.\nđã ban hành kế hoạch. đã kiểm tra 05 xã", same: "Tăng 10%."},
		},
		want: []string{
			"Phòng A: Đã ban hành kế hoạch. Đã kiểm tra 05 xã.",
			"Đã tập huấn 120 lượt cán bộ.",
			"So với cùng kỳ năm trước, tăng 10%.",
		},
	}, {
		name: "one unit, a sentence in two of its paragraphs",
		n:    1,
		texts: map[int64]unitText{
			1: {plan: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%. Đạt kế hoạch.\nTỷ lệ hồ sơ trực tuyến đạt 60%. Đạt kế hoạch."},
		},
		want: []string{
			"Phòng A: Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%. Đạt kế hoạch.",
			"Tỷ lệ hồ sơ trực tuyến đạt 60%. Đạt kế hoạch.",
		},
	}, {
		name: "a supporting unit writing what a lead unit wrote",
		n:    3,
		texts: map[int64]unitText{
			1: {plan: "Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo."},
			2: {plan: "Đã hỗ trợ xây dựng 48 nhà ở. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo."},
			3: {support: "Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo"},
		},
		want: []string{
			"Phòng A, Phòng C (đơn vị phối hợp): Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo.",
			"Phòng B: Đã hỗ trợ xây dựng 48 nhà ở. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo.",
		},
	}, {
		name:  "nine units, the same text: counted",
		n:     27, // named "Xã 01", ...
		texts: nine,
		want:  []string{"09 đơn vị: " + boil},
	}, {
		name:  "many units, the same text, and one that goes on",
		n:     27,
		texts: many,
		want: []string{
			"10 đơn vị: " + boil,
			"Xã 11: " + boil + " Đã kiểm tra 04 xã.",
		},
	}, {
		name: "eight units, the same text: named",
		n:    27,
		texts: map[int64]unitText{
			1: {plan: boil}, 2: {plan: boil}, 3: {plan: boil}, 4: {plan: boil},
			5: {plan: boil}, 6: {plan: boil}, 7: {plan: boil}, 8: {plan: boil},
		},
		want: []string{strings.Join(manyIDs[:8], ", ") + ": " + boil},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Regenerate(mergeInput(tc.n, tc.texts), TaskKey(7))
			if !ok {
				t.Fatal("no section for the task")
			}
			if want := strings.Join(tc.want, "\n\n"); got.Text != want {
				t.Errorf("task\n got: %q\nwant: %q", got.Text, want)
			}
		})
	}
}

// A list (obstacles, recommendations, next steps) says each paragraph, as
// a unit wrote it, once, with every unit that wrote it; a paragraph is
// never cut into its sentences, and one that only says there is nothing to
// report is left out.
func TestMergeListKeepsParagraphsWhole(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		texts map[int64]unitText
		want  []string
	}{{
		name: "identical paragraphs",
		n:    3,
		texts: map[int64]unitText{
			1: {plan: "Thiếu mặt bằng xây dựng."},
			2: {plan: "- thiếu mặt bằng xây dựng"},
			3: {plan: "Thiếu vốn đối ứng."},
		},
		want: []string{"- Thiếu mặt bằng xây dựng (Phòng A, Phòng B).", "- Thiếu vốn đối ứng (Phòng C)."},
	}, {
		name: "shared first sentence, different rest",
		n:    2,
		texts: map[int64]unitText{
			1: {plan: "Nguồn vốn còn chậm. Một số hạng mục phải điều chỉnh tiến độ."},
			2: {plan: "Nguồn vốn còn chậm. Thời tiết mưa kéo dài."},
		},
		want: []string{
			"- Nguồn vốn còn chậm. Một số hạng mục phải điều chỉnh tiến độ (Phòng A).",
			"- Nguồn vốn còn chậm. Thời tiết mưa kéo dài (Phòng B).",
		},
	}, {
		name: "a list of lines, one shared",
		n:    2,
		texts: map[int64]unitText{
			1: {plan: "- Nguồn vốn còn chậm.\n- Thời tiết mưa kéo dài."},
			2: {plan: "- Biên chế còn thiếu.\n- Thời tiết mưa kéo dài"},
		},
		want: []string{
			"- Nguồn vốn còn chậm (Phòng A).",
			"- Thời tiết mưa kéo dài (Phòng A, Phòng B).",
			"- Biên chế còn thiếu (Phòng B).",
		},
	}, {
		name: "nothing to report",
		n:    3,
		texts: map[int64]unitText{
			1: {plan: "Không có khó khăn, vướng mắc."},
			2: {plan: "Không."},
			3: {plan: "Không có khó khăn lớn. Tuy nhiên, biên chế còn thiếu."},
		},
		want: []string{"- Không có khó khăn lớn. Tuy nhiên, biên chế còn thiếu (Phòng C)."},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Regenerate(mergeInput(tc.n, tc.texts), KeyObstacles)
			if want := strings.Join(tc.want, "\n\n"); got.Text != want {
				t.Errorf("obstacles\n got: %q\nwant: %q", got.Text, want)
			}
		})
	}
}
