package password

import (
	"strings"
	"testing"
)

func TestHashCheck(t *testing.T) {
	h, err := Hash("mật khẩu đúng")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q: want PHC argon2id form", h)
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
			t.Errorf("Check(%q) = %v, %v; want %v", tc.pw, got, err, tc.want)
		}
	}
	h2, _ := Hash("mật khẩu đúng")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
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
