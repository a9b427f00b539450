package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"tiendo"
)

// The second factor is TOTP (RFC 6238) as every authenticator app reads it
// from a QR code: SHA-1, six digits, a 30-second step. A code is accepted
// for the step before and after the current one too (a phone's clock a
// little off, a code typed as it changed), and never for a step at or
// before the last one accepted for the user (user_totp.last_step): a code
// is good once.
const (
	totpPeriod = 30
	totpSkew   = 1

	// TOTPIssuer is the name an authenticator app shows above the code.
	TOTPIssuer = "tiendo"

	// PendingLoginAge is how long a login whose password was right waits
	// for its second step before it must start again.
	PendingLoginAge = 5 * time.Minute

	// RecoveryCodes is how many one-time recovery codes a user gets when
	// they turn the second factor on.
	RecoveryCodes = 10
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TwoFactor is the state of a user's second factor, as their account page
// and the admin's user form show it. It holds no secret but Pending.
type TwoFactor struct {
	Enabled      bool
	EnabledAt    time.Time
	RecoveryLeft int // unused recovery codes
	// Pending is the key of a set-up begun and not yet confirmed with a
	// code, for the page to show again as a QR code; "" otherwise.
	Pending string
}

// TwoFactor returns the state of user userID's second factor. A pending
// key the server cannot unwrap (totp_key.go) is left out, as if no set-up
// had begun: it is of no use, starting again replaces it, and the pages
// that show the state (the admin's user form among them) keep working.
func (s *Store) TwoFactor(ctx context.Context, userID int64) (TwoFactor, error) {
	var tf TwoFactor
	var secret string
	var enabled sql.NullTime
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT secret, enabled_at FROM user_totp WHERE user_id = ?`), userID).Scan(&secret, &enabled)
	if errors.Is(err, sql.ErrNoRows) {
		return tf, nil
	} else if err != nil {
		return tf, fmt.Errorf("store: two factor: %w", err)
	}
	if !enabled.Valid {
		if pending, err := s.openTOTP(userID, secret); err == nil {
			tf.Pending = pending
		}
		return tf, nil
	}
	tf.Enabled, tf.EnabledAt = true, enabled.Time
	if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL`), userID).
		Scan(&tf.RecoveryLeft); err != nil {
		return tf, fmt.Errorf("store: recovery codes: %w", err)
	}
	return tf, nil
}

// errTwoFactorOn refuses to set up a second factor that is on already.
var errTwoFactorOn = tiendo.Errorf(tiendo.ECONFLICT, "Xác thực hai bước đã bật cho tài khoản này. Muốn đổi sang điện thoại khác, hãy tắt rồi bật lại.")

// errTwoFactorOff is the answer when there is no second factor to turn off.
var errTwoFactorOff = tiendo.Errorf(tiendo.ENOTFOUND, "Tài khoản này chưa bật xác thực hai bước.")

