package directive

import (
	"testing"

	"tiendo"
)

// TestMatchUnitLevelWords: "thị xã" is not "xã", "thành phố" not "tỉnh";
// an alias the office gives a unit is how it says a name is that unit.
func TestMatchUnitLevelWords(t *testing.T) {
	units := []tiendo.Unit{
		{Code: "catx", Name: "Công an thị xã"},
		{Code: "ubtp", Name: "UBND thành phố Vị Thanh"},
		{Code: "ldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", Aliases: []string{"Sở LĐ-TB&XH"}},
		{Code: "htx", Name: "Liên minh Hợp tác xã"},
	}
	tests := []struct {
		name string
		want string
	}{
		{"Công an xã", ""},
		{"Công an thị xã", "catx"},
		{"Công an TX", "catx"},
		{"UBND tỉnh", ""},
		{"UBND TP Vị Thanh", "ubtp"},
		{"Sở Lao động - Thương binh và Xã hội", "ldtbxh"},
		{"Liên minh Hợp tác xã huyện", "htx"}, // "hợp tác xã" states no level
	}
	for _, tt := range tests {
		got, ok := MatchUnit(tt.name, units)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchUnit(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

// TestMatchUnitCommuneRegistry: a commune's registry takes no district or
// province unit for its own.
func TestMatchUnitCommuneRegistry(t *testing.T) {
	units := registryFor(t, directivesDir+"/xa-2026-trong-do-chi-tieu.txt")
	tests := []struct {
		name string
		want string
	}{
		{"Công an huyện", ""},
		{"Công an tỉnh", ""},
		{"Công an phường", ""},
		{"Ban Chỉ huy Quân sự huyện", ""},
		{"Trung tâm Phục vụ hành chính công tỉnh", ""},
		{"Phòng Kinh tế huyện", ""},
		{"Công an xã", "cax"},
		{"Trung tâm Phục vụ hành chính công xã", "ttpvhcc"},
		{"Phòng Kinh tế", "pkt"},
		{"Phòng Văn hóa - Xã hội", "pvhxh"},
	}
	for _, tt := range tests {
		got, ok := MatchUnit(tt.name, units)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchUnit(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}
