// Package password hashes and checks passwords with argon2id, in the PHC
// string format so that the parameters travel with each hash and can be
// raised later without breaking old hashes.
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

// Hash returns the argon2id hash of pw in PHC form:
// $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY.
func Hash(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	c := cost()
	k := key(pw, salt, c.passes, c.memoryKiB, lanes, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, c.memoryKiB, c.passes, lanes, b64.EncodeToString(salt), b64.EncodeToString(k)), nil
}

// ErrMalformed is returned for a hash that is not in the form Hash writes.
var ErrMalformed = errors.New("password: malformed hash")

// Check reports whether pw matches hash.
func Check(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<20 || t > 16 {
		return false, ErrMalformed
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false, ErrMalformed
	}
	got := key(pw, salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
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
