package password

import (
	"flag"
	"strings"
	"testing"
)

func TestHashCheck(t *testing.T) {
	want := testCost
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		want = programCost
	}
	if c := cost(); c != want {
		t.Fatalf("a test binary hashes at %+v; want %+v (the program's cost only when it runs benchmarks)", c, want)
	}
	t.Cleanup(func() { costOverride = nil })
	for _, c := range []struct {
		name      string
		memoryKiB uint32
		passes    uint32
		prefix    string
	}{
		{"the program's cost", memoryKiB, passes, "$argon2id$v=19$m=19456,t=2,p=1$"},
		{"the tests' cost", 1024, 1, "$argon2id$v=19$m=1024,t=1,p=1$"},
	} {
		costOverride = &params{c.memoryKiB, c.passes}
		h, err := Hash("mật khẩu đúng")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, c.prefix) {
			t.Errorf("%s: hash %q: want PHC argon2id form %s...", c.name, h, c.prefix)
		}
		for _, tc := range []struct {
			pw   string
			want bool
		}{
			{"mật khẩu đúng", true},
			{"mật khẩu sai", false},
			{"", false},
		} {
			got, err := Check(h, tc.pw)
			if err != nil || got != tc.want {
				t.Errorf("%s: Check(%q) = %v, %v; want %v", c.name, tc.pw, got, err, tc.want)
			}
		}
		h2, _ := Hash("mật khẩu đúng")
		if h == h2 {
			t.Errorf("%s: two hashes of one password are equal: the salt is not random", c.name)
		}
	}
}

func TestCheckMalformed(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=99999999,t=1,p=1$AA$AA", "$argon2id$v=19$m=8,t=1,p=1$!!$AA"} {
		if ok, err := Check(h, "x"); ok || err == nil {
			t.Errorf("Check(%q) = %v, %v; want false, error", h, ok, err)
		}
	}
	if CheckNone("x") {
		t.Error("CheckNone returned true")
	}
}

// A benchmark measures what the program spends: with -test.bench set, new
// hashes take the program's cost.
func TestBenchmarksHashAtTheProgramsCost(t *testing.T) {
	f := flag.Lookup("test.bench")
	if f == nil {
		t.Fatal("no test.bench flag in a test binary")
	}
	was := f.Value.String()
	t.Cleanup(func() { f.Value.Set(was) })
	f.Value.Set("Login")
	if c := cost(); c != programCost {
		t.Errorf("with -test.bench set: %+v, want the program's cost %+v", c, programCost)
	}
	f.Value.Set("")
	if c := cost(); c != testCost {
		t.Errorf("without -test.bench: %+v, want the test cost %+v", c, testCost)
	}
}
