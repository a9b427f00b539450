package store

import "database/sql"

// PoolStats is one connection pool's database/sql statistics, for the
// /metrics page.
type PoolStats struct {
	// Pool names the pool: "write" and "read" on SQLite (the single writer
	// connection and the read-only pool), "shared" on PostgreSQL, where one
	// pool serves both.
	Pool string
	sql.DBStats
}

// Stats returns the statistics of the store's connection pools. On
// PostgreSQL reads and writes share one pool, which is listed once so that
// a dashboard summing pools does not count it twice.
func (s *Store) Stats() []PoolStats {
	if s.rdb == s.db {
		return []PoolStats{{Pool: "shared", DBStats: s.db.Stats()}}
	}
	return []PoolStats{{Pool: "write", DBStats: s.db.Stats()}, {Pool: "read", DBStats: s.rdb.Stats()}}
}
