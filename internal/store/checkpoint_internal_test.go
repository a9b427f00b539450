package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"tiendo"
)

// The writer leaves checkpoints to the checkpointer: its own threshold is
// the backstop, and after some commits the checkpointer copies the whole
// log back into the database file.
func TestCheckpointerTakesCheckpointsOffTheWriter(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var pages int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages != walBackstop {
		t.Errorf("the writer checkpoints itself after %d pages, want the backstop %d", pages, walBackstop)
	}
	for i := range 50 {
		u := &tiendo.Unit{Code: "u" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Name: "Đơn vị"}
		if err := s.CreateUnit(ctx, Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.ckpt.runs.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no checkpoint copied the log within 5 s of the writes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Closing stops the checkpointer; closing again (the deferred Close)
	// must not panic.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
