package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"tiendo"
)

// APIToken is what may be shown of an API token: never its secret, which
// is not kept, nor its hash.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	Current    bool       `json:"current"` // the token the request was made with
}

// Session is what a user sees of one of their sessions.
type Session struct {
	Key        string // names the session to EndSession; neither its secret nor its hash
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	Address    string
	UserAgent  string
	Current    bool // the session the request was made with
}

// Sessions returns the live sessions of user userID, newest first, marking
// the one whose cookie holds current.
func (s *Store) Sessions(ctx context.Context, userID int64, current string) ([]Session, error) {
	s.flushTouchesIfIdle(ctx)
	now := s.now()
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT token_hash, created_at, last_seen_at, expires_at, address, user_agent
		FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC`),
		userID, now, now.Add(-IdleTimeout))
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	cur := hashSecret(current)
	var out []Session
	for rows.Next() {
		var x Session
		var hash string
		if err := rows.Scan(&hash, &x.CreatedAt, &x.LastSeenAt, &x.ExpiresAt, &x.Address, &x.UserAgent); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		x.Key = sessionKey(hash)
		x.Current = current != "" && hash == cur
		out = append(out, x)
	}
	return out, rows.Err()
}

// sessionKey derives a session's Key from the hash the database keeps. The
// key goes into a page and its links, where the hash must not: it is a hash
// of the hash, under a prefix of its own so that it is no hash the store
// keeps anywhere else, and short, since it only has to tell apart the few
// sessions of one user.
func sessionKey(hash string) string {
	sum := sha256.Sum256([]byte("tiendo session key:" + hash))
	return hex.EncodeToString(sum[:8])
}

// SessionKey returns the Key of the session whose cookie holds secret, so
// that a page can tell whether the session it ends is its own.
func SessionKey(secret string) string { return sessionKey(hashSecret(secret)) }

var errNoSessionKey = tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy phiên đăng nhập này; có thể phiên đã hết hạn hoặc đã đăng xuất.")

// EndSession ends the live session of user userID whose Key is key ("Đăng
// xuất" beside it on the account page: a computer left logged in at the
// office), and no other session or API token. The user may end their own
// sessions, and a user who manages users anyone's; another user's session
// is "not found", as an unknown key is, so the answer tells nothing of
// other users' sessions.
func (s *Store) EndSession(ctx context.Context, actor Actor, by *tiendo.User, userID int64, key string) error {
	if by == nil || (by.ID != userID && !tiendo.Allowed(by, tiendo.ActionManageUsers, 0)) {
		return errNoSessionKey
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		x, hash, err := s.findSession(ctx, tx, userID, key)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ? AND user_id = ?`), hash, userID); err != nil {
			return fmt.Errorf("store: end session: %w", err)
		}
		// Where and in what the session was open, so that the log says
		// which one was ended; never its hash.
		return s.audit(ctx, tx, actor, "end_session", "user", userID, nil, map[string]string{"address": x.Address, "user_agent": x.UserAgent})
	})
}

// findSession returns the live session of user userID whose Key is key, and
// its hash. The key is derived in Go, so the user's few sessions are read
// and matched here rather than looked up by the database.
func (s *Store) findSession(ctx context.Context, tx *sql.Tx, userID int64, key string) (Session, string, error) {
	now := s.now()
	rows, err := tx.QueryContext(ctx, s.q(`SELECT token_hash, address, user_agent
		FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ?`), userID, now, now.Add(-IdleTimeout))
	if err != nil {
		return Session{}, "", fmt.Errorf("store: end session: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x Session
		var hash string
		if err := rows.Scan(&hash, &x.Address, &x.UserAgent); err != nil {
			return Session{}, "", fmt.Errorf("store: end session: %w", err)
		}
		if sessionKey(hash) == key {
			return x, hash, nil
		}
	}
	if err := rows.Err(); err != nil {
		return Session{}, "", fmt.Errorf("store: end session: %w", err)
	}
	return Session{}, "", errNoSessionKey
}

// Tokens returns the unexpired API tokens of user userID, newest first,
// marking the one whose secret is current.
func (s *Store) Tokens(ctx context.Context, userID int64, current string) ([]APIToken, error) {
	s.flushTouchesIfIdle(ctx)
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id, token_hash, user_id, created_at, expires_at, last_used_at
		FROM api_tokens WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id DESC`), userID, s.now())
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	cur := hashSecret(current)
	out := []APIToken{}
	for rows.Next() {
		var t APIToken
		var hash string
		var used sql.NullTime
		if err := rows.Scan(&t.ID, &hash, &t.UserID, &t.CreatedAt, &t.ExpiresAt, &used); err != nil {
			return nil, fmt.Errorf("store: tokens: %w", err)
		}
		if used.Valid {
			t.LastUsedAt = &used.Time
		}
		t.Current = current != "" && hash == cur
		out = append(out, t)
	}
	return out, rows.Err()
}

var errNoToken = tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy mã truy cập (token) này; có thể nó đã bị thu hồi hoặc hết hạn.")

// RevokeToken ends API token id. A user may revoke their own tokens, and a
// user who manages users anyone's; another user's token is "not found", so
// the answer does not tell which IDs exist.
func (s *Store) RevokeToken(ctx context.Context, actor Actor, by *tiendo.User, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT user_id FROM api_tokens WHERE id = ?`), id).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoToken
		} else if err != nil {
			return fmt.Errorf("store: revoke token: %w", err)
		}
		if by == nil || (owner != by.ID && !tiendo.Allowed(by, tiendo.ActionManageUsers, 0)) {
			return errNoToken
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE id = ?`), id); err != nil {
			return fmt.Errorf("store: revoke token: %w", err)
		}
		return s.audit(ctx, tx, actor, "revoke_token", "user", owner, nil, map[string]int64{"token_id": id})
	})
}

// LogoutEverywhere ends every session and API token of user userID ("Đăng
// xuất mọi nơi"), and says how many of each it ended. The user may do it
// for themselves, and a user who manages users for anyone.
func (s *Store) LogoutEverywhere(ctx context.Context, actor Actor, by *tiendo.User, userID int64) (sessions, tokens int64, err error) {
	if by == nil || (by.ID != userID && !tiendo.Allowed(by, tiendo.ActionManageUsers, 0)) {
		return 0, 0, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ có thể đăng xuất mọi nơi cho chính tài khoản của mình.")
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var exists int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM users WHERE id = ?`), userID).Scan(&exists); err != nil {
			return notFound(err, "Không tìm thấy người dùng.")
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), userID)
		if err != nil {
			return fmt.Errorf("store: logout everywhere: %w", err)
		}
		sessions, _ = res.RowsAffected()
		if res, err = tx.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE user_id = ?`), userID); err != nil {
			return fmt.Errorf("store: logout everywhere: %w", err)
		}
		tokens, _ = res.RowsAffected()
		return s.audit(ctx, tx, actor, "logout_everywhere", "user", userID, nil, map[string]int64{"sessions": sessions, "tokens": tokens})
	})
	return sessions, tokens, err
}
