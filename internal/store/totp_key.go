package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"tiendo"
)

// The second factor's keys must be read back to check a code, so they
// cannot be hashed as passwords are. With a TOTPKey, a key kept outside the
// database (TIENDO_TOTP_KEY_FILE), they are stored wrapped instead:
// AES-256-GCM under that key, with the user's ID as additional data, so
// that whoever reads the database or a backup without the key file cannot
// make anyone's codes, and a wrapped key copied to another user's row does
// not open there.
//
// A wrapped key is stored as "v1:" and base64(nonce ‖ ciphertext). A key in
// the clear is base32 (A–Z, 2–7), which never holds ':', so the two cannot
// be taken for each other; the version leaves room for another scheme.
const (
	totpWrapPrefix = "v1:"

	// TOTPKeySize is the length of the key in TIENDO_TOTP_KEY_FILE:
	// 32 random bytes (AES-256), written in base64.
	TOTPKeySize = 32

	// totpKeySetting names the setting in messages for the administrator.
	totpKeySetting = "TIENDO_TOTP_KEY_FILE"
)

// TOTPKey is the key the second factor's keys are wrapped with at rest.
type TOTPKey struct {
	aead cipher.AEAD
}

// ParseTOTPKey reads a key written as NewTOTPKeyText writes one: 32 bytes
// in standard base64, with or without padding and surrounding white space.
func ParseTOTPKey(text []byte) (*TOTPKey, error) {
	s := strings.TrimSpace(string(text))
	if s == "" {
		return nil, errors.New("the file is empty")
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil, errors.New("it is not base64")
		}
	}
	if len(raw) != TOTPKeySize {
		return nil, fmt.Errorf("it holds %d bytes, not %d", len(raw), TOTPKeySize)
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &TOTPKey{aead: aead}, nil
}

// ReadTOTPKeyFile reads the key in the file at path (TIENDO_TOTP_KEY_FILE).
// A file that cannot be read, is not base64 or does not hold 32 bytes is
// an error that names the setting and says how to make a good one: the
// server must not start without the key it was told to use.
func ReadTOTPKeyFile(path string) (*TOTPKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the key file: %w", totpKeySetting, err)
	}
	k, err := ParseTOTPKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s=%s: %v; it must hold %d random bytes in base64, such as `tiendo totp-key %s` or `openssl rand -base64 %d` writes",
			totpKeySetting, path, err, TOTPKeySize, path, TOTPKeySize)
	}
	return k, nil
}

// NewTOTPKeyText returns a new random key in the form ReadTOTPKeyFile reads.
func NewTOTPKeyText() string {
	return base64.StdEncoding.EncodeToString(randomBytes(TOTPKeySize)) + "\n"
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never returns an error (crypto/rand)
	return b
}

// WithTOTPKey makes the store keep the second factor's keys wrapped with k
// (nil: in the clear). Open then wraps the keys stored in the clear.
func WithTOTPKey(k *TOTPKey) Option {
	return func(s *Store) { s.totpKey = k }
}

// Option changes how Open opens the store.
type Option func(*Store)

// totpAD is the additional data a user's wrapped key is sealed with: the
// key opens only in that user's row.
func totpAD(userID int64) []byte {
	return []byte("tiendo user_totp " + strconv.FormatInt(userID, 10))
}

func (k *TOTPKey) wrap(userID int64, secret string) string {
	nonce := randomBytes(k.aead.NonceSize())
	sealed := k.aead.Seal(nonce, nonce, []byte(secret), totpAD(userID))
	return totpWrapPrefix + base64.StdEncoding.EncodeToString(sealed)
}

func (k *TOTPKey) unwrap(userID int64, stored string) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(stored, totpWrapPrefix))
	if err != nil || len(raw) < k.aead.NonceSize() {
		return "", false
	}
	n := k.aead.NonceSize()
	secret, err := k.aead.Open(nil, raw[:n], raw[n:], totpAD(userID))
	if err != nil {
		return "", false
	}
	return string(secret), true
}

// ErrTOTPKeyUnavailable is what the user sees when their second factor's
// key is stored wrapped and the server cannot unwrap it: it was started
// without TIENDO_TOTP_KEY_FILE, or with another key than the one the key
// was wrapped with. Its code is internal, so that the page logs the error
// that wraps it (totpKeyError), which tells the administrator what to fix;
// a recovery code, which needs no key, still logs in.
var ErrTOTPKeyUnavailable = tiendo.Errorf(tiendo.EINTERNAL, "Máy chủ hiện không kiểm tra được mã xác thực hai bước vì thiếu khóa giải mã của máy chủ. "+
	"Bạn vẫn có thể đăng nhập bằng một mã dự phòng; nếu không còn mã dự phòng, hãy báo cho quản trị hệ thống.")

// totpKeyError says, for the log, why user UserID's key cannot be read.
type totpKeyError struct {
	UserID int64
	Reason string
}

