package continuity

import (
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// Units of the rounds below.
const (
	noiVu   = 1 // Phòng Nội vụ
	nongNgh = 2 // Phòng NN&PTNT
	taiNguy = 3 // Phòng TN&MT
	quyDat  = 5 // TT Phát triển quỹ đất
	tuPhap  = 6 // Phòng Tư pháp
)

func task(id int64, text string, lead int64, targets ...*tiendo.Target) *tiendo.Task {
	return &tiendo.Task{ID: id, Label: "", Text: text, Assignees: []tiendo.Assignee{{UnitID: lead, Role: tiendo.Lead}}, Targets: targets}
}

func target(id int64, text string, cmp tiendo.Comparator, v float64, unit string) *tiendo.Target {
	return &tiendo.Target{ID: id, Text: text, Comparator: cmp, Value: v, Unit: unit}
}

func half(year, index int) tiendo.Period {
	return tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: year, Index: index}
}

// lastYear is the first half of 2022: the same period a year before the new round.
var lastYear = &tiendo.Round{ID: 1, Period: half(2022, 1), Tasks: []*tiendo.Task{
	task(11, "Tập trung chỉ đạo đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm trên địa bàn huyện; phấn đấu tỷ lệ GPMB đạt 70% trở lên.", quyDat,
		target(111, "tỷ lệ GPMB đạt 70% trở lên", tiendo.AtLeast, 70, "%")),
	task(12, "Đẩy mạnh cải cách hành chính, nâng cao chỉ số PAR INDEX, SIPAS của huyện.", noiVu),
	task(13, "Xây dựng nông thôn mới: phấn đấu có thêm 02 xã đạt chuẩn nông thôn mới, 01 xã đạt chuẩn nông thôn mới nâng cao.", nongNgh,
		target(131, "02 xã đạt chuẩn nông thôn mới", tiendo.AtLeast, 2, "xã"),
		target(132, "01 xã đạt chuẩn nông thôn mới nâng cao", tiendo.AtLeast, 1, "xã")),
	task(14, "Thực hiện tốt công tác bảo vệ môi trường, xử lý rác thải sinh hoạt tại các xã, thị trấn.", taiNguy),
	// The distractor: the same unit as the administrative-reform task.
	task(15, "Tổ chức kỳ thi tuyển dụng viên chức giáo dục năm 2022 đúng quy định.", noiVu),
	task(16, "Nâng cao chất lượng hoạt động hòa giải ở cơ sở, phổ biến giáo dục pháp luật.", tuPhap),
	task(17, "Hoàn thành Nghị quyết về tuyên truyền Đại hội Đảng bộ huyện lần thứ XX.", noiVu),
}}

// previous is the second half of 2022: the period just before.
var previous = &tiendo.Round{ID: 2, Period: half(2022, 2), Tasks: []*tiendo.Task{
	// Closer in wording to the new task than last year's, but the same
	// period a year earlier is preferred when it matches well enough.
	task(21, "Đẩy nhanh tiến độ công tác giải phóng mặt bằng các dự án trọng điểm, phấn đấu đạt tỷ lệ giải phóng mặt bằng từ 75% trở lên.", quyDat,
		target(211, "tỷ lệ giải phóng mặt bằng đạt 75% trở lên", tiendo.AtLeast, 75, "%")),
	task(22, "Tăng cường công tác quản lý nhà nước về đất đai, khoáng sản.", taiNguy),
}}

