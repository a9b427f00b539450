package watch

import (
	"slices"
	"testing"
	"time"

	"tiendo"
)

// The matrix sorts worst first: by state from the report not started to
// the one taken in, by sent time from the units that sent nothing to the
// earliest, by name the Vietnamese way ("Đ" after "D", tones after the bare
// letter); ties stay in name order whichever way the column is turned.
func TestMatrixSort(t *testing.T) {
	due := tiendo.DeadlineBefore(2026, 12, 2)
	names := map[int64]string{1: "Phòng Y tế", 2: "Đội Quản lý thị trường", 3: "Phòng Nội vụ", 4: "Phòng Giáo dục và Đào tạo",
		5: "Công an huyện", 6: "Ban Chỉ huy Quân sự", 7: "Phòng Tư pháp", 8: "Phòng Tài chính - Kế hoạch", 9: "Dân tộc"}
	states := map[int64]State{
		1: {Status: tiendo.ReportSubmitted, SubmittedAt: due.Add(-48 * time.Hour)},           // on time, earliest
		2: {Status: tiendo.ReportSubmitted, SubmittedAt: due.Add(3 * time.Hour), Late: true}, // late, latest
		3: {Status: tiendo.ReportDraft},
		4: {Status: tiendo.ReportReturned, SubmittedAt: due.Add(-24 * time.Hour)},
		5: {Status: tiendo.ReportAccepted, SubmittedAt: due.Add(-30 * time.Hour)},
		// 6 and 9: nothing
		7: {Status: tiendo.ReportDraft},
		8: {Status: tiendo.ReportSubmitted, SubmittedAt: due.Add(-2 * time.Hour)},
	}
	r := &tiendo.Round{Deadline: due, UnitIDs: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9},
		Tasks: []*tiendo.Task{{ID: 10, Label: "1", Assignees: []tiendo.Assignee{{UnitID: 1, Role: tiendo.Lead}}}}}
	// The units in a shuffled order: the sort by name must not lean on the
	// order the matrix was built in.
	var units []*tiendo.Unit
	for _, id := range []int64{8, 2, 5, 1, 9, 3, 7, 4, 6} {
		units = append(units, &tiendo.Unit{ID: id, Name: names[id]})
	}
	m := BuildMatrix(r, units, states)
	order := func(m *Matrix) []string {
		var out []string
		for _, row := range m.Rows {
			out = append(out, row.Unit.Name)
		}
		return out
	}
	byName := []string{"Ban Chỉ huy Quân sự", "Công an huyện", "Dân tộc", "Đội Quản lý thị trường", "Phòng Giáo dục và Đào tạo",
		"Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Tư pháp", "Phòng Y tế"}
	for _, c := range []struct {
		o    Order
		want []string
	}{
		{DefaultOrder, byName},
		{Order{By: ByUnit, Desc: true}, reversed(byName)},
		{Natural(ByState), []string{"Ban Chỉ huy Quân sự", "Dân tộc", // not started
			"Phòng Nội vụ", "Phòng Tư pháp", // drafts
			"Phòng Giáo dục và Đào tạo",                // returned
			"Đội Quản lý thị trường",                   // late
			"Phòng Tài chính - Kế hoạch", "Phòng Y tế", // on time
			"Công an huyện"}}, // accepted
		{Order{By: ByState, Desc: true}, []string{"Công an huyện", "Phòng Tài chính - Kế hoạch", "Phòng Y tế", "Đội Quản lý thị trường",
			"Phòng Giáo dục và Đào tạo", "Phòng Nội vụ", "Phòng Tư pháp", "Ban Chỉ huy Quân sự", "Dân tộc"}},
		// Not sent first (by name), then the latest sent.
		{Natural(BySent), []string{"Ban Chỉ huy Quân sự", "Dân tộc", "Phòng Nội vụ", "Phòng Tư pháp",
			"Đội Quản lý thị trường", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo", "Công an huyện", "Phòng Y tế"}},
		{Order{By: BySent}, []string{"Phòng Y tế", "Công an huyện", "Phòng Giáo dục và Đào tạo", "Phòng Tài chính - Kế hoạch",
			"Đội Quản lý thị trường", "Ban Chỉ huy Quân sự", "Dân tộc", "Phòng Nội vụ", "Phòng Tư pháp"}},
	} {
		got := order(m.Sort(c.o))
		if !slices.Equal(got, c.want) {
			t.Errorf("Sort(%+v):\n got %q\nwant %q", c.o, got, c.want)
		}
	}
	if got := order(m); got[0] != "Phòng Tài chính - Kế hoạch" {
		t.Errorf("Sort changed the matrix it was given: %q", got)
	}
	// Sorting keeps each row's cells and times with its unit.
	for _, row := range m.Sort(Natural(BySent)).Rows {
		if want := states[row.Unit.ID].SubmittedAt; !row.SentAt.Equal(want) {
			t.Errorf("%s sent at %v, want %v", row.Unit.Name, row.SentAt, want)
		}
		if row.Late != states[row.Unit.ID].Late || len(row.Cells) != 1 {
			t.Errorf("%s: late %v, %d cells", row.Unit.Name, row.Late, len(row.Cells))
		}
	}
}

// The address's order is read leniently: what it does not know is the
// default order, a missing direction the column's natural one.
func TestParseOrder(t *testing.T) {
	for _, c := range []struct {
		by, dir string
		want    Order
	}{
		{"", "", DefaultOrder},
		{"unit", "desc", Order{By: ByUnit, Desc: true}},
		{"state", "", Order{By: ByState}},
		{"sent", "", Order{By: BySent, Desc: true}},
		{"sent", "asc", Order{By: BySent}},
		{"state", "sideways", Order{By: ByState}},
		{"<script>", "desc", DefaultOrder},
	} {
		if got := ParseOrder(c.by, c.dir); got != c.want {
			t.Errorf("ParseOrder(%q, %q) = %+v, want %+v", c.by, c.dir, got, c.want)
		}
	}
}

func reversed(xs []string) []string {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}
