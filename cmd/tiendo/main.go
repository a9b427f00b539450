// Command tiendo runs the key-task reporting system: the web server, the
// demo, the directive parser, migrations and user administration.
//
//	tiendo serve    serve on TIENDO_DATABASE_URL (default sqlite:tiendo.db)
//	tiendo demo     serve the demo on ./tiendo-demo.db
//	tiendo parse    read a directive and print the round it proposes
//	tiendo migrate  apply the database migrations and exit
//	tiendo user     add, change the password of, or list users
//	tiendo backup   copy the database while the server runs; restore brings it back
//	tiendo audit    verify that the audit log's hash chain is unbroken
//	tiendo bench    the deadline-rush load test
//	tiendo totp-key write a new key for TIENDO_TOTP_KEY_FILE
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		// A tiendo error is for a person: its Vietnamese message and the
		// fields it names, without the code.
		fmt.Fprintln(os.Stderr, "tiendo:", describe(err))
		os.Exit(1)
	}
}

const usage = `Cách dùng: tiendo <lệnh> [tùy chọn]

Các lệnh:
  serve     chạy máy chủ web (TIENDO_ADDR, TIENDO_DATABASE_URL)
  demo      chạy bản trình diễn trên tệp tiendo-demo.db trong thư mục hiện tại
  parse     đọc một văn bản chỉ đạo (.txt hoặc .docx) và in đợt báo cáo đề xuất
  migrate   cập nhật cấu trúc cơ sở dữ liệu rồi thoát
  user      quản lý người dùng: user add | user passwd | user must-change | user list
  backup    sao lưu cơ sở dữ liệu khi máy chủ đang chạy: backup TỆP
  restore   khôi phục từ bản sao lưu: restore TỆP
  audit     kiểm tra nhật ký hệ thống: audit verify
  bench     đo tải giờ cao điểm: bench rush
  totp-key  tạo khóa mã hóa khóa xác thực hai bước: totp-key TỆP (TIENDO_TOTP_KEY_FILE)

Gõ "tiendo <lệnh> -h" để xem tùy chọn của từng lệnh.
`

// run is the whole program, with its dependencies passed in so tests can
// drive it: arguments, environment, standard streams and a context that is
// cancelled on SIGINT or SIGTERM.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("thiếu lệnh")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, getenv, stdout, stderr)
	case "parse":
		return cmdParse(ctx, rest, stdin, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "user":
		return cmdUser(ctx, rest, getenv, stdin, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, rest, getenv, stdout, stderr)
	case "audit":
		return cmdAudit(ctx, rest, getenv, stdout, stderr)
	case "bench":
		return cmdBench(ctx, rest, getenv, stdout, stderr)
	case "totp-key":
		return cmdTOTPKey(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("không có lệnh %q", cmd)
}