// StartTwoFactor begins setting up a second factor for u: a new key,
// kept unconfirmed until EnableTwoFactor checks a code made from it. It
// returns the key (base32) for the page to show. Starting again replaces
// an unconfirmed key; a second factor that is on is refused.
func (s *Store) StartTwoFactor(ctx context.Context, u *tiendo.User) (string, error) {
	if !tiendo.Allowed(u, tiendo.ActionTwoFactor, 0) {
		return "", tiendo.Errorf(tiendo.EFORBIDDEN, "Xác thực hai bước dành cho tài khoản văn phòng, lãnh đạo và quản trị.")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: u.Username,
		Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("store: two factor key: %w", err)
	}
	var n int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0
			WHERE user_totp.enabled_at IS NULL`), u.ID, s.sealTOTP(u.ID, key.Secret()), s.now())
		if err != nil {
			return fmt.Errorf("store: start two factor: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", errTwoFactorOn
	}
	return key.Secret(), nil
}

// errBadSetupCode refuses the code that should confirm a new key.
var errBadSetupCode = &tiendo.Error{Code: tiendo.EINVALID, Message: "Mã xác thực chưa đúng, xác thực hai bước chưa được bật.",
	Fields: map[string]string{"code": "Mã không đúng. Hãy nhập 6 chữ số đang hiện trong ứng dụng xác thực (mã đổi sau mỗi 30 giây); nếu vẫn sai, hãy kiểm tra giờ trên điện thoại."}}

// EnableTwoFactor turns u's second factor on once code is right for the
// key StartTwoFactor made, and returns the recovery codes. Only their
// hashes are kept: the page shows them once.
//
// The code goes through the login throttle as a login's code does: counted
// before it is checked (ReserveLoginAttempt), so that guesses sent in a
// burst are cut off; a right one forgets the username's failures.
//
// In the same transaction every other session of u ends and all their API
// tokens are revoked (audited as end_other_sessions): whoever was logged in
// with the password alone, perhaps the one who stole it, must now log in
// with a code too. session is the secret of the session that turned it on,
// which stays.
func (s *Store) EnableTwoFactor(ctx context.Context, p ThrottlePolicy, actor Actor, u *tiendo.User, code, session string) ([]string, error) {
	if err := s.ReserveLoginAttempt(ctx, p, u.Username, actor.Address); err != nil {
		return nil, err
	}
	codes := make([]string, RecoveryCodes)
	for i := range codes {
		codes[i] = newRecoveryCode()
	}
	now := s.now()
	wrong := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		wrong = false
		var stored string
		var enabled sql.NullTime
		err := tx.QueryRowContext(ctx, s.q(`SELECT secret, enabled_at FROM user_totp WHERE user_id = ?`+s.lockChain()), u.ID).Scan(&stored, &enabled)
		if errors.Is(err, sql.ErrNoRows) {
			return tiendo.Errorf(tiendo.EINVALID, "Chưa có mã QR nào đang chờ xác nhận; hãy bấm “Bắt đầu” để tạo mã mới.")
		} else if err != nil {
			return fmt.Errorf("store: enable two factor: %w", err)
		}
		if enabled.Valid {
			return errTwoFactorOn
		}
		secret, err := s.openTOTP(u.ID, stored)
		if err != nil {
			return err
		}
		step, ok := matchTOTP(secret, code, now, 0)
		if !ok {
			wrong = true
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE user_totp SET enabled_at = ?, last_step = ? WHERE user_id = ?`), now, step, u.ID); err != nil {
			return fmt.Errorf("store: enable two factor: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM totp_recovery_codes WHERE user_id = ?`), u.ID); err != nil {
			return fmt.Errorf("store: recovery codes: %w", err)
		}
		for _, c := range codes {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES (?, ?)`),
				u.ID, recoveryHash(u.ID, c)); err != nil {
				return fmt.Errorf("store: recovery codes: %w", err)
			}
		}
		if err := s.audit(ctx, tx, actor, "totp_enable", "user", u.ID, nil, map[string]int{"recovery_codes": len(codes)}); err != nil {
			return err
		}
		return s.endOtherSessions(ctx, tx, actor, u.ID, session)
	})
	if err != nil {
		return nil, err
	}
	if wrong {
		e := *errBadSetupCode
		if terr := s.CheckLogin(ctx, p, u.Username, actor.Address); tiendo.ErrorCode(terr) == tiendo.ETHROTTLED {
			e.Message += " " + tiendo.ErrorMessage(terr)
		} else if terr != nil {
			return nil, terr
		}
		return nil, &e
	}
	if err := s.LoginSucceeded(ctx, u.Username); err != nil {
		return nil, err
	}
	return codes, nil
}

// endOtherSessions ends, in tx, every session of user userID but the one
// whose cookie holds keep, and all their API tokens, and audits how many.
func (s *Store) endOtherSessions(ctx context.Context, tx *sql.Tx, actor Actor, userID int64, keep string) error {
	res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`), userID, hashSecret(keep))
	if err != nil {
		return fmt.Errorf("store: end other sessions: %w", err)
	}
	sessions, _ := res.RowsAffected()
	if res, err = tx.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("store: end other sessions: %w", err)
	}
	tokens, _ := res.RowsAffected()
	return s.audit(ctx, tx, actor, "end_other_sessions", "user", userID, nil, map[string]int64{"sessions": sessions, "tokens": tokens})
}

