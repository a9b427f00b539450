package web

import (
	"os"
	"testing"

	"tiendo"
	"tiendo/internal/demo"
	"tiendo/internal/directive"
)

// TestIntakeOtherLevelNotPreselected: a province's or a commune's directive
// read against the demo district's registry pre-selects none of the
// district's units for "Công an tỉnh", "Sở Giáo dục và Đào tạo", "Cục Thuế
// tỉnh", "Công an xã", "Ban Chỉ huy Quân sự xã" or "Sở Lao động - Thương
// binh và Xã hội": none of these directives names a unit of the district,
// so nothing may be pre-selected, and the office chooses.
func TestIntakeOtherLevelNotPreselected(t *testing.T) {
	t.Parallel()
	units := make([]*tiendo.Unit, len(demo.Units))
	byID := map[int64]string{}
	for i := range demo.Units {
		u := demo.Units[i]
		u.ID = int64(i + 1)
		units[i] = &u
		byID[u.ID] = u.Code
	}
	for _, name := range []string{"tinh-2026-9thang-interleaved", "xa-tan-thanh-2025-quy3", "vi-thanh-2011-quy1"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("../../testdata/directives/" + name + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			f := formFromResult(directive.Parse(text, derefUnits(units)), text, units)
			for _, id := range f.Recipients {
				t.Errorf("recipient %s pre-selected", byID[id])
			}
			for _, it := range f.Tasks {
				if it.Lead != 0 {
					t.Errorf("task %q (%s): lead %s pre-selected", it.Label, it.Hint, byID[it.Lead])
				}
				for _, id := range it.Support {
					t.Errorf("task %q (%s): support %s pre-selected", it.Label, it.Hint, byID[id])
				}
			}
		})
	}
}
