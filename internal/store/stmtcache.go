package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"sync"
)

// sqliteDriver is the name openSQLite opens its pools with: modernc.org's
// "sqlite" driver behind a statement cache.
//
// modernc.org/sqlite compiles a statement again each time it is run without
// being prepared, and most of the store's queries are written inline and
// run through database/sql's Exec and Query. Compiling was a fifth of the
// server's CPU in the deadline rush. Each connection therefore keeps the
// statements it has compiled, by query text, and runs them again with new
// arguments: the same effect as preparing every statement once per
// connection, without changing how the queries are written.
const sqliteDriver = "tiendo-sqlite"

// maxCachedStmts bounds each connection's cache; the least recently used
// statement goes first. The store has a few hundred distinct queries, and
// queries built with a varying number of placeholders come and go.
const maxCachedStmts = 256

func init() {
	db, err := sql.Open("sqlite", "")
	if err != nil {
		panic(err)
	}
	base := db.Driver() // the registered driver, with its registered functions
	db.Close()
	sql.Register(sqliteDriver, cachingDriver{base})
}

type cachingDriver struct{ base driver.Driver }

func (d cachingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.base.Open(name)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: c, stmts: map[string]*cachedStmt{}}, nil
}

// cachingConn is a SQLite connection that keeps its compiled statements.
// database/sql uses a connection from one goroutine at a time, but a result
// set may stay open while the same connection runs other statements, so a
// cached statement is marked busy until its rows are closed, and a query
// whose statement is busy runs uncached.
type cachingConn struct {
	driver.Conn
	mu    sync.Mutex // database/sql serialises calls; this guards rows closed late
	stmts map[string]*cachedStmt
	clock uint64
}

type cachedStmt struct {
	stmt driver.Stmt
	busy bool
	used uint64
}

// The interfaces database/sql looks for, passed to the driver's connection.
var (
	_ driver.ConnBeginTx            = (*cachingConn)(nil)
	_ driver.ConnPrepareContext     = (*cachingConn)(nil)
	_ driver.ExecerContext          = (*cachingConn)(nil)
	_ driver.QueryerContext         = (*cachingConn)(nil)
	_ driver.Pinger                 = (*cachingConn)(nil)
	_ driver.SessionResetter        = (*cachingConn)(nil)
	_ driver.Validator              = (*cachingConn)(nil)
	_ driver.RowsColumnTypeScanType = (*cachedRows)(nil)
)

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachingConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

func (c *cachingConn) Close() error {
	c.mu.Lock()
	for q, st := range c.stmts {
		st.stmt.Close()
		delete(c.stmts, q)
	}
	c.mu.Unlock()
	return c.Conn.Close()
}

// take returns query's cached statement, compiling and caching it on first
// use, and marks it busy; nil when it is busy or cannot be compiled (the
// caller then runs the query uncached, which reports any error).
func (c *cachingConn) take(ctx context.Context, query string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	if st := c.stmts[query]; st != nil {
		if st.busy {
			return nil
		}
		st.busy, st.used = true, c.clock
		return st
	}
	s, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if len(c.stmts) >= maxCachedStmts {
		var lru string
		var oldest uint64
		for q, st := range c.stmts {
			if !st.busy && (oldest == 0 || st.used < oldest) {
				lru, oldest = q, st.used
			}
		}
		if oldest == 0 {
			s.Close()
			return nil
		}
		c.stmts[lru].stmt.Close()
		delete(c.stmts, lru)
	}
	st := &cachedStmt{stmt: s, busy: true, used: c.clock}
	c.stmts[query] = st
	return st
}

func (c *cachingConn) release(st *cachedStmt) {
	c.mu.Lock()
	st.busy = false
	c.mu.Unlock()
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st := c.take(ctx, query)
	if st == nil {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	defer c.release(st)
	return st.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st := c.take(ctx, query)
	if st == nil {
		return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	rows, err := st.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.release(st)
		return nil, err
	}
	return &cachedRows{Rows: rows, c: c, st: st}, nil
}

// cachedRows gives a cached statement back when its rows are closed. It
// passes on the column type methods the driver's rows have.
type cachedRows struct {
	driver.Rows
	c  *cachingConn
	st *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.st != nil {
		r.c.release(r.st)
		r.st = nil
	}
	return err
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
