package web

import (
	"fmt"
	"slices"
	"testing"

	"tiendo"
	"tiendo/internal/watch"
)

// The folds of a large office's "Kính gửi": one per unit at the top with
// the units under it, and the top units with none under them in one fold
// at the end, wherever the order puts them; a fold opens only when some
// but not all of its units are ticked.
func TestRecipientGroups(t *testing.T) {
	units := []*tiendo.Unit{
		{ID: 1, Name: "Ban Chỉ huy Quân sự"},
		{ID: 2, Name: "Cụm xã Bắc"},
		{ID: 3, Name: "Xã An", ParentID: 2},
		{ID: 4, Name: "Xã Bình", ParentID: 2},
		{ID: 5, Name: "Phòng Nội vụ"},
		{ID: 6, Name: "Cụm xã Nam"},
		{ID: 7, Name: "Xã Cát", ParentID: 6},
	}
	p := previewPage{Form: &intakeForm{Recipients: []int64{1, 3, 6, 7}}, ManyUnits: true, Tree: watch.Tree(units)}
	var got []string
	for _, g := range p.RecipientGroups() {
		var ids []int64
		for _, r := range g.Rows {
			ids = append(ids, r.ID)
		}
		open := ""
		if g.Open() {
			open = " open"
		}
		got = append(got, fmt.Sprintf("%s%s %v %d", g.Name(), open, ids, g.Checked))
	}
	want := []string{
		"Cụm xã Bắc và 2 đơn vị trực thuộc open [2 3 4] 1",
		"Cụm xã Nam và 1 đơn vị trực thuộc [6 7] 2",
		"Các đơn vị khác (2) open [1 5] 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the folds are\n%q\nwant\n%q", got, want)
	}
	p.ManyUnits = false
	if g := p.RecipientGroups(); g != nil {
		t.Errorf("a small office's checkboxes are folded: %d folds", len(g))
	}
}
