package store

import (
	"context"
	"encoding/base64"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// For store_test's tests of passwords set before they were normalised to
// NFC (package password), on both stores.

// SetLegacyPasswordHash stores, as user userID's password, a hash of pw's
// bytes as typed: what password.Hash made before it normalised.
func (s *Store) SetLegacyPasswordHash(ctx context.Context, userID int64, pw string) error {
	salt := []byte("legacy-salt-0001")
	key := argon2.IDKey([]byte(pw), salt, 1, 1024, 1, 32)
	hash := fmt.Sprintf("$argon2id$v=%d$m=1024,t=1,p=1$%s$%s", argon2.Version,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, userID)
	return err
}

// PasswordHash returns user userID's stored hash.
func (s *Store) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT password_hash FROM users WHERE id = ?`), userID).Scan(&h)
	return h, err
}
