package directive

import (
	"runtime"
	"testing"
	"time"
)

// stayLinear fails when parsing build(n) takes much more than eight times
// parsing build(n/8): a linear parser takes about eight times, a quadratic
// slip sixty-four. It compares two parses on the same machine rather than
// a parse with a wall-clock bound, and counts the CPU time of the thread
// that parses where the system tells it (Linux), so that a slow or busy
// machine (CI beside other work) does not fail it; each size is timed
// three times and the fastest kept, so that a pause in one run does not
// either. Not a measure of speed: see BenchmarkParse.
func stayLinear(t *testing.T, name string, n int, build func(n int) string) {
	t.Helper()
	small, big := build(n/8), build(n)
	fastest := func(in string) time.Duration {
		best := time.Duration(1<<63 - 1)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for range 3 {
			start := threadTime()
			Parse(in, nil)
			best = min(best, threadTime()-start)
		}
		return best
	}
	ts, tb := fastest(small), fastest(big)
	// 24 leaves room for a log factor and for noise, and is well short
	// of the 64 of a quadratic; below a few milliseconds the small parse
	// is too short to compare.
	ts = max(ts, 2*time.Millisecond)
	ratio := float64(tb) / float64(ts)
	t.Logf("%s: %d KB in %v, %d KB in %v (%.1f times)", name, len(big)>>10, tb, len(small)>>10, ts, ratio)
	if ratio > 24 {
		t.Errorf("%s: %d KB parsed in %v, %d KB in %v: %.0f times as long for %.0f times the text",
			name, len(big)>>10, tb, len(small)>>10, ts, ratio, float64(len(big))/float64(len(small)))
	}
}
