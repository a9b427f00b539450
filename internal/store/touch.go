package store

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	flush   sync.Mutex  // one writer of the notes at a time
	failing atomic.Bool // the last write failed, and was reported
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
		t.timer = time.AfterFunc(touchDelay, s.flushOnTimer)
	}
}

// flushTouches writes the noted last-use times. What it could not write
// is noted again for the next try, unless newer notes came meanwhile.
func (s *Store) flushTouches(ctx context.Context) error {
	t := &s.touches
	t.flush.Lock()
	defer t.flush.Unlock()
	return s.flushLocked(ctx)
}

// flushTouchesIfIdle writes what is waiting unless a write of the notes is
// already under way, and says nothing of a failure: the lists that call it
// show what the database has either way, a second older at worst.
func (s *Store) flushTouchesIfIdle(ctx context.Context) {
	t := &s.touches
	if !t.flush.TryLock() {
		return
	}
	defer t.flush.Unlock()
	s.flushLocked(ctx)
}

// flushLocked is flushTouches with s.touches.flush held.
func (s *Store) flushLocked(ctx context.Context) error {
	t := &s.touches
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
	failed, err := s.writeTouches(ctx, batch)
	if err != nil {
		// Tried again at the next tick, for a while: a note older than
		// touchKeep is dropped, as the next request of a session or
		// token in use notes it again.
		now := s.now()
		t.mu.Lock()
		for k, at := range failed {
			if now.Sub(at) < touchKeep {
				s.noteLocked(k, at)
			}
		}
		t.mu.Unlock()
		if !t.failing.Swap(true) { // say it once, not every second
			slog.Warn("store: last-use times of sessions and tokens not written; trying again", "err", err)
		}
		return fmt.Errorf("store: last use: %w", err)
	}
	t.failing.Store(false)
	return nil
}

// flushOnTimer is the timer's write of the notes, bounded in time so that a
// database that does not answer cannot hold the notes' lock for long.
func (s *Store) flushOnTimer() {
	ctx, cancel := context.WithTimeout(context.Background(), touchWriteTimeout)
	defer cancel()
	s.flushTouches(ctx)
}

const (
	touchWriteTimeout = 10 * time.Second
	touchKeep         = 10 * time.Minute // how long a note that could not be written is tried again
)

// writeTouches writes batch, grouping the hashes that share a table and a
// time into one UPDATE. Times are kept to the second, which is all the
// account page shows, so that a busy second makes one group. It returns
// the notes of the groups it could not write.
//
// Each UPDATE commits by itself and takes no lock it would wait for: on
// PostgreSQL it skips the rows another transaction holds (a logout, or
// another instance writing its own notes of the same sessions), whose note
// is then not needed or not the newest, and never moves a time backwards.
// Two instances writing their notes at once therefore cannot deadlock, and
// a row held elsewhere cannot hold the notes up.
func (s *Store) writeTouches(ctx context.Context, batch map[touchKey]time.Time) (map[touchKey]time.Time, error) {
	type group struct {
		table string
		at    time.Time
	}
	groups := map[group][]string{}
	for k, at := range batch {
		g := group{k.table, at.Truncate(time.Second)}
		groups[g] = append(groups[g], k.hash)
	}
	var failed map[touchKey]time.Time
	var firstErr error
	for g, hashes := range groups {
		column := "last_used_at"
		if g.table == "sessions" {
			column = "last_seen_at"
		}
		slices.Sort(hashes)
		for len(hashes) > 0 {
			n := min(len(hashes), maxTouchesPerStatement)
			args := []any{g.at}
			for _, h := range hashes[:n] {
				args = append(args, h)
			}
			in := `token_hash IN (?` + strings.Repeat(", ?", n-1) + `)`
			query := `UPDATE ` + g.table + ` SET ` + column + ` = ? WHERE ` + in
			if s.dialect == postgres {
				query = `UPDATE ` + g.table + ` SET ` + column + ` = ? WHERE token_hash IN (SELECT token_hash FROM ` + g.table +
					` WHERE ` + in + ` AND (` + column + ` IS NULL OR ` + column + ` < ?) FOR UPDATE SKIP LOCKED)`
				args = append(args, g.at)
			}
			if err := s.execWrite(ctx, s.q(query), args...); err != nil {
				if firstErr == nil {
					firstErr = err
				}
				if failed == nil {
					failed = map[touchKey]time.Time{}
				}
				for _, h := range hashes[:n] {
					k := touchKey{g.table, h}
					failed[k] = batch[k]
				}
			}
			hashes = hashes[n:]
		}
	}
	return failed, firstErr
}

// closeTouches takes no more notes and writes what is waiting, for a short
// while at most: the process is stopping.
func (s *Store) closeTouches() {
	t := &s.touches
	t.mu.Lock()
	t.closed = true
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	s.flushTouches(ctx)
}