func (e *totpKeyError) Error() string {
	return fmt.Sprintf("store: the second factor's key of user %d is stored wrapped, but %s: start the server with %s naming the key file it was wrapped with",
		e.UserID, e.Reason, totpKeySetting)
}

func (e *totpKeyError) Unwrap() error { return ErrTOTPKeyUnavailable }

// sealTOTP is what the database keeps of user userID's key secret: wrapped
// when the store has a key, as it is otherwise.
func (s *Store) sealTOTP(userID int64, secret string) string {
	if s.totpKey == nil {
		return secret
	}
	return s.totpKey.wrap(userID, secret)
}

// openTOTP returns user userID's key from what the database keeps of it:
// a key in the clear as it is (kept so before the store had a key, and not
// yet wrapped), a wrapped one unwrapped, or a totpKeyError when that
// cannot be done.
func (s *Store) openTOTP(userID int64, stored string) (string, error) {
	if !strings.Contains(stored, ":") {
		return stored, nil
	}
	if !strings.HasPrefix(stored, totpWrapPrefix) {
		return "", &totpKeyError{userID, "in a form this version does not know (" + strings.SplitN(stored, ":", 2)[0] + ":)"}
	}
	if s.totpKey == nil {
		return "", &totpKeyError{userID, totpKeySetting + " is not set"}
	}
	secret, ok := s.totpKey.unwrap(userID, stored)
	if !ok {
		return "", &totpKeyError{userID, "it does not open with the key in " + totpKeySetting +
			" (another key, or the value was changed or copied from another user's row)"}
	}
	return secret, nil
}

// totpWrapLock is the PostgreSQL advisory lock under which an opening
// store wraps the keys stored in the clear (wrapTOTPKeys).
const totpWrapLock = 7310

// wrapTOTPKeys runs when the store opens with a key. It refuses a key that
// opens none of the second factors on stored wrapped (the wrong file:
// wrapping more keys with it would mix two keys in one database; pending
// set-ups do not count, starting again replaces them), then wraps, in one
// transaction, every key still stored in the clear. It is idempotent and
// safe with two instances opening at once: on PostgreSQL they take turns
// under an advisory lock and the second finds nothing left in the clear;
// each row is updated only if it still holds the clear value read.
func (s *Store) wrapTOTPKeys(ctx context.Context) error {
	if s.totpKey == nil {
		return nil
	}
	var opened int
	var closed []string // usernames whose key does not open
	var clear bool
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT t.user_id, t.secret, t.enabled_at IS NOT NULL, u.username
		FROM user_totp t JOIN users u ON u.id = t.user_id ORDER BY u.username`))
	if err != nil {
		return fmt.Errorf("store: wrap second-factor keys: %w", err)
	}
	for rows.Next() {
		var id int64
		var stored, username string
		var on bool
		if err := rows.Scan(&id, &stored, &on, &username); err != nil {
			rows.Close()
			return fmt.Errorf("store: wrap second-factor keys: %w", err)
		}
		switch {
		case !strings.Contains(stored, ":"):
			clear = true
		case !on || !strings.HasPrefix(stored, totpWrapPrefix):
		case func() bool { _, ok := s.totpKey.unwrap(id, stored); return ok }():
			opened++
		default:
			closed = append(closed, username)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: wrap second-factor keys: %w", err)
	}
	if len(closed) > 0 && opened == 0 {
		n := len(closed)
		if n > 10 {
			closed = append(closed[:10], "…")
		}
		return fmt.Errorf("store: the key in %s opens none of the %d second-factor keys stored wrapped (users %s): it is not the key they were wrapped with; "+
			"start with the right key file, or, if it is lost, turn those users' second factor off first (%s= tiendo user 2fa-off NAME)",
			totpKeySetting, n, strings.Join(closed, ", "), totpKeySetting)
	}
	if !clear {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.dialect == postgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(`+strconv.Itoa(totpWrapLock)+`)`); err != nil {
				return fmt.Errorf("store: wrap second-factor keys: lock: %w", err)
			}
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT user_id, secret FROM user_totp WHERE secret NOT LIKE '%:%'`))
		if err != nil {
			return fmt.Errorf("store: wrap second-factor keys: %w", err)
		}
		type clearKey struct {
			id     int64
			secret string
		}
		var keys []clearKey
		for rows.Next() {
			var k clearKey
			if err := rows.Scan(&k.id, &k.secret); err != nil {
				rows.Close()
				return fmt.Errorf("store: wrap second-factor keys: %w", err)
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: wrap second-factor keys: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE user_totp SET secret = ? WHERE user_id = ? AND secret = ?`),
				s.totpKey.wrap(k.id, k.secret), k.id, k.secret); err != nil {
				return fmt.Errorf("store: wrap second-factor keys: %w", err)
			}
		}
		return nil
	})
}
