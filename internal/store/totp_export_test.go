package store

import "context"

// For store_test's tests of wrapped second-factor keys (totp_key.go).

// TOTPStored returns what the database keeps of user userID's key.
func (s *Store) TOTPStored(ctx context.Context, userID int64) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT secret FROM user_totp WHERE user_id = ?`), userID).Scan(&v)
	return v, err
}

// SetTOTPStored writes v as what the database keeps of user userID's key,
// as someone with access to the database could.
func (s *Store) SetTOTPStored(ctx context.Context, userID int64, v string) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE user_totp SET secret = ? WHERE user_id = ?`), v, userID)
	return err
}

// WrapTOTP wraps secret for user userID with k, as a store with k stores it.
func WrapTOTP(k *TOTPKey, userID int64, secret string) string { return k.wrap(userID, secret) }
