package password

import (
	"strings"
	"testing"
)

func TestHashCheck(t *testing.T) {
	tests := cost
	t.Cleanup(func() { cost = tests })
	if tests.memoryKiB != 1024 || tests.passes != 1 {
		t.Fatalf("a test binary hashes at m=%d, t=%d; want the test cost m=1024, t=1", tests.memoryKiB, tests.passes)
	}
	var program string // a hash at the program's cost, checked later at the tests' cost
	for _, c := range []struct {
		name      string
		memoryKiB uint32
		passes    uint32
		prefix    string
	}{
		{"the program's cost", memoryKiB, passes, "$argon2id$v=19$m=19456,t=2,p=1$"},
		{"the tests' cost", 1024, 1, "$argon2id$v=19$m=1024,t=1,p=1$"},
	} {
		cost.memoryKiB, cost.passes = c.memoryKiB, c.passes
		h, err := Hash("mật khẩu đúng")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, c.prefix) {
			t.Errorf("%s: hash %q: want PHC argon2id form %s...", c.name, h, c.prefix)
		}
		if program == "" {
			program = h
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
	// The parameters travel with the hash: one made at the program's cost
	// checks at that cost whatever new hashes spend.
	if ok, err := Check(program, "mật khẩu đúng"); !ok || err != nil {
		t.Errorf("a hash at the program's cost, checked at the tests' cost: %v, %v; want true", ok, err)
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