// DisableTwoFactor turns user userID's second factor off, at the user's
// own request: the caller has checked their password and a code.
func (s *Store) DisableTwoFactor(ctx context.Context, actor Actor, userID int64) error {
	return s.removeTwoFactor(ctx, actor, userID, "totp_disable")
}

// ResetTwoFactor is an administrator turning user userID's second factor
// off, for a lost phone with its recovery codes: the user logs in with the
// password alone and may set it up again.
func (s *Store) ResetTwoFactor(ctx context.Context, actor Actor, userID int64) error {
	return s.removeTwoFactor(ctx, actor, userID, "totp_reset")
}

func (s *Store) removeTwoFactor(ctx context.Context, actor Actor, userID int64, action string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL`), userID)
		if err != nil {
			return fmt.Errorf("store: turn off two factor: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errTwoFactorOff
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM totp_recovery_codes WHERE user_id = ?`), userID); err != nil {
			return fmt.Errorf("store: turn off two factor: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM pending_logins WHERE user_id = ?`), userID); err != nil {
			return fmt.Errorf("store: turn off two factor: %w", err)
		}
		return s.audit(ctx, tx, actor, action, "user", userID, map[string]bool{"totp": true}, map[string]bool{"totp": false})
	})
}

// twoFactorOn reports whether user userID's second factor is on.
func (s *Store) twoFactorOn(ctx context.Context, userID int64) (bool, error) {
	var on bool
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL)`), userID).Scan(&on)
	if err != nil {
		return false, fmt.Errorf("store: two factor: %w", err)
	}
	return on, nil
}

// badCodeMessage is the answer to a wrong second-factor code, whichever kind.
const badCodeMessage = "Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã 6 chữ số mới nhất trong ứng dụng xác thực, hoặc một mã dự phòng chưa dùng."

// CheckSecondFactor checks code, from u's authenticator app or one of
// their recovery codes, throttled as a password is: a locked username or
// address is refused first (ETHROTTLED); a wrong code counts as a failed
// login (EUNAUTHORIZED); a right one clears the username's count. A TOTP
// code is good once, and so is a recovery code, which is audited when used.
func (s *Store) CheckSecondFactor(ctx context.Context, p ThrottlePolicy, u *tiendo.User, code, address string) error {
	// Counted before it is checked: codes sent at once cannot all be
	// checked before the first failure is counted.
	if err := s.ReserveLoginAttempt(ctx, p, u.Username, address); err != nil {
		return err
	}
	ok := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		ok, err = s.useSecondFactor(ctx, tx, Actor{UserID: u.ID, Address: address}, u.ID, code)
		return err
	})
	if err != nil {
		return err
	}
	if !ok {
		return s.wrongCode(ctx, p, u, address)
	}
	return s.LoginSucceeded(ctx, u.Username)
}

// wrongCode is the answer to a wrong second-factor code (counted already by
// ReserveLoginAttempt), with how long the next must wait when it must.
func (s *Store) wrongCode(ctx context.Context, p ThrottlePolicy, u *tiendo.User, address string) error {
	msg := badCodeMessage
	if terr := s.CheckLogin(ctx, p, u.Username, address); tiendo.ErrorCode(terr) == tiendo.ETHROTTLED {
		msg += " " + tiendo.ErrorMessage(terr)
	} else if terr != nil {
		return terr
	}
	return tiendo.Errorf(tiendo.EUNAUTHORIZED, "%s", msg)
}

// useSecondFactor spends code for user userID in tx if it is good: a TOTP
// code for a step later than the last one used, or an unused recovery code.
func (s *Store) useSecondFactor(ctx context.Context, tx *sql.Tx, actor Actor, userID int64, code string) (bool, error) {
	code = normalizeCode(code)
	if code == "" {
		return false, nil
	}
	now := s.now()
	if isTOTPCode(code) {
		var stored string
		var last int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT secret, last_step FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL`+s.lockChain()), userID).
			Scan(&stored, &last)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		} else if err != nil {
			return false, fmt.Errorf("store: second factor: %w", err)
		}
		// A key the server cannot unwrap is an error for the
		// administrator to fix, not a wrong code (a recovery code, below,
		// needs no key).
		secret, err := s.openTOTP(userID, stored)
		if err != nil {
			return false, err
		}
		step, good := matchTOTP(secret, code, now, last)
		if !good {
			return false, nil
		}
		// The condition on last_step makes two instances checking the
		// same code at once agree: only one write succeeds.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?`), step, userID, step)
		if err != nil {
			return false, fmt.Errorf("store: second factor: %w", err)
		}
		n, _ := res.RowsAffected()
		return n == 1, nil
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE totp_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL
		AND EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = totp_recovery_codes.user_id AND t.enabled_at IS NOT NULL)`),
		now, userID, recoveryHash(userID, code))
	if err != nil {
		return false, fmt.Errorf("store: recovery code: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	var left int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL`), userID).Scan(&left); err != nil {
		return false, fmt.Errorf("store: recovery code: %w", err)
	}
	return true, s.audit(ctx, tx, actor, "totp_recovery_used", "user", userID, nil, map[string]int{"recovery_codes_left": left})
}

