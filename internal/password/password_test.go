package password

import (
	"flag"
	"strings"
	"testing"

	"tiendo/internal/vi"
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

// The sentence the account page suggests, in the three encodings a
// Vietnamese keyboard may send: precomposed (NFC: phones, Unikey's "Unicode
// dựng sẵn"), fully decomposed (NFD: some Macs), and Unikey's "Unicode tổ
// hợp", whose letters keep â, ơ, ư whole and take the tone as a combining
// mark (neither NFC nor NFD).
const (
	sentenceNFC    = "cây bàng trước sân phòng giáo dục"
	sentenceNFD    = "ca\u0302y ba\u0300ng tru\u031bo\u031b\u0301c sa\u0302n pho\u0300ng gia\u0301o du\u0323c"
	sentenceUnikey = "c\u00e2y ba\u0300ng tr\u01b0\u01a1\u0301c s\u00e2n pho\u0300ng gia\u0301o du\u0323c"
)

func TestSentenceEncodingsDiffer(t *testing.T) {
	if sentenceNFC == sentenceNFD || sentenceNFC == sentenceUnikey || sentenceNFD == sentenceUnikey {
		t.Fatal("the test's three encodings are not three different byte strings")
	}
	if vi.NFC(sentenceNFD) != sentenceNFC || vi.NFC(sentenceUnikey) != sentenceNFC {
		t.Fatal("the test's encodings are not of one sentence")
	}
}

// A password is the same whichever encoding of its letters the keyboard
// sent, when it was set and when it is typed.
func TestCheckAcceptsEveryEncoding(t *testing.T) {
	for _, set := range []string{sentenceNFC, sentenceNFD, sentenceUnikey} {
		h, err := Hash(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range []string{sentenceNFC, sentenceNFD, sentenceUnikey} {
			ok, stale, err := Verify(h, typed)
			if err != nil || !ok || stale {
				t.Errorf("set as %+q, typed as %+q: Verify = %v, %v, %v; want a match, not stale", set, typed, ok, stale, err)
			}
		}
		if ok, _ := Check(h, strings.Replace(sentenceNFD, "du\u0323c", "du\u0300c", 1)); ok {
			t.Errorf("set as %+q: another tone (dục → dùc) matched", set)
		}
	}
}

// legacyHash is a hash as Hash made it before passwords were normalised:
// of the bytes typed.
func legacyHash(t *testing.T, pw string) string {
	t.Helper()
	salt := []byte("0123456789abcdef")
	k := key(pw, salt, 1, 1024, lanes, keyLen)
	return "$argon2id$v=19$m=1024,t=1,p=1$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(k)
}

// A hash made from decomposed bytes before the change still opens the
// account with those bytes, and says it is stale so that it is replaced.
func TestCheckAcceptsALegacyHash(t *testing.T) {
	for _, set := range []string{sentenceNFD, sentenceUnikey} {
		h := legacyHash(t, set)
		ok, stale, err := Verify(h, set)
		if err != nil || !ok || !stale {
			t.Errorf("legacy hash of %+q typed the same: Verify = %v, %v, %v; want a stale match", set, ok, stale, err)
		}
		if ok, err := Check(h, set); err != nil || !ok {
			t.Errorf("legacy hash of %+q typed the same: Check = %v, %v; want true", set, ok, err)
		}
		if ok, _ := Check(h, set+"x"); ok {
			t.Errorf("legacy hash of %+q: a wrong password matched", set)
		}
	}
	// A legacy hash of NFC bytes is what Hash makes now: not stale.
	if ok, stale, err := Verify(legacyHash(t, sentenceNFC), sentenceNFD); err != nil || !ok || stale {
		t.Errorf("legacy hash of the NFC sentence typed decomposed: %v, %v, %v; want a match, not stale", ok, stale, err)
	}
}

// The place of a tone mark is part of the spelling, not of the encoding:
// "hoà" and "hòa" are different passwords (both are NFC).
func TestToneMarkPlacementIsNotFolded(t *testing.T) {
	h, err := Hash("hoà bình trên sông hồng")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := Check(h, "hòa bình trên sông hồng"); ok {
		t.Error("a password set with “hoà” matched typed with “hòa”")
	}
	if ok, _ := Check(h, "ho\u0300a bi\u0300nh tre\u0302n so\u0302ng ho\u0302\u0300ng"); ok {
		t.Error("a password set with “hoà” matched “hòa” decomposed")
	}
	if ok, _ := Check(h, "hoa\u0300 bi\u0300nh tre\u0302n so\u0302ng ho\u0302\u0300ng"); !ok {
		t.Error("a password set with “hoà” did not match “hoà” decomposed")
	}
}