// next is the first half of 2023, parsed from its directive: rephrased
// tasks, new numbers, targets in another order, another tone placement.
var next = &tiendo.Round{ID: 3, Period: half(2023, 1), Tasks: []*tiendo.Task{
	task(101, "Đẩy nhanh tiến độ công tác giải phóng mặt bằng các dự án trọng điểm, phấn đấu đạt tỷ lệ giải phóng mặt bằng từ 80% trở lên.", quyDat,
		target(1011, "tỷ lệ giải phóng mặt bằng đạt 80% trở lên", tiendo.AtLeast, 80, "%")),
	task(102, "Nâng cao chỉ số cải cách hành chính (PAR INDEX) và chỉ số hài lòng (SIPAS) của huyện năm 2023.", noiVu),
	task(103, "Phấn đấu 03 xã đạt chuẩn nông thôn mới nâng cao và 02 xã đạt chuẩn nông thôn mới.", nongNgh,
		target(1031, "03 xã đạt chuẩn nông thôn mới nâng cao", tiendo.AtLeast, 3, "xã"),
		target(1032, "02 xã đạt chuẩn NTM", tiendo.AtLeast, 2, "xã")),
	task(104, "Bảo vệ môi trường: thu gom, xử lý rác thải sinh hoạt ở các xã, thị trấn.", taiNguy),
	task(105, "NÂNG CAO CHẤT LƯỢNG CÔNG TÁC HOÀ GIẢI Ở CƠ SỞ.", tuPhap),
	// New this year: nothing to continue, though its unit led other tasks.
	task(106, "Triển khai chuyển đổi số trong các cơ quan nhà nước, phấn đấu 100% hồ sơ công việc được xử lý trên môi trường mạng.", noiVu),
	task(107, "Tăng cường quản lý nhà nước về đất đai, xử lý dứt điểm vi phạm.", taiNguy),
}}

func TestSuggest(t *testing.T) {
	got := map[int64]Suggestion{}
	for _, s := range Suggest(next, []*tiendo.Round{previous, lastYear}, nil) {
		got[s.TaskID] = s
		t.Logf("%d -> %d %.2f (text %.2f) %v %s", s.TaskID, s.PredecessorID, s.Score, s.TextScore, s.Checked, s.Reason)
	}
	tests := []struct {
		name    string
		task    int64
		want    int64 // 0: no checked suggestion
		rel     Relation
		targets map[int64]int64
	}{
		{"rephrased, new goal, abbreviation written out: last year over the closer previous period", 101, 11, SamePeriodLastYear, map[int64]int64{1011: 111}},
		{"rephrased, a same-unit distractor", 102, 12, SamePeriodLastYear, nil},
		{"targets in another order", 103, 13, SamePeriodLastYear, map[int64]int64{1031: 132, 1032: 131}},
		{"rephrased", 104, 14, SamePeriodLastYear, nil},
		{"capitals and hoà/hòa", 105, 16, SamePeriodLastYear, nil},
		{"new task", 106, 0, "", nil},
		{"only in the previous period", 107, 22, PreviousPeriod, nil},
	}
	for _, tt := range tests {
		s, ok := got[tt.task]
		if tt.want == 0 {
			if ok && s.Checked {
				t.Errorf("%s: task %d checked for %d (%.2f: %s), want nothing checked", tt.name, tt.task, s.PredecessorID, s.Score, s.Reason)
			}
			continue
		}
		if !ok || s.PredecessorID != tt.want || !s.Checked || s.Relation != tt.rel {
			t.Errorf("%s: task %d -> %+v, want %d checked (%s)", tt.name, tt.task, s, tt.want, tt.rel)
			continue
		}
		pairs := map[int64]int64{}
		for _, p := range s.Targets {
			pairs[p.TargetID] = p.PredecessorID
		}
		if len(pairs) != len(tt.targets) {
			t.Errorf("%s: target pairs %v, want %v", tt.name, pairs, tt.targets)
		}
		for k, v := range tt.targets {
			if pairs[k] != v {
				t.Errorf("%s: target %d paired with %d, want %d", tt.name, k, pairs[k], v)
			}
		}
		if s.Score < Threshold || s.Score > 1 || s.RoundID == 0 || s.Reason == "" {
			t.Errorf("%s: score %v, round %d, reason %q", tt.name, s.Score, s.RoundID, s.Reason)
		}
	}
	// A task of an earlier round is proposed once at most.
	seen := map[int64]int64{}
	for _, s := range got {
		if other, dup := seen[s.PredecessorID]; dup {
			t.Errorf("task %d proposed for both %d and %d", s.PredecessorID, other, s.TaskID)
		}
		seen[s.PredecessorID] = s.TaskID
	}
}

