package directive

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tiendo"
)

var update = flag.Bool("update", false, "write the golden files of testdata/directives (review every change by hand)")

const directivesDir = "../../testdata/directives"

// marshal writes a result as the goldens hold it: indented, "&" and ">" as
// themselves so that a reviewer reads them.
func marshal(t *testing.T, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// registryFor reads NAME.units.json beside a directive, the unit registry
// its golden was made with; nil when there is none.
func registryFor(t *testing.T, txt string) []tiendo.Unit {
	t.Helper()
	b, err := os.ReadFile(strings.TrimSuffix(txt, ".txt") + ".units.json")
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var units []tiendo.Unit
	if err := json.Unmarshal(b, &units); err != nil {
		t.Fatalf("%s: %v", txt, err)
	}
	return units
}

// TestGolden parses every directive of testdata/directives and compares
// the result with its reviewed golden JSON.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(directivesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 11 {
		t.Fatalf("found %d directives in %s, want at least 11", len(files), directivesDir)
	}
	for _, txt := range files {
		name := strings.TrimSuffix(filepath.Base(txt), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(txt)
			if err != nil {
				t.Fatal(err)
			}
			got := marshal(t, Parse(string(src), registryFor(t, txt)))
			golden := strings.TrimSuffix(txt, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update, then review the file by hand)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse of %s differs from %s:\n%s", filepath.Base(txt), filepath.Base(golden), diffLines(string(want), string(got)))
			}
		})
	}
}

// diffLines shows the first lines where two texts differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 12; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }
