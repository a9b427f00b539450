package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// Notes that cannot be written are tried again, but not for ever: one
// older than touchKeep is dropped, and the failure leaves the store usable.
func TestUnwrittenNotesAreKeptForAWhile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "touch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	// Writes to the table fail from now on.
	if err := s.execWrite(ctx, `ALTER TABLE sessions RENAME TO sessions_gone`); err != nil {
		t.Fatal(err)
	}
	s.touch("sessions", "fresh", now.Add(-time.Minute))
	s.touch("sessions", "stale", now.Add(-touchKeep-time.Second))
	if err := s.flushTouches(ctx); err == nil {
		t.Fatal("writing into a missing table did not fail")
	}
	s.touches.mu.Lock()
	_, fresh := s.touches.pending[touchKey{"sessions", "fresh"}]
	_, stale := s.touches.pending[touchKey{"sessions", "stale"}]
	s.touches.mu.Unlock()
	if !fresh || stale {
		t.Errorf("after a failed write: fresh note kept %v (want true), stale note kept %v (want false)", fresh, stale)
	}
	if err := s.execWrite(ctx, `ALTER TABLE sessions_gone RENAME TO sessions`); err != nil {
		t.Fatal(err)
	}
	if err := s.flushTouches(ctx); err != nil {
		t.Errorf("once the table is back: %v", err)
	}
}