func TestSuggestReason(t *testing.T) {
	var s Suggestion
	for _, x := range Suggest(next, []*tiendo.Round{lastYear}, nil) {
		if x.TaskID == 101 {
			s = x
		}
	}
	for _, want := range []string{"Cùng kỳ năm trước", "nội dung giống", "giải phóng mặt bằng”", "cùng đơn vị chủ trì", "ghép được 1/1 chỉ tiêu"} {
		if !strings.Contains(s.Reason, want) {
			t.Errorf("reason %q lacks %q", s.Reason, want)
		}
	}
	// A lead unit that changed is said, and costs score.
	moved := &tiendo.Round{ID: 4, Period: half(2023, 1), Tasks: []*tiendo.Task{
		task(401, next.Tasks[0].Text, taiNguy, next.Tasks[0].Targets...)}}
	var m Suggestion
	for _, x := range Suggest(moved, []*tiendo.Round{lastYear}, nil) {
		m = x
	}
	if m.PredecessorID != 11 || !strings.Contains(m.Reason, "khác đơn vị chủ trì") || m.Score >= s.Score {
		t.Errorf("moved task: %+v, want 11 with a lower score than %v and the unit change said", m, s.Score)
	}
}

func TestSuggestLinked(t *testing.T) {
	// Task 101 is linked already, to last year's 11: it is not proposed
	// again, and 11 is not proposed for another task.
	out := Suggest(next, []*tiendo.Round{previous, lastYear}, map[int64]int64{101: 11})
	for _, s := range out {
		if s.TaskID == 101 || s.PredecessorID == 11 {
			t.Errorf("linked task or its predecessor proposed: %+v", s)
		}
	}
	if len(out) == 0 {
		t.Fatal("nothing proposed for the other tasks")
	}
	// Nothing earlier, nothing to propose; no round, no panic.
	if got := Suggest(next, nil, nil); len(got) != 0 {
		t.Errorf("no earlier rounds: %+v", got)
	}
	if got := Suggest(nil, []*tiendo.Round{lastYear}, nil); got != nil {
		t.Errorf("nil round: %+v", got)
	}
	// Rounds with nil tasks and targets, and empty texts, do not panic.
	odd := &tiendo.Round{ID: 9, Tasks: []*tiendo.Task{nil, {ID: 91}, {ID: 92, Text: "…", Targets: []*tiendo.Target{nil}}}}
	Suggest(odd, []*tiendo.Round{odd, lastYear, nil}, nil)
	Suggest(next, []*tiendo.Round{odd}, nil)
}

