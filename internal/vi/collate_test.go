package vi

import (
	"slices"
	"testing"
)

// Sort puts names in Vietnamese order, case ignored, keeping equal names in
// their order.
func TestSort(t *testing.T) {
	type unit struct {
		name string
		id   int
	}
	in := []unit{
		{"Xã Đông Sơn", 1}, {"xã Bình An", 2}, {"Xã Dương Hòa", 3}, {"Xã An Bình", 4},
		{"Xã Ân Thi", 5}, {"XÃ AN BÌNH", 6}, {"Xã Ấp Bắc", 7}, {"Xã Ă Rơ", 8}, {"Phường 10", 9}, {"Phường 2", 10},
	}
	Sort(in, func(u unit) string { return u.name })
	var got []int
	for _, u := range in {
		got = append(got, u.id)
	}
	// A, Ă, Â in that order; D before Đ; "Xã An Bình" and "XÃ AN BÌNH" are
	// equal with case ignored and keep their order (4 before 6); digits
	// compare one by one, as the store's lists always have.
	want := []int{9, 10, 4, 6, 8, 5, 7, 2, 3, 1}
	if !slices.Equal(got, want) {
		var names []string
		for _, u := range in {
			names = append(names, u.name)
		}
		t.Errorf("Sort = %v %q, want %v", got, names, want)
	}
}
