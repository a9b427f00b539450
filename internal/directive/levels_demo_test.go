package directive_test

import (
	"os"
	"strings"
	"testing"

	"tiendo/internal/demo"
	"tiendo/internal/directive"
)

// These tests match against the demo's own registry (demo.Units): UBND
// huyện Hữu Lũng's departments.

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
		got, ok := directive.MatchUnit(tt.name, demo.Units)
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
			src, err := os.ReadFile("../../testdata/directives/" + tt.file + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			r := directive.Parse(string(src), demo.Units)
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
					if w.Code == directive.WarnUnknownUnit && strings.Contains(w.Message, "Không tìm thấy đơn vị \""+name+"\"") {
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
