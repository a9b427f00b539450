package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the store to file while the server may
// be writing; see (*Store).Backup. On PostgreSQL it returns an error that
// gives the pg_dump command to use instead, without connecting.
func Backup(ctx context.Context, dsn, file string) error {
	if isPostgres(dsn) {
		return postgresAdvice(dsn, file)
	}
	path, err := sqlitePath(dsn)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("không có cơ sở dữ liệu tại %s: %w", path, err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Backup(ctx, file)
}

// Backup writes a consistent copy of the store to file, which must not
// exist yet. On SQLite it runs VACUUM INTO on a read connection: in WAL mode
// that reads one snapshot, so the copy holds exactly the transactions
// committed before it began, and writers go on meanwhile. The copy is
// synced, checked with PRAGMA integrity_check and only then given its
// name, so a file by that name is always a whole, checked backup.
func (s *Store) Backup(ctx context.Context, file string) error {
	if s.dialect == postgres {
		return postgresAdvice("postgres://...", file)
	}
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("tệp %s đã có: hãy chọn tên khác, bản sao lưu không ghi đè tệp nào", file)
	}
	tmp := file + ".tmp-" + strings.ToLower(rand.Text()[:8])
	defer os.Remove(tmp) // nothing to remove once renamed
	if err := s.vacuumInto(ctx, tmp); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	if err := checkSQLiteFile(ctx, tmp); err != nil {
		return fmt.Errorf("bản sao lưu vừa tạo không toàn vẹn, đã bỏ: %w", err)
	}
	if err := os.Rename(tmp, file); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	return syncDir(filepath.Dir(file))
}

// vacuumInto runs VACUUM INTO on a connection of the read pool, so that the
// single writer is not held for the length of the copy. The pool's
// connections are query_only, which refuses VACUUM INTO even though it
// writes only the new file; the setting is lifted on that one connection
// for the copy, and a connection on which it cannot be restored is
// discarded rather than returned to the pool.
func (s *Store) vacuumInto(ctx context.Context, file string) error {
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return err
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, file)
	return err
}

// Restore replaces the SQLite database dsn names with the backup in file.
// The backup is checked with PRAGMA integrity_check first. A database that
// another connection has open (a running server) is not replaced unless
// force is set; the server must then be restarted, and whatever it writes
// to the replaced file is lost. On PostgreSQL it returns an error that gives
// the pg_restore command to use instead.
func Restore(ctx context.Context, dsn, file string, force bool) error {
	if isPostgres(dsn) {
		return postgresAdvice(dsn, file)
	}
	path, err := sqlitePath(dsn)
	if err != nil {
		return err
	}
	if err := checkSQLiteFile(ctx, file); err != nil {
		return fmt.Errorf("không khôi phục: %s không phải bản sao lưu toàn vẹn: %w", file, err)
	}
	if _, err := os.Stat(path); err == nil {
		if err := quiesce(ctx, path); err != nil && !force {
			return fmt.Errorf("cơ sở dữ liệu %s đang được dùng (có máy chủ đang chạy?): hãy dừng máy chủ rồi khôi phục, hoặc thêm --force để ghi đè (máy chủ khi đó phải khởi động lại) (%v)", path, err)
		}
	}
	tmp := path + ".restore-" + strings.ToLower(rand.Text()[:8])
	defer os.Remove(tmp)
	if err := copyFile(tmp, file); err != nil {
		return fmt.Errorf("khôi phục: %w", err)
	}
	if err := checkSQLiteFile(ctx, tmp); err != nil {
		return fmt.Errorf("khôi phục: bản chép không toàn vẹn: %w", err)
	}
	// The old database's write-ahead log must go before the new file takes
	// its name: SQLite would otherwise replay the old transactions onto it.
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("khôi phục: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("khôi phục: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// IntegrityCheck runs PRAGMA integrity_check on SQLite and returns an error
// naming the first problems it finds. PostgreSQL has no equivalent check
// that is cheap to run, so there it only pings.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.dialect == postgres {
		return s.Ping(ctx)
	}
	return integrityCheck(ctx, s.rdb)
}

func integrityCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity_check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// checkSQLiteFile opens file read-only and checks that it is a whole tiendo
// database: integrity_check passes and the migrations table is there.
func checkSQLiteFile(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := integrityCheck(ctx, db); err != nil {
		return err
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		return fmt.Errorf("không phải cơ sở dữ liệu tiendo (không có bảng schema_migrations)")
	}
	return nil
}

// quiesce makes sure no other connection has the SQLite database at path
// open, and folds its write-ahead log into the file. Leaving WAL mode needs
// the database file's exclusive lock, which SQLite refuses while any other
// connection, in this process or another, holds the shared lock every WAL
// connection keeps for as long as it is open. busy_timeout is 0 so a
// running server is reported at once rather than waited for.
func quiesce(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode=DELETE`).Scan(&mode); err != nil {
		return err
	}
	if mode != "delete" {
		return fmt.Errorf("vẫn ở chế độ %s", mode)
	}
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func sqlitePath(dsn string) (string, error) {
	path, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok || path == "" {
		return "", fmt.Errorf("cơ sở dữ liệu %q không hợp lệ: dùng sqlite:ĐƯỜNG_DẪN hoặc postgres://...", dsn)
	}
	return path, nil
}

// postgresAdvice is the answer to a backup or restore on PostgreSQL: its own
// tools do this better than tiendo could (consistent dumps of a live
// database, parallel restore), so the error gives the commands to run.
// A search_path in the URL (one schema per instance) becomes --schema,
// since libpq does not accept it in a URL; a password is not repeated (xxxxx).
func postgresAdvice(dsn, file string) error {
	schema := ""
	if u, err := url.Parse(dsn); err == nil {
		q := u.Query()
		if sp := q.Get("search_path"); sp != "" {
			schema = " --schema=" + sp
			q.Del("search_path")
			u.RawQuery = q.Encode()
		}
		dsn = u.Redacted()
	}
	return fmt.Errorf("tiendo không tự sao lưu PostgreSQL; hãy dùng công cụ của PostgreSQL:\n"+
		"  sao lưu:    pg_dump --format=custom%s --file=%s '%s'\n"+
		"  khôi phục:  pg_restore --clean --if-exists --no-owner%s --dbname='%s' %s\n"+
		"(pg_dump chụp một bản nhất quán khi máy chủ vẫn đang ghi; khi khôi phục hãy dừng các máy chủ tiendo trước)",
		schema, file, dsn, schema, dsn, file)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir survive a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
