package directive

import (
	"os"
	"strings"
	"testing"

	"tiendo"
)

// demoUnits is the demo's registry (internal/demo.Units, which this package
// cannot import): UBND huyện Hữu Lũng's departments.
var demoUnits = []tiendo.Unit{
	{Code: "pnnptnt", Name: "Phòng Nông nghiệp và Phát triển nông thôn", ShortName: "Phòng NN&PTNT", Aliases: []string{"Phòng Nông nghiệp & PTNT huyện"}},
	{Code: "ccthue", Name: "Chi cục Thuế khu vực I", ShortName: "Chi cục Thuế KV I"},
	{Code: "pgddt", Name: "Phòng Giáo dục và Đào tạo", ShortName: "Phòng GD&ĐT"},
	{Code: "pldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", ShortName: "Phòng LĐ-TB&XH", Aliases: []string{"Lao động, Thương binh, Xã hội – Dân tộc"}},
	{Code: "pvhtt", Name: "Phòng Văn hóa và Thông tin", ShortName: "Phòng VH&TT"},
	{Code: "ptnmt", Name: "Phòng Tài nguyên và Môi trường", ShortName: "Phòng TN&MT"},
	{Code: "pnv", Name: "Phòng Nội vụ", ShortName: "Phòng Nội vụ"},
	{Code: "ttptqd", Name: "Trung tâm Phát triển quỹ đất", ShortName: "TT Phát triển quỹ đất"},
	{Code: "ttyt", Name: "Trung tâm Y tế huyện Hữu Lũng", ShortName: "TTYT huyện"},
	{Code: "bchqs", Name: "Ban Chỉ huy Quân sự huyện", ShortName: "BCH Quân sự"},
	{Code: "cah", Name: "Công an huyện", ShortName: "Công an huyện"},
	{Code: "ptckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
}

// TestMatchUnitLevels: a name that states a level or a kind ("tỉnh", "xã",
// "Sở", "Cục") never matches a unit of another level, however alike their
// domains; the district's own names keep matching.
func TestMatchUnitLevels(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		// Another level, the user walk's cases.
		{"Công an tỉnh", ""},
		{"Công an xã", ""},
		{"Công an phường", ""},
		{"Trưởng Công an xã", ""},
		{"Ban Chỉ huy Quân sự xã", ""},
		{"Chỉ huy trưởng Ban Chỉ huy Quân sự xã", ""},
		{"Sở Giáo dục và Đào tạo", ""},
		{"Giám đốc Sở Giáo dục và Đào tạo", ""},
		{"Sở GD&ĐT", ""},
		{"Sở Lao động - Thương binh và Xã hội", ""}, // not even through the Phòng's alias
		{"Cục Thuế tỉnh", ""},
		{"Trung tâm Y tế tỉnh", ""},
		{"Phòng Nội vụ tỉnh", ""}, // the registry's units are the district's
		// The district's own, written every way.
		{"Công an huyện", "cah"},
		{"CA huyện", "cah"},
		{"Ban chỉ huy Quân sự huyện", "bchqs"},
		{"BCH Quân sự", "bchqs"},
		{"Phòng Nội vụ huyện", "pnv"},
		{"Phòng Nội vụ", "pnv"},
		{"Trưởng phòng Nội vụ", "pnv"},
		{"phòng Giáo dục và Đào tạo huyện", "pgddt"},
		{"Phòng GD&ĐT", "pgddt"},
		{"Phòng Lao động - Thương binh và Xã hội huyện", "pldtbxh"}, // "xã hội" is no level
		{"Lao động, Thương binh, Xã hội – Dân tộc", "pldtbxh"},
		{"Chi cục Thuế khu vực I", "ccthue"},
		{"Trung tâm Y tế huyện", "ttyt"},
		{"TTYT huyện", "ttyt"},
		{"Phong Noi vu huyen", "pnv"}, // typed without diacritics
	}
	for _, tt := range tests {
		got, ok := MatchUnit(tt.name, demoUnits)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchUnit(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

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

// TestOtherLevelIsWarned parses the directives of the user walk against the
// demo's registry: a unit of another level is left for the office to
// choose, with the usual warning, never matched to the district's.
func TestOtherLevelIsWarned(t *testing.T) {
	tests := []struct {
		file  string
		names []string
	}{
		{"tinh-2026-9thang-interleaved", []string{"Công an tỉnh", "Sở Giáo dục và Đào tạo", "Cục Thuế tỉnh"}},
		{"xa-tan-thanh-2025-quy3", []string{"Công an xã", "Ban Chỉ huy Quân sự xã"}},
		{"vi-thanh-2011-quy1", []string{"Sở Lao động - Thương binh và Xã hội"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(directivesDir + "/" + tt.file + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			r := Parse(string(src), demoUnits)
			for _, name := range tt.names {
				found := false
				for _, rc := range r.Recipients {
					if rc.Name == name {
						found = true
						if rc.Unit != "" {
							t.Errorf("recipient %q matched %q", name, rc.Unit)
						}
					}
				}
				for _, tk := range r.Tasks {
					for _, a := range tk.Assignees {
						if a.Name == name {
							found = true
							if a.Unit != "" {
								t.Errorf("task %s: %q matched %q", tk.Label, name, a.Unit)
							}
						}
					}
				}
				if !found {
					t.Errorf("%q is neither a recipient nor an assignee", name)
				}
				warned := false
				for _, w := range r.Warnings {
					if w.Code == WarnUnknownUnit && strings.Contains(w.Message, "Không tìm thấy đơn vị \""+name+"\"") {
						warned = true
					}
				}
				if !warned {
					t.Errorf("no warning \"Không tìm thấy đơn vị %q\"", name)
				}
			}
		})
	}
}