// matchTOTP finds the step, within the skew around now and later than
// after, whose code is code.
func matchTOTP(secret, code string, now time.Time, after int64) (int64, bool) {
	code = normalizeCode(code)
	if !isTOTPCode(code) {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for step := cur - totpSkew; step <= cur+totpSkew; step++ {
		if step <= after {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// normalizeCode drops what people type around a code (spaces, dashes) and
// lowercases a recovery code.
func normalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\u00a0':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, code)
}

func isTOTPCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// recoveryAlphabet leaves out letters read as digits (i, l, o) and digits
// read as letters (0, 1): a code is copied from paper.
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// newRecoveryCode returns a code such as "k7m2q-x9fhd": ten characters
// from a 31-letter alphabet, about 50 bits, far past what the throttle lets
// anyone guess.
func newRecoveryCode() string {
	b := make([]byte, 10)
	rand.Read(b)
	out := make([]byte, 0, 11)
	for i, c := range b {
		if i == 5 {
			out = append(out, '-')
		}
		// 256 % 31 = 8: the first eight letters come up one time in 256 more
		// often than the rest, which costs a fraction of a bit.
		out = append(out, recoveryAlphabet[int(c)%len(recoveryAlphabet)])
	}
	return string(out)
}

// recoveryHash is what the database keeps of a recovery code: a hash under
// the user's ID, so that the same code for two users is two hashes.
func recoveryHash(userID int64, code string) string {
	return hashSecret(fmt.Sprintf("tiendo recovery %d:%s", userID, normalizeCode(code)))
}

// ErrPendingLoginExpired is the answer to a second step that comes too
// late, or without the first: the login starts again with the password.
var ErrPendingLoginExpired = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Đã quá 5 phút kể từ khi bạn nhập mật khẩu, hoặc phiên đăng nhập này không còn. Vui lòng đăng nhập lại từ đầu.")

// PendingLoginCodes is how many wrong codes end a pending login: the user
// must then type the password again.
const PendingLoginCodes = 5

// ErrPendingLoginCodes is the answer to the wrong code that ended a
// pending login (PendingLoginCodes).
var ErrPendingLoginCodes = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Bạn đã nhập sai mã xác thực %d lần nên lần đăng nhập này đã bị hủy. Vui lòng nhập lại mật khẩu để đăng nhập từ đầu, rồi nhập mã mới nhất trong ứng dụng xác thực.", PendingLoginCodes)

// StartPendingLogin records that user userID gave the right password from
// address and has the second step still to do; it returns the secret for
// the browser's cookie. Pending logins that ran out are cleared on the way.
func (s *Store) StartPendingLogin(ctx context.Context, userID int64, address string) (string, error) {
	secret, hash := newSecret()
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM pending_logins WHERE expires_at < ?`), now); err != nil {
			return fmt.Errorf("store: pending login: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO pending_logins (token_hash, user_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)`),
			hash, userID, now, now.Add(PendingLoginAge), address); err != nil {
			return fmt.Errorf("store: pending login: %w", err)
		}
		return nil
	})
	return secret, err
}

