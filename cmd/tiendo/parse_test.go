package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const parseDirective = `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 12/UBND-VP
V/v báo cáo nhiệm vụ trọng tâm quý I năm 2026
Kính gửi:
- Phòng Nội vụ huyện;
- Công an huyện.

1. Giao Phòng Nội vụ chủ trì: nâng Chỉ số cải cách hành chính đạt 85% trở lên (nhiệm vụ 1).
2. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% trở lên so với cùng kỳ (nhiệm vụ 2).

Các đơn vị gửi báo cáo về UBND huyện trước ngày 05/4/2026.
`

// TestParseUnits checks that --units resolves the assignees to the codes of
// the registry file, and that a bad registry file is refused with a message.
func TestParseUnits(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.json")
	if err := os.WriteFile(units, []byte(`[{"code":"pnv","name":"Phòng Nội vụ"},{"code":"cah","name":"Công an huyện","short_name":"CA huyện","aliases":["Công an"]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, parseDirective, "parse", "--json", "--units", units, "-")
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	var res struct {
		Tasks []struct {
			Assignees []struct{ Unit, Role string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, task := range res.Tasks {
		for _, a := range task.Assignees {
			got = append(got, a.Unit+":"+a.Role)
		}
	}
	if g, want := strings.Join(got, ","), "pnv:lead,cah:lead"; g != want {
		t.Errorf("assignees = %s, want %s", g, want)
	}
	if out, err := runCmd(t, parseDirective, "parse", "--units", units, "-"); err != nil || !strings.Contains(out, "Phòng Nội vụ [pnv]") {
		t.Errorf("summary with --units: %v\n%s", err, out)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"code":"x"}`), 0o644)
	if _, err := runCmd(t, parseDirective, "parse", "--units", bad, "-"); err == nil || !strings.Contains(err.Error(), "danh mục đơn vị") {
		t.Errorf("bad registry: %v, want an error about the registry file", err)
	}
	if _, err := runCmd(t, parseDirective, "parse", "--units", filepath.Join(dir, "none.json"), "-"); err == nil {
		t.Error("missing registry file accepted")
	}
	if out, _ := runCmd(t, "", "parse", "-h"); !strings.Contains(out, "--units") && !strings.Contains(out, "-units") {
		t.Errorf("help does not mention --units:\n%s", out)
	}
}
