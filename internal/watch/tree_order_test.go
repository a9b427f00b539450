package watch

import (
	"fmt"
	"testing"

	"tiendo"
)

func TestTree(t *testing.T) {
	units := []*tiendo.Unit{ // as the store gives them: Vietnamese order
		{ID: 4, ParentID: 2, Name: "Chi cục Kiểm lâm"},
		{ID: 3, ParentID: 2, Name: "Chi cục Thủy lợi"},
		{ID: 6, ParentID: 1, Name: "Sở Xây dựng"},
		{ID: 2, ParentID: 1, Name: "Sở Nông nghiệp"},
		{ID: 1, Name: "UBND tỉnh"},
		{ID: 7, ParentID: 99, Name: "Xã có cấp trên đã xóa"},
		{ID: 8, ParentID: 9, Name: "Vòng A"},
		{ID: 9, ParentID: 8, Name: "Vòng B"},
	}
	var got []string
	for _, u := range Tree(units) {
		got = append(got, fmt.Sprintf("%d/%d/%d", u.ID, u.Depth, u.Descendants))
	}
	want := "[1/0/4 6/1/0 2/1/2 4/2/0 3/2/0 7/0/0 8/0/1 9/1/0]"
	if fmt.Sprint(got) != want {
		t.Errorf("Tree = %v, want %v", got, want)
	}
	if got := fmt.Sprint(Descendants(units, 2)); got != "[4 3]" {
		t.Errorf("Descendants(2) = %s", got)
	}
	if got := fmt.Sprint(Descendants(units, 1)); got != "[6 2 4 3]" {
		t.Errorf("Descendants(1) = %s", got)
	}
	if got := Descendants(units, 42); got != nil {
		t.Errorf("descendants of no unit = %v", got)
	}
}
