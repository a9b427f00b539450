package store

import (
	"context"
	"database/sql"
	"sync/atomic"
	"time"
)

// Checkpoints (SQLite). A checkpoint copies the pages the write-ahead log
// holds back into the database file and syncs that file, so that the log
// can start over. SQLite runs one by default on the connection that commits
// once the log passes 1,000 pages: on the group-commit writer, which then
// stops for the copy and the sync while every write waits behind it.
//
// The checkpointer does it on a connection of its own instead, a few times
// a second while there are commits. A PASSIVE checkpoint runs beside the
// writer and the readers (it copies what no reader still needs and never
// waits), so the writer keeps committing meanwhile. The writer still
// checkpoints by itself if the log passes walBackstop pages, should the
// checkpointer fall behind. Durability is unchanged: a commit is durable
// once its log frames are synced (synchronous=FULL); the checkpoint only
// moves them.
const (
	checkpointEvery = 200 * time.Millisecond
	walBackstop     = 8000 // pages (32 MB at 4 KB)
)

// checkpointer is the state of the background checkpoints.
type checkpointer struct {
	db   *sql.DB // its own connection; nil on PostgreSQL
	quit chan struct{}
	done chan struct{}
	runs atomic.Int64 // checkpoints that copied the whole log, for tests
}

func (s *Store) startCheckpointer() {
	s.ckpt.quit, s.ckpt.done = make(chan struct{}), make(chan struct{})
	go s.checkpointLoop()
}

// stopCheckpointer stops the checkpoints and closes their connection.
func (s *Store) stopCheckpointer() {
	if s.ckpt.quit != nil {
		close(s.ckpt.quit)
		<-s.ckpt.done
		s.ckpt.quit = nil
	}
	if s.ckpt.db != nil {
		s.ckpt.db.Close()
		s.ckpt.db = nil
	}
}

func (s *Store) checkpointLoop() {
	defer close(s.ckpt.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	var seen int64
	for {
		select {
		case <-s.ckpt.quit:
			return
		case <-t.C:
		}
		if n := s.commits.Load(); n != seen {
			seen = n
			s.checkpoint(context.Background())
		}
	}
}

// checkpoint runs one PASSIVE checkpoint. A failure is left for the next
// one (or the writer's own) to make up: the log only grows meanwhile.
func (s *Store) checkpoint(ctx context.Context) {
	var busy, logged, copied int
	if err := s.ckpt.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logged, &copied); err != nil {
		return
	}
	if busy == 0 && logged == copied {
		s.ckpt.runs.Add(1)
	}
}