// PendingLoginUser returns the user of the pending login whose cookie holds
// secret, or ErrPendingLoginExpired.
func (s *Store) PendingLoginUser(ctx context.Context, secret string) (*tiendo.User, error) {
	if secret == "" {
		return nil, ErrPendingLoginExpired
	}
	var expires time.Time
	u, err := scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumnsOf+`, p.expires_at
		FROM pending_logins p JOIN users u ON u.id = p.user_id WHERE p.token_hash = ?`), hashSecret(secret)), &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrPendingLoginExpired
	} else if err != nil {
		return nil, fmt.Errorf("store: pending login: %w", err)
	}
	if !s.now().Before(expires) {
		return nil, ErrPendingLoginExpired
	}
	if u.Disabled {
		return nil, ErrAccountLocked
	}
	u.TwoFactor = true
	return u, nil
}

// FinishLogin is a login's second step: code for the pending login whose
// cookie holds pending, throttled as CheckSecondFactor is. When it is right
// the pending login ends and a session begins, whose secret it returns; a
// wrong code is counted on the pending login too, which ends at the
// PendingLoginCodes-th (ErrPendingLoginCodes): the password again.
//
// The pending login is claimed, the code spent and the session made in one
// transaction, over the pending login's row locked: of two codes sent at
// once for one pending login, right or not, exactly one is checked against
// it first; once one has finished it, the other finds it gone
// (ErrPendingLoginExpired) and spends nothing, not even a recovery code.
func (s *Store) FinishLogin(ctx context.Context, p ThrottlePolicy, pending, code, address, userAgent string) (*tiendo.User, string, error) {
	u, err := s.PendingLoginUser(ctx, pending)
	if err != nil {
		return nil, "", err
	}
	// Counted before it is checked, as in CheckSecondFactor.
	if err := s.ReserveLoginAttempt(ctx, p, u.Username, address); err != nil {
		return nil, "", err
	}
	hash := hashSecret(pending)
	var session string
	var ok, ended bool
	err = s.tx(ctx, func(tx *sql.Tx) error {
		session, ok, ended = "", false, false
		// The user's key first, then the pending login: the order
		// removeTwoFactor takes them in, so that the two never wait on
		// each other (PostgreSQL).
		var id int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT user_id FROM user_totp WHERE user_id = ?`+s.lockChain()), u.ID).Scan(&id); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: finish login: %w", err)
		}
		var wrong int
		var expires time.Time
		err := tx.QueryRowContext(ctx, s.q(`SELECT wrong_codes, expires_at FROM pending_logins WHERE token_hash = ? AND user_id = ?`+s.lockChain()), hash, u.ID).
			Scan(&wrong, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrPendingLoginExpired // finished meanwhile, here or on another instance
		} else if err != nil {
			return fmt.Errorf("store: finish login: %w", err)
		}
		if !s.now().Before(expires) {
			return ErrPendingLoginExpired
		}
		if ok, err = s.useSecondFactor(ctx, tx, Actor{UserID: u.ID, Address: address}, u.ID, code); err != nil {
			return err
		}
		switch {
		case !ok && wrong+1 < PendingLoginCodes:
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE pending_logins SET wrong_codes = wrong_codes + 1 WHERE token_hash = ?`), hash); err != nil {
				return fmt.Errorf("store: finish login: %w", err)
			}
			return nil
		case !ok:
			ended = true
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM pending_logins WHERE token_hash = ?`), hash)
		if err != nil {
			return fmt.Errorf("store: finish login: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrPendingLoginExpired
		}
		if ended {
			return nil
		}
		session, err = s.createSession(ctx, tx, u.ID, address, userAgent)
		return err
	})
	switch {
	case err != nil:
		return nil, "", err
	case ended:
		return nil, "", ErrPendingLoginCodes
	case !ok:
		return nil, "", s.wrongCode(ctx, p, u, address)
	}
	if err := s.LoginSucceeded(ctx, u.Username); err != nil {
		return nil, "", err
	}
	return u, session, nil
}
