package store

import (
	"context"
	"time"
)

// For store_test's tests of the last-use notes (touch.go), on both stores.

// NoteSessionUse notes a use of the session whose cookie holds secret.
func (s *Store) NoteSessionUse(secret string, at time.Time) {
	s.touch("sessions", hashSecret(secret), at)
}

// FlushUses writes the noted uses now.
func (s *Store) FlushUses(ctx context.Context) error { return s.flushTouches(ctx) }
