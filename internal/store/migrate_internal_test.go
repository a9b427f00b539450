package store

import (
	"path"
	"slices"
	"testing"
)

// The two dialects must have the same migrations, file for file, so that a
// change made for one is not forgotten for the other.
func TestMigrationsMatchAcrossDialects(t *testing.T) {
	var names [2][]string
	for i, d := range []dialect{sqlite, postgres} {
		files, err := migrationNames(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			names[i] = append(names[i], path.Base(f))
		}
	}
	if len(names[0]) == 0 {
		t.Fatal("no migrations found")
	}
	if !slices.Equal(names[0], names[1]) {
		t.Errorf("sqlite migrations %v, postgres migrations %v: want the same file names", names[0], names[1])
	}
}

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, sqlite, postgres string }{
		{"SELECT 1", "SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = ? AND b = ?", "a = $1 AND b = $2"},
	} {
		if got := sqlite.rebind(tc.in); got != tc.sqlite {
			t.Errorf("sqlite.rebind(%q) = %q, want %q", tc.in, got, tc.sqlite)
		}
		if got := postgres.rebind(tc.in); got != tc.postgres {
			t.Errorf("postgres.rebind(%q) = %q, want %q", tc.in, got, tc.postgres)
		}
	}
}
