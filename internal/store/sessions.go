package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"tiendo"
)

// Session lifetimes. A session ends after IdleTimeout without a request, or
// after MaxSessionAge whatever happens. Sessions live in the database so that
// any app instance can serve any request.
const (
	IdleTimeout   = 8 * time.Hour
	MaxSessionAge = 7 * 24 * time.Hour
	TokenLifetime = 90 * 24 * time.Hour

	// touchEvery limits how often a busy session's last-seen time is written.
	touchEvery = time.Minute
)

var errNoSession = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")

// newSecret returns a random secret for a cookie or token and the hash the
// database keeps: a stolen copy of the database opens no session.
func newSecret() (secret, hash string) {
	secret = rand.Text()
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for user userID and returns the secret to
// put in the cookie.
func (s *Store) CreateSession(ctx context.Context, userID int64, address, userAgent string) (string, error) {
	var secret string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		secret, err = s.createSession(ctx, tx, userID, address, userAgent)
		return err
	})
	return secret, err
}

// createSession is CreateSession in tx: FinishLogin ends the pending login
// in the same transaction.
func (s *Store) createSession(ctx context.Context, tx *sql.Tx, userID int64, address, userAgent string) (string, error) {
	secret, hash := newSecret()
	now := s.now()
	if len(userAgent) > 256 {
		userAgent = userAgent[:256]
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), hash, userID, now, now, now.Add(MaxSessionAge), address, userAgent)
	if err != nil {
		return "", fmt.Errorf("store: create session: %w", err)
	}
	return secret, s.audit(ctx, tx, Actor{UserID: userID, Address: address}, "login", "user", userID, nil, nil)
}

// hasSubunits is a column telling whether the user's unit has units under
// it, read with the user so that a commune's request needs no second query.
const hasSubunits = `EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.unit_id)`

// unitCode is a column holding the code of the user's unit (empty if none),
// read with the user so that a request naming that unit needs no lookup.
const unitCode = `COALESCE((SELECT c.code FROM units c WHERE c.id = u.unit_id), '')`

// SessionUser returns the user of the session whose cookie holds secret, and
// keeps the session alive.
func (s *Store) SessionUser(ctx context.Context, secret string) (*tiendo.User, error) {
	if secret == "" {
		return nil, errNoSession
	}
	hash := hashSecret(secret)
	var lastSeen, expires time.Time
	var parent bool
	var code string
	u, err := scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumnsOf+`, s.last_seen_at, s.expires_at, `+hasSubunits+`, `+unitCode+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`), hash), &lastSeen, &expires, &parent, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession
	} else if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	now := s.now()
	if u.Disabled {
		// Locking the account expired this session (lockSessions); the
		// browser is told why, once.
		s.DeleteSession(ctx, secret)
		return nil, ErrAccountLocked
	}
	if now.After(expires) || now.Sub(lastSeen) > IdleTimeout {
		s.DeleteSession(ctx, secret)
		return nil, errNoSession
	}
	if now.Sub(lastSeen) > touchEvery {
		s.touch("sessions", hash, now) // written a moment later, with others (touch.go)
	}
	u.UnitCode = code
	if !parent {
		return u, nil // most units have none under them: no second query
	}
	return s.withSubunits(ctx, u)
}

// DeleteSession ends the session whose cookie holds secret.
func (s *Store) DeleteSession(ctx context.Context, secret string) error {
	if err := s.execWrite(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ?`), hashSecret(secret)); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

func (s *Store) endSessions(ctx context.Context, tx *sql.Tx, userID int64) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("store: end sessions: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("store: end tokens: %w", err)
	}
	// A login waiting for its code was begun with the password of before.
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM pending_logins WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("store: end pending logins: %w", err)
	}
	return nil
}

// CreateToken issues an API token for user userID and returns its secret.
// Only the hash is kept: the secret is shown once.
func (s *Store) CreateToken(ctx context.Context, userID int64, address string) (string, time.Time, error) {
	secret, hash := newSecret()
	secret = "tdo_" + secret
	hash = hashSecret(secret)
	now := s.now()
	expires := now.Add(TokenLifetime)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// No token for a user who must change their password: it would
		// open nothing (TokenUser), so say why now. The check rides on the
		// INSERT, with no statement of its own.
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at)
			SELECT ?, id, ?, ? FROM users WHERE id = ? AND NOT must_change_password`),
			hash, now, expires, userID)
		if err != nil {
			return fmt.Errorf("store: create token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: create token: %w", err)
		} else if n == 0 {
			return ErrMustChangePassword
		}
		return s.audit(ctx, tx, Actor{UserID: userID, Address: address}, "create_token", "user", userID, nil, nil)
	})
	return secret, expires, err
}

// ErrMustChangePassword refuses the API to a user who still has the
// password an administrator set (tiendo.User.MustChangePassword): the API
// has no way to change it, so they must do it on the pages first.
var ErrMustChangePassword = tiendo.Errorf(tiendo.EFORBIDDEN, "Tài khoản của bạn đang dùng mật khẩu do quản trị viên đặt. "+
	"Hãy đăng nhập trang web và đặt mật khẩu mới (trang “Tài khoản của tôi”) trước khi dùng API; sau đó xin mã truy cập mới qua POST /api/v1/tokens.")

var errBadToken = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Mã truy cập (token) không hợp lệ hoặc đã hết hạn; hãy lấy mã mới qua POST /api/v1/tokens.")

// TokenUser returns the user of an API token.
func (s *Store) TokenUser(ctx context.Context, secret string) (*tiendo.User, error) {
	if secret == "" {
		return nil, errBadToken
	}
	var expires time.Time
	var used sql.NullTime
	hash := hashSecret(secret)
	var parent bool
	var code string
	u, err := scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumnsOf+`, t.expires_at, t.last_used_at, `+hasSubunits+`, `+unitCode+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`), hash), &expires, &used, &parent, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadToken
	} else if err != nil {
		return nil, fmt.Errorf("store: token: %w", err)
	}
	now := s.now()
	if u.Disabled || now.After(expires) {
		return nil, errBadToken
	}
	if u.MustChangePassword {
		// An administrator asked for a new password while this token was
		// out ("tiendo user must-change"); changing it ends the token.
		return nil, ErrMustChangePassword
	}
	// The last use is shown beside the token so that its owner can tell a
	// forgotten one from one in use; noted at most once a minute, and
	// written a moment later with others (touch.go).
	if !used.Valid || now.Sub(used.Time) > touchEvery {
		s.touch("api_tokens", hash, now)
	}
	u.UnitCode = code
	if !parent {
		return u, nil // most units have none under them: no second query
	}
	return s.withSubunits(ctx, u)
}
