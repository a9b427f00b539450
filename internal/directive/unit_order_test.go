package directive

import (
	"testing"

	"tiendo"
)

// Commune names often come in both orders ("An Bình" and "Bình An", "Hòa
// Bình" and "Bình Hòa"); keys compare as sets of words, so the name written
// in the same order picks the unit. Two units of one name stay ambiguous.
func TestMatchUnitWordOrder(t *testing.T) {
	units := []tiendo.Unit{
		{Code: "xa-an-binh", Name: "Ủy ban nhân dân xã An Bình", ShortName: "UBND xã An Bình"},
		{Code: "xa-binh-an", Name: "Ủy ban nhân dân xã Bình An", ShortName: "UBND xã Bình An"},
		{Code: "xa-hoa-binh", Name: "Xã Hòa Bình"},
		{Code: "xa-binh-hoa", Name: "Xã Bình Hòa"},
		{Code: "tan-phu-1", Name: "Ủy ban nhân dân phường Tân Phú", ShortName: "UBND phường Tân Phú"},
		{Code: "tan-phu-2", Name: "UBND phường Tân Phú"},
	}
	for _, c := range []struct{ name, want string }{
		{"UBND xã An Bình", "xa-an-binh"},
		{"Ủy ban nhân dân xã Bình An", "xa-binh-an"},
		{"xã An Bình", "xa-an-binh"},
		{"UBND XÃ BÌNH AN", "xa-binh-an"},
		{"xã Hòa Bình", "xa-hoa-binh"},
		{"Xã Bình Hòa", "xa-binh-hoa"},
		{"UBND phường Tân Phú", ""}, // two units of that name
	} {
		got, ok := MatchUnit(c.name, units)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("MatchUnit(%q) = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}
