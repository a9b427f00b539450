package store

import "testing"

// The background index waits while a rush fills the audit log, a minute
// at most, and follows it otherwise.
func TestSearchWait(t *testing.T) {
	for _, c := range []struct {
		name      string
		last, now int64
		waited    int
		want      bool
	}{
		{"first interval", -1, 90000, 0, false},
		{"a quiet office", 1000, 1012, 0, false},
		{"a rush", 1000, 1000 + searchBusy + 1, 0, true},
		{"a rush still", 5000, 9000, searchMaxWaits - 1, true},
		{"a rush, waited long enough", 5000, 9000, searchMaxWaits, false},
		{"just under a rush", 1000, 1000 + searchBusy, 3, false},
	} {
		if got := searchWait(c.last, c.now, c.waited); got != c.want {
			t.Errorf("%s: searchWait(%d, %d, %d) = %v, want %v", c.name, c.last, c.now, c.waited, got, c.want)
		}
	}
}
