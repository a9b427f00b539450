package compose

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
)

// seedRegistry is the seed's twelve units, as the demo registers them: its
// eleven recipients and Phòng Tài chính - Kế hoạch, which it forgot to
// address.
var seedRegistry = []tiendo.Unit{
	{ID: 1, Code: "pnnptnt", Name: "Phòng Nông nghiệp và Phát triển nông thôn", ShortName: "Phòng NN&PTNT", Aliases: []string{"Phòng Nông nghiệp & PTNT huyện"}},
	{ID: 2, Code: "ccthue", Name: "Chi cục Thuế khu vực I", ShortName: "Chi cục Thuế KV I"},
	{ID: 3, Code: "pgddt", Name: "Phòng Giáo dục và Đào tạo", ShortName: "Phòng GD&ĐT"},
	{ID: 4, Code: "pldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", ShortName: "Phòng LĐ-TB&XH", Aliases: []string{"Lao động, Thương binh, Xã hội – Dân tộc"}},
	{ID: 5, Code: "pvhtt", Name: "Phòng Văn hóa và Thông tin", ShortName: "Phòng VH&TT"},
	{ID: 6, Code: "ptnmt", Name: "Phòng Tài nguyên và Môi trường", ShortName: "Phòng TN&MT"},
	{ID: 7, Code: "pnv", Name: "Phòng Nội vụ", ShortName: "Phòng Nội vụ"},
	{ID: 8, Code: "ttptqd", Name: "Trung tâm Phát triển quỹ đất", ShortName: "TT Phát triển quỹ đất"},
	{ID: 9, Code: "ttyt", Name: "Trung tâm Y tế huyện Hữu Lũng", ShortName: "TTYT huyện"},
	{ID: 10, Code: "bchqs", Name: "Ban Chỉ huy Quân sự huyện", ShortName: "BCH Quân sự"},
	{ID: 11, Code: "cah", Name: "Công an huyện", ShortName: "Công an huyện"},
	{ID: 12, Code: "ptckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
}

const (
	seedIssuer = "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"
	seedOffice = "UBND huyện qua Văn phòng HĐND & UBND huyện"
)

func unitMap(reg []tiendo.Unit) map[int64]*tiendo.Unit {
	m := map[int64]*tiendo.Unit{}
	for i := range reg {
		m[reg[i].ID] = &reg[i]
	}
	return m
}

// seedInput parses the seed directive with its registry into a round, as
// the demo does, and asks for the letter that assigns it.
func seedInput(t *testing.T) Input {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", "huu-lung-2022-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := directive.Parse(string(src), seedRegistry)
	ids := map[string]int64{}
	for _, u := range seedRegistry {
		ids[u.Code] = u.ID
	}
	r, err := res.NewRound(ids)
	if err != nil {
		t.Fatalf("NewRound: %v", err)
	}
	r.Brief = true // "Báo cáo cần ngắn gọn"
	for i, task := range r.Tasks {
		task.ID = int64(100 + i)
	}
	w, _ := r.Period.Window(tiendo.DefaultCutoffDay)
	return Input{Round: r, Units: unitMap(seedRegistry), Issuer: seedIssuer, Place: "Hữu Lũng", Basis: res.Basis, Office: seedOffice, Window: w}
}

// genRegistry are the units of the generated rounds: names with commas,
// "và", hyphens and capitalised verbs, as real registries have.
var genRegistry = []tiendo.Unit{
	{ID: 21, Code: "pktht", Name: "Phòng Kinh tế và Hạ tầng"},
	{ID: 22, Code: "ptp", Name: "Phòng Tư pháp"},
	{ID: 23, Code: "vp", Name: "Văn phòng HĐND và UBND huyện"},
	{ID: 24, Code: "ttvhttt", Name: "Trung tâm Văn hóa, Thể thao và Truyền thông"},
	{ID: 25, Code: "bqlda", Name: "Ban Quản lý dự án đầu tư xây dựng huyện"},
	{ID: 26, Code: "ttra", Name: "Thanh tra huyện"},
	{ID: 27, Code: "pyt", Name: "Phòng Y tế"},
}

// targetPhrases state a target with every comparator, as directives write
// them, and what the target is.
var targetPhrases = []struct {
	text string
	cmp  tiendo.Comparator
	val  float64
	unit string
}{
	{"tỷ lệ hồ sơ giải quyết đúng hạn đạt từ %d%% trở lên", tiendo.AtLeast, 0, "%"},
	{"tỷ lệ chợ đạt chuẩn văn minh thương mại đạt trên %d%%", tiendo.MoreThan, 0, "%"},
	{"tỷ lệ nợ đọng không vượt quá %d%%", tiendo.AtMost, 0, "%"},
	{"tỷ lệ hộ sử dụng nước không hợp vệ sinh dưới %d%%", tiendo.LessThan, 0, "%"},
	{"hoàn thành %d công trình", tiendo.Equal, 0, "công trình"},
}

// generated builds a round of nt tasks over the units of genRegistry[:nu]:
// leads interleaved so that grouping reorders them, every third task with a
// supporting unit, every fourth led by two units, texts with and without
// "Báo cáo việc", targets of every comparator.
func generated(nu, nt int, period tiendo.Period, deadline time.Time) Input {
	reg := genRegistry[:nu]
	r := &tiendo.Round{ID: 7, Period: period, Deadline: deadline}
	for _, u := range reg {
		r.UnitIDs = append(r.UnitIDs, u.ID)
	}
	r.ReportContents = []string{"kết quả thực hiện so với kế hoạch", "so với cùng kỳ", "khó khăn, vướng mắc", "đề xuất, kiến nghị"}
	for i := range nt {
		lead := reg[(i*2)%nu].ID
		task := &tiendo.Task{ID: int64(500 + i), Position: i + 1, Label: fmt.Sprint(i + 1)}
		task.Assignees = []tiendo.Assignee{{UnitID: lead, Role: tiendo.Lead}}
		if i%4 == 3 {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: reg[(i*2+1)%nu].ID, Role: tiendo.Lead})
		}
		if i%3 == 2 {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: reg[(i*2+nu-1)%nu].ID, Role: tiendo.Support})
		}
		p := targetPhrases[i%len(targetPhrases)]
		v := 5 + (7*i)%90
		goal := fmt.Sprintf(p.text, v)
		text := fmt.Sprintf("Tập trung triển khai nhiệm vụ trọng tâm số %d của huyện, %s", i+1, goal)
		if i%2 == 1 {
			text = "Báo cáo việc chỉ đạo thực hiện nhiệm vụ trọng tâm về cải cách hành chính; " + goal
		}
		task.Text = text
		task.Targets = []*tiendo.Target{{Position: 1, Text: goal, Comparator: p.cmp, Value: float64(v), Unit: p.unit}}
		r.Tasks = append(r.Tasks, task)
	}
	return Input{
		Round: r, Units: unitMap(reg), Issuer: seedIssuer, Place: "Hữu Lũng",
		Basis: []directive.Basis{{Kind: "Kế hoạch", Ref: "12/KH-UBND", Date: "2023-01-10", Issuer: "UBND tỉnh Lạng Sơn"}},
	}
}

