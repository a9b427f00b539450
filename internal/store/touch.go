package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Last-use times. A session's last request (sessions.last_seen_at) and an
// API token's last use (api_tokens.last_used_at) are written at most once a
// minute each (touchEvery), and not by the request that uses them: the
// request notes the time here and goes on, and the notes are written
// together touchDelay later, one statement for the many sessions and
// tokens seen in the same second.
//
// At a deadline every unit's first request after its login would otherwise
// wait for a commit of its own just to say "used now": a third of the
// writes of a rush. What the notes say is for people: the account page
// shows when a session or token was last used, and a session ends after
// IdleTimeout (hours) without one. Being written a second late, or lost
// when the process dies before writing them, changes neither. The lists
// that show them (Sessions, Tokens) write what is waiting first, and Close
// writes what is left.
const touchDelay = time.Second

// maxTouchesPerStatement bounds the placeholders of one UPDATE (SQLite
// allows 32,766; PostgreSQL 65,535).
const maxTouchesPerStatement = 500

type touchKey struct {
	table string // "sessions" or "api_tokens"
	hash  string // token_hash
}

// touches holds the last-use times not yet written.
type touches struct {
	mu      sync.Mutex
	pending map[touchKey]time.Time
	timer   *time.Timer
	closed  bool
	flush   sync.Mutex // one writer of the notes at a time
}

// touch notes that the session or token whose hash is hash was used at at.
func (s *Store) touch(table, hash string, at time.Time) {
	t := &s.touches
	t.mu.Lock()
	defer t.mu.Unlock()
	s.noteLocked(touchKey{table, hash}, at)
}

// noteLocked keeps at for k unless a later time is kept, and sets the
// timer that writes the notes. s.touches.mu is held.
func (s *Store) noteLocked(k touchKey, at time.Time) {
	t := &s.touches
	if t.closed {
		return
	}
	if t.pending == nil {
		t.pending = map[touchKey]time.Time{}
	}
	if old, ok := t.pending[k]; !ok || at.After(old) {
		t.pending[k] = at
	}
	if t.timer == nil {
		t.timer = time.AfterFunc(touchDelay, func() { s.flushTouches(context.Background()) })
	}
}

// flushTouches writes the noted last-use times. If the write fails, they
// are noted again for the next try, unless newer ones came meanwhile.
func (s *Store) flushTouches(ctx context.Context) error {
	t := &s.touches
	t.flush.Lock()
	defer t.flush.Unlock()
	t.mu.Lock()
	batch := t.pending
	t.pending = nil
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error { return s.writeTouches(ctx, tx, batch) })
	if err != nil {
		t.mu.Lock()
		for k, at := range batch {
			s.noteLocked(k, at)
		}
		t.mu.Unlock()
		return fmt.Errorf("store: last use: %w", err)
	}
	return nil
}

// writeTouches writes batch in tx, grouping the hashes that share a table
// and a time into one UPDATE. Times are kept to the second, which is all
// the account page shows, so that a busy second makes one group.
func (s *Store) writeTouches(ctx context.Context, tx *sql.Tx, batch map[touchKey]time.Time) error {
	type group struct {
		table string
		at    time.Time
	}
	groups := map[group][]any{}
	var order []group
	for k, at := range batch {
		g := group{k.table, at.Truncate(time.Second)}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], k.hash)
	}
	for _, g := range order {
		column := "last_used_at"
		if g.table == "sessions" {
			column = "last_seen_at"
		}
		hashes := groups[g]
		for len(hashes) > 0 {
			n := min(len(hashes), maxTouchesPerStatement)
			args := append([]any{g.at}, hashes[:n]...)
			query := `UPDATE ` + g.table + ` SET ` + column + ` = ? WHERE token_hash IN (?` + strings.Repeat(", ?", n-1) + `)`
			if _, err := tx.ExecContext(ctx, s.q(query), args...); err != nil {
				return err
			}
			hashes = hashes[n:]
		}
	}
	return nil
}

// closeTouches writes what is waiting and takes no more notes.
func (s *Store) closeTouches() {
	s.flushTouches(context.Background())
	t := &s.touches
	t.mu.Lock()
	t.closed = true
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.pending = nil
	t.mu.Unlock()
}
