package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"tiendo/internal/store"
)

// cmdBackup copies the database to a file while the server keeps running.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Cách dùng: tiendo backup [-database-url ...] TỆP\n\n"+
			"Sao lưu SQLite thành một bản nhất quán ngay cả khi máy chủ đang ghi; TỆP phải chưa có.\n"+
			"Với PostgreSQL, lệnh chỉ ra cách dùng pg_dump.\n\n")
		fs.PrintDefaults()
	}
	dsn := databaseFlag(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("cần đúng một tệp sao lưu")
	}
	file := fs.Arg(0)
	if err := store.Backup(ctx, *dsn, file); err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã sao lưu vào %s (%.1f MB); kiểm tra toàn vẹn: ok.\n", file, float64(fi.Size())/(1<<20))
	return nil
}

// cmdRestore puts a backup back in place of the database.
func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Cách dùng: tiendo restore [-database-url ...] [-force] TỆP\n\n"+
			"Kiểm tra bản sao lưu (PRAGMA integrity_check) rồi thay cơ sở dữ liệu SQLite bằng nó.\n"+
			"Hãy dừng máy chủ trước; lệnh từ chối ghi đè cơ sở dữ liệu đang được dùng nếu không có -force.\n"+
			"Với PostgreSQL, lệnh chỉ ra cách dùng pg_restore.\n\n")
		fs.PrintDefaults()
	}
	dsn := databaseFlag(fs, getenv)
	force := fs.Bool("force", false, "ghi đè cả khi cơ sở dữ liệu đang được dùng; máy chủ đang chạy phải khởi động lại và mọi thứ nó ghi sau đó sẽ mất")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("cần đúng một tệp sao lưu")
	}
	if err := store.Restore(ctx, *dsn, fs.Arg(0), *force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã khôi phục %s từ %s; hãy khởi động lại máy chủ.\n", *dsn, fs.Arg(0))
	return nil
}

// databaseFlag is the -database-url flag as serve has it.
func databaseFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("TIENDO_DATABASE_URL")
	if def == "" {
		def = "sqlite:tiendo.db"
	}
	return fs.String("database-url", def, "cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN hoặc postgres://... (TIENDO_DATABASE_URL)")
}