// roundTrip writes the letter as DOCX, reads it back and parses it with a
// registry of in.Units, and checks that it gives back the round.
func roundTrip(t *testing.T, in Input) *directive.Result {
	t.Helper()
	var reg []tiendo.Unit
	ids := map[string]int64{}
	codes := map[int64]string{}
	for _, u := range in.Units {
		reg = append(reg, *u)
		ids[u.Code] = u.ID
		codes[u.ID] = u.Code
	}
	slices.SortFunc(reg, func(a, b tiendo.Unit) int { return int(a.ID - b.ID) })

	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, Document(in, DraftMeta(in), nil)); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	text, err := directive.ReadDOCX(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("ReadDOCX: %v", err)
	}
	res := directive.Parse(text, reg)
	back, err := res.NewRound(ids)
	if err != nil {
		t.Fatalf("NewRound of the parsed letter: %v\n%s", err, text)
	}

	want := Order(in)
	if got := len(back.Tasks); got != len(want) {
		t.Fatalf("tasks = %d, want %d\n%s", got, len(want), text)
	}
	norm := func(s string) string { return strings.Trim(strings.Join(strings.Fields(s), " "), ".;, ") }
	role := func(task *tiendo.Task, r tiendo.AssigneeRole) []string {
		var out []string
		for _, a := range task.Assignees {
			if a.Role == r {
				out = append(out, codes[a.UnitID])
			}
		}
		slices.Sort(out)
		return out
	}
	// A target comes back with the unit that reports it when the letter
	// shares the task's targets out (see shares); a task's only lead unit
	// reports its targets whether or not they say so.
	targets := func(task *tiendo.Task) []string {
		var out []string
		for _, g := range task.Targets {
			by := codes[g.ReportedBy]
			if len(role(task, tiendo.Lead)) < 2 {
				by = ""
			}
			out = append(out, fmt.Sprintf("%s %v %s %s %s by %q", g.Comparator, g.Value, g.Unit, g.Direction, g.RelativeTo, by))
		}
		return out
	}
	var gotLabels, wantLabels []string
	for i, w := range want {
		g := back.Tasks[i]
		gotLabels, wantLabels = append(gotLabels, g.Label), append(wantLabels, w.Label)
		// The parser reads all the item says before "(nhiệm vụ N)" as the
		// task's text: its text and, when its targets are shared out, who
		// reports which.
		if got, want := norm(g.Text), norm(itemText(in, w)); got != want {
			t.Errorf("task %d (%s) text:\n got %q\nwant %q", i+1, w.Label, got, want)
		}
		for _, r := range []tiendo.AssigneeRole{tiendo.Lead, tiendo.Support} {
			if got, want := role(g, r), role(w, r); !slices.Equal(got, want) {
				t.Errorf("task %d (%s) %s units = %v, want %v", i+1, w.Label, r, got, want)
			}
		}
		if got, want := targets(g), targets(w); !slices.Equal(got, want) {
			t.Errorf("task %d (%s) targets = %v, want %v", i+1, w.Label, got, want)
		}
	}
	if !slices.Equal(gotLabels, wantLabels) {
		t.Errorf("labels = %v, want %v", gotLabels, wantLabels)
	}
	if got, want := back.Deadline, in.Round.Deadline.Truncate(time.Minute); !got.Equal(want) {
		t.Errorf("deadline = %v, want %v", got, want)
	}
	if got, want := back.Period, in.Round.Period; got != want {
		t.Errorf("period = %+v, want %+v", got, want)
	}
	gotUnits, wantUnits := slices.Clone(back.UnitIDs), recipientIDs(in)
	slices.Sort(gotUnits)
	slices.Sort(wantUnits)
	if !slices.Equal(gotUnits, wantUnits) {
		t.Errorf("units addressed = %v, want %v", gotUnits, wantUnits)
	}
	if got, want := res.Basis, in.Basis; !slices.Equal(got, want) {
		t.Errorf("basis = %+v, want %+v", got, want)
	}
	if got, want := Subject(Input{Round: back}), Subject(in); got != want {
		t.Errorf("subject = %q, want %q", got, want)
	}
	return res
}

