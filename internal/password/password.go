// Package password hashes and checks passwords with argon2id, in the PHC
// string format so that the parameters travel with each hash and can be
// raised later without breaking old hashes.
//
// A password is hashed and checked in Unicode NFC. The same Vietnamese
// sentence arrives as different bytes from different keyboards: precomposed
// from a phone or Unikey's "Unicode dựng sẵn", decomposed from Unikey's
// "Unicode tổ hợp" or some Macs. They look the same and are the same text
// (canonically equivalent), so they must be the same password. The place of
// a tone mark (hoà, hòa) is not changed: those are different spellings, not
// different encodings of one, and a person who typed one may mean it.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/argon2"

	"tiendo/internal/vi"
)

// The parameters are OWASP's second argon2id recommendation (19 MiB, two
// passes, one lane): about 20 ms on this project's 2-core machines, so that a
// deadline rush of logins does not starve the server of memory or CPU.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// params are what a new hash spends: memory in KiB and passes.
type params struct{ memoryKiB, passes uint32 }

var (
	programCost = params{memoryKiB, passes}
	// testCost is argon2id at 1 MiB and one pass, for test binaries: the
	// suites create and log in thousands of accounts, and at the program's
	// cost the hashing was half of the web tests' CPU.
	testCost = params{1024, 1}
	// costOverride, when set, is used instead (this package's own tests).
	costOverride *params
)

// cost is the program's cost, except in a test binary (testing.Testing)
// that runs no benchmark: there it is testCost. The hash names its
// parameters and Check reads them, so hashes of either cost check; the
// program itself can never hash at the test cost, and a benchmark (a
// login, an import) measures what the program spends.
func cost() params {
	if costOverride != nil {
		return *costOverride
	}
	if testing.Testing() {
		if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
			return testCost
		}
	}
	return programCost
}

var b64 = base64.RawStdEncoding

// slots bounds how many hashes run at once. Each holds a 19 MiB buffer and a
// core for its whole run, so more hashes than cores at once only add memory:
// a deadline rush of logins would otherwise take the server's RSS into
// gigabytes while getting through them no faster.
var slots = make(chan struct{}, runtime.GOMAXPROCS(0))

func key(pw string, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	slots <- struct{}{}
	defer func() { <-slots }()
	return argon2.IDKey([]byte(pw), salt, t, m, p, n)
}

// Hash returns the argon2id hash of pw, in NFC, in PHC form:
// $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY.
func Hash(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	c := cost()
	k := key(vi.NFC(pw), salt, c.passes, c.memoryKiB, lanes, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, c.memoryKiB, c.passes, lanes, b64.EncodeToString(salt), b64.EncodeToString(k)), nil
}

// ErrMalformed is returned for a hash that is not in the form Hash writes.
var ErrMalformed = errors.New("password: malformed hash")

// Check reports whether pw matches hash: pw in NFC, or, when pw is not in
// NFC, pw as typed. Hashes made before passwords were normalised are of the
// bytes typed, and a password set decomposed must still open its account
// when typed the same way again.
func Check(hash, pw string) (bool, error) {
	ok, _, err := Verify(hash, pw)
	return ok, err
}

// Verify is Check that also says whether the hash matched pw only as typed,
// not in NFC (stale): a hash made before passwords were normalised. The
// caller should replace it with Hash(pw), after which the password opens
// the account however its letters are encoded. Checking a password not in
// NFC costs two hashes when it is wrong; CheckNone spends the same.
func Verify(hash, pw string) (ok, stale bool, err error) {
	h, err := parse(hash)
	if err != nil {
		return false, false, err
	}
	nfc := vi.NFC(pw)
	if h.matches(nfc) {
		return true, false, nil
	}
	if nfc != pw && h.matches(pw) {
		return true, true, nil
	}
	return false, false, nil
}

// phc is a parsed hash.
type phc struct {
	m, t       uint32
	p          uint8
	salt, want []byte
}

// matches reports whether pw, as given, is the password h was made from.
func (h *phc) matches(pw string) bool {
	got := key(pw, h.salt, h.t, h.m, h.p, uint32(len(h.want)))
	return subtle.ConstantTimeCompare(got, h.want) == 1
}

// parse reads a hash in the form Hash writes.
func parse(hash string) (*phc, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return nil, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return nil, ErrMalformed
	}
	var h phc
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.m, &h.t, &h.p); err != nil || h.m == 0 || h.t == 0 || h.p == 0 || h.m > 1<<20 || h.t > 16 {
		return nil, ErrMalformed
	}
	var err error
	if h.salt, err = b64.DecodeString(parts[4]); err != nil {
		return nil, ErrMalformed
	}
	if h.want, err = b64.DecodeString(parts[5]); err != nil || len(h.want) == 0 || len(h.want) > 128 {
		return nil, ErrMalformed
	}
	return &h, nil
}

// dummy is a valid hash of a random password. Checking against it when a
// username does not exist takes as long as a real check, so the response
// time does not tell an attacker which usernames exist. It is made on
// first use, when a test binary's flags say which cost new hashes take;
// the program's first unknown-user login after a start therefore costs two
// hashes, once, and start-up none.
var dummy = sync.OnceValue(func() string {
	h, _ := Hash(rand.Text())
	return h
})

// CheckNone spends the time of one Check and returns false.
func CheckNone(pw string) bool {
	Check(dummy(), pw)
	return false
}