func TestRelationOf(t *testing.T) {
	q := func(y, i int) tiendo.Period { return tiendo.Period{Kind: tiendo.PeriodQuarter, Year: y, Index: i} }
	for _, tt := range []struct {
		cur, earlier tiendo.Period
		want         Relation
	}{
		{q(2023, 1), q(2022, 1), SamePeriodLastYear},
		{q(2023, 1), q(2022, 4), PreviousPeriod},
		{q(2023, 1), q(2022, 3), OtherRound},
		{half(2023, 1), half(2022, 2), PreviousPeriod},
		{tiendo.Period{Kind: tiendo.PeriodYear, Year: 2023}, tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2023}, PreviousPeriod},
		{tiendo.Period{Kind: tiendo.PeriodOther}, tiendo.Period{Kind: tiendo.PeriodOther}, OtherRound},
	} {
		if got := RelationOf(tt.cur, tt.earlier); got != tt.want {
			t.Errorf("RelationOf(%+v, %+v) = %s, want %s", tt.cur, tt.earlier, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	// Folding: tone placement, "đ", case and decomposed input are one word;
	// abbreviations are written out; numbers are marked.
	for _, tt := range []struct{ a, b string }{
		{"hoà giải", "hòa giải"},
		{"Thuỷ lợi", "thủy lợi"},
		{"ĐẤT ĐAI", "đất đai"},
		{"Pho\u0300ng", "phòng"},
		{"GPMB", "giải phóng mặt bằng"},
	} {
		if ka, kb := keys(tokens(tt.a)), keys(tokens(tt.b)); ka != kb {
			t.Errorf("%q -> %q, %q -> %q: want the same words", tt.a, ka, tt.b, kb)
		}
	}
	d := newDoc("Phấn đấu 02 xã đạt chuẩn, năm 2023")
	if strings.Contains(keys(d.words), "02") || strings.Contains(keys(d.words), "2023") {
		t.Errorf("numbers kept as words: %q", keys(d.words))
	}
	if _, ok := d.features["02 xa"]; ok {
		t.Error("a number joins a pair of words")
	}
	if _, ok := newDoc("các dự án trọng điểm; phấn đấu").features["diem phan"]; ok {
		t.Error("a pair of words across a semicolon")
	}
	if _, ok := newDoc("PAR-INDEX của huyện").features["par index"]; !ok {
		t.Error("a hyphen parts a pair of words")
	}
	if got := tokens("Pho\u0300ng")[0].surface; got != "Phòng" {
		t.Errorf("surface = %q", got)
	}
}

func keys(ts []token) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.key)
	}
	return strings.Join(out, " ")
}

// TestSuggestEarlierOnly checks that only rounds of earlier periods are
// proposed: a 2026 round is not the "đợt trước" of a 2022 round, and
// another round of the same period (the directive made into a round twice)
// is not a previous one either.
func TestSuggestEarlierOnly(t *testing.T) {
	later := &tiendo.Round{ID: 7, Period: half(2026, 1), Tasks: lastYear.Tasks}
	same := &tiendo.Round{ID: 8, Period: half(2023, 1), Tasks: lastYear.Tasks}
	whole := &tiendo.Round{ID: 9, Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2023}, Tasks: lastYear.Tasks}
	if got := Suggest(next, []*tiendo.Round{later, same, whole}, nil); len(got) != 0 {
		t.Errorf("Suggest from a later, the same and an overlapping period: %+v, want none", got)
	}
	if got := Suggest(next, []*tiendo.Round{later, lastYear}, nil); len(got) == 0 || slices.ContainsFunc(got, func(s Suggestion) bool { return s.RoundID != lastYear.ID }) {
		t.Errorf("Suggest from a later round and last year's: %+v, want only last year's", got)
	}
	for _, tt := range []struct {
		p, cur tiendo.Period
		want   bool
	}{
		{half(2022, 1), half(2022, 2), true},
		{half(2022, 1), tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2022}, true},
		{half(2022, 2), tiendo.Period{Kind: tiendo.PeriodYear, Year: 2022}, false},
		{half(2026, 1), half(2022, 1), false},
		{half(2022, 1), half(2022, 1), false},
		{tiendo.Period{Kind: tiendo.PeriodOther}, half(2022, 1), true},
	} {
		if got := Earlier(tt.p, tt.cur); got != tt.want {
			t.Errorf("Earlier(%+v, %+v) = %v, want %v", tt.p, tt.cur, got, tt.want)
		}
	}
}

func TestSimilarTitles(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022", "Báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022", true},
		{"BÁO CÁO KẾT QUẢ GPMB QUÝ III", "Báo cáo kết quả giải phóng mặt bằng quý III", true},
		{"Báo cáo năm 2026", "Báo cáo tình hình kinh tế - xã hội năm 2026", false},
		{"Báo cáo công tác cải cách hành chính quý 3 năm 2025", "Báo cáo công tác phòng chống tham nhũng quý 3 năm 2025", false},
		{"", "Báo cáo", false},
	} {
		if got := SimilarTitles(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarTitles(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