func TestRoundTripSeed(t *testing.T) {
	in := seedInput(t)
	res := roundTrip(t, in)
	// The letter addresses Phòng Tài chính - Kế hoạch, which the seed forgot.
	for _, w := range res.Warnings {
		if w.Code == directive.WarnNotRecipient || w.Code == directive.WarnUnknownUnit {
			t.Errorf("parsing the letter warns %s: %s", w.Code, w.Message)
		}
	}
	if got, want := res.ReportContents, in.Round.ReportContents; !slices.Equal(got, want) {
		t.Errorf("report contents = %q, want %q", got, want)
	}
	if got, want := len(res.Recipients), 12; got != want {
		t.Errorf("recipients = %d, want %d", got, want)
	}
}

func TestRoundTripGenerated(t *testing.T) {
	tests := []struct {
		name string
		in   Input
	}{
		{"5 units x 8 tasks, half-year", generated(5, 8, tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2023, Index: 1}, tiendo.DeadlineBefore(2023, 6, 20))},
		{"7 units x 20 tasks, quarter, 17:00", generated(7, 20, tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 1}, time.Date(2023, 3, 17, 17, 0, 0, 0, tiendo.Zone))},
		{"3 units x 3 tasks, month, 09:30", generated(3, 3, tiendo.Period{Kind: tiendo.PeriodMonth, Year: 2023, Index: 10}, time.Date(2023, 10, 18, 9, 30, 0, 0, tiendo.Zone))},
		{"2 units x 1 task, nine months", generated(2, 1, tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2023}, tiendo.DeadlineBefore(2023, 9, 18))},
		{"6 units x 12 tasks, year, January", generated(6, 12, tiendo.Period{Kind: tiendo.PeriodYear, Year: 2023}, tiendo.DeadlineBefore(2024, 1, 5))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The generator interleaves leads: the letter must regroup them.
			if slices.EqualFunc(Order(tt.in), orderedTasks(tt.in.Round), func(a, b *tiendo.Task) bool { return a == b }) && len(tt.in.Round.Tasks) > 3 {
				t.Errorf("the letter keeps the round's order: the generator no longer tests grouping")
			}
			roundTrip(t, tt.in)
		})
	}
}

// TestRoundTripLevelAbove composes from the round of the directive the
// letter carries out (Công văn 635-CV/HU of the Huyện ủy), whose task texts
// start with the unit's name and say "chủ trì, phối hợp với": the form a
// round created from a directive of the level above has. Two tasks are
// added to one unit so that such texts fall in one group.
func TestRoundTripLevelAbove(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", "huyen-uy-2022-635-cv.txt"))
	if err != nil {
		t.Fatal(err)
	}
	reg := []tiendo.Unit{
		{ID: 1, Code: "bcsd", Name: "Ban cán sự đảng UBND huyện"},
		{ID: 2, Code: "ddhdnd", Name: "Đảng đoàn HĐND huyện"},
		{ID: 3, Code: "btc", Name: "Ban Tổ chức Huyện ủy"},
		{ID: 4, Code: "btg", Name: "Ban Tuyên giáo Huyện ủy"},
	}
	res := directive.Parse(string(src), reg)
	r, err := res.NewRound(map[string]int64{"bcsd": 1, "ddhdnd": 2, "btc": 3, "btg": 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tasks) != 4 {
		t.Fatalf("the directive gives %d tasks, want 4", len(r.Tasks))
	}
	lead := []tiendo.Assignee{{UnitID: 4, Role: tiendo.Lead}}
	r.Tasks = append(r.Tasks,
		&tiendo.Task{Position: 5, Label: "5", Text: "Ban Tuyên giáo Huyện ủy chủ trì: tổng hợp ý kiến, kiến nghị của cử tri", Assignees: lead},
		&tiendo.Task{Position: 6, Label: "6", Text: "Báo cáo việc tổ chức học tập chuyên đề năm 2022, phấn đấu 100% chi bộ tham gia", Assignees: lead,
			Targets: []*tiendo.Target{{Comparator: tiendo.Equal, Value: 100, Unit: "%"}}},
	)
	roundTrip(t, Input{Round: r, Units: unitMap(reg), Issuer: seedIssuer, Place: "Hữu Lũng",
		Basis: []directive.Basis{{Kind: "Công văn", Ref: "635-CV/HU", Date: "2022-06-02", Issuer: "Ban Thường vụ Huyện ủy"}}})
}

// TestRoundTripShared: the items of tasks whose lead units share their
// targets out say who reports which, and the letter still reads back to
// the same tasks, units and targets: the seed's task 7 shared as the demo
// shares it, and tasks of names with commas, texts that do not open with a
// verb, a group of two such tasks under one header and a supporting unit.
func TestRoundTripShared(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		in := seedInput(t)
		share := []struct {
			word string
			unit int64
		}{{"hộ nghèo", 4}, {"trường", 3}, {"trẻ", 3}, {"y tế", 9}}
		n := 0
		for _, task := range in.Round.Tasks {
			if task.Label != "7" {
				continue
			}
			for _, g := range task.Targets {
				for _, s := range share {
					if strings.Contains(strings.ToLower(g.Text), s.word) {
						g.ReportedBy = s.unit
						n++
						break
					}
				}
			}
		}
		if n != 4 {
			t.Fatalf("shared %d of the seed's targets of task 7, want 4", n)
		}
		roundTrip(t, in)
	})
	t.Run("generated", func(t *testing.T) {
		in := generated(7, 1, tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2023, Index: 1}, tiendo.DeadlineBefore(2023, 6, 20))
		as := func(support int64, leads ...int64) []tiendo.Assignee {
			var out []tiendo.Assignee
			for _, id := range leads {
				out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
			}
			if support != 0 {
				out = append(out, tiendo.Assignee{UnitID: support, Role: tiendo.Support})
			}
			return out
		}
		tg := func(text string, cmp tiendo.Comparator, v float64, unit string, by int64) *tiendo.Target {
			return &tiendo.Target{Text: text, Comparator: cmp, Value: v, Unit: unit, ReportedBy: by}
		}
		in.Round.Tasks = []*tiendo.Task{
			{ID: 1, Position: 1, Label: "1", Assignees: as(0, 21, 24),
				Text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 95% trở lên; hoàn thành 12 công trình văn hóa",
				Targets: []*tiendo.Target{
					tg("Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 95% trở lên", tiendo.AtLeast, 95, "%", 21),
					tg("hoàn thành 12 công trình văn hóa", tiendo.Equal, 12, "công trình", 24)}},
			{ID: 2, Position: 2, Label: "2", Assignees: as(0, 21, 24),
				Text: "Báo cáo việc tổ chức 30 lớp tập huấn, tỷ lệ nợ đọng không vượt quá 5%",
				Targets: []*tiendo.Target{
					tg("tổ chức 30 lớp tập huấn", tiendo.Equal, 30, "lớp", 24),
					tg("tỷ lệ nợ đọng không vượt quá 5%", tiendo.AtMost, 5, "%", 0)}},
			{ID: 3, Position: 3, Label: "3", Assignees: as(27, 22, 23, 25),
				Text: "Hoàn thành 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình; tỷ lệ hộ sử dụng nước không hợp vệ sinh dưới 3%; xây dựng 04 nhà văn hóa thôn",
				Targets: []*tiendo.Target{
					tg("Hoàn thành 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", tiendo.Equal, 100, "%", 22),
					tg("tỷ lệ hộ sử dụng nước không hợp vệ sinh dưới 3%", tiendo.LessThan, 3, "%", 23),
					tg("xây dựng 04 nhà văn hóa thôn", tiendo.Equal, 4, "nhà văn hóa", 25)}},
			{ID: 4, Position: 4, Label: "4", Assignees: as(0, 26),
				Text:    "Báo cáo việc thanh tra 15 cuộc",
				Targets: []*tiendo.Target{tg("thanh tra 15 cuộc", tiendo.Equal, 15, "cuộc", 26)}},
		}
		var said []string
		for _, task := range in.Round.Tasks {
			said = append(said, shares(in, task))
		}
		if said[0] == "" || said[1] == "" || said[2] == "" || said[3] != "" {
			t.Fatalf("shares = %q: want the three shared tasks to say who reports which, the last nothing", said)
		}
		roundTrip(t, in)
	})
}

// TestRoundTripDuplicateLabelAdjacent keeps two tasks of one unit that
// share a label: both come back, in order.
func TestRoundTripDuplicateLabelAdjacent(t *testing.T) {
	in := generated(3, 6, tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2023, Index: 1}, tiendo.DeadlineBefore(2023, 6, 20))
	in.Round.Tasks[3].Label = in.Round.Tasks[0].Label
	roundTrip(t, in)
}

// TestPDF renders the seed's letter to PDF. With COMPOSE_PDF set to a file
// name it keeps the file there, to be looked at (pdftoppm -png -r 60).
func TestPDF(t *testing.T) {
	in := seedInput(t)
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, Document(in, DraftMeta(in), nil)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) || buf.Len() < 10_000 {
		t.Fatalf("PDF of %d bytes starting %q", buf.Len(), buf.Bytes()[:min(8, buf.Len())])
	}
	if name := os.Getenv("COMPOSE_PDF"); name != "" {
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
