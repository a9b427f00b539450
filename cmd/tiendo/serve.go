package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/demo"
	"tiendo/internal/mail"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/web"
)

// Config is the server's configuration, from flags and TIENDO_* variables;
// a flag given on the command line wins over the variable.
type Config struct {
	Addr          string
	DatabaseURL   string
	SecureCookies bool
	TrustProxy    bool
	LogLevel      slog.Level

	// Reminders: e-mail goes out when SMTPHost is set; in-app reminders
	// (the bell) always do. BaseURL makes the links in e-mails.
	BaseURL                                   string
	SMTPHost, SMTPUser, SMTPPassword, SMTPTLS string
	SMTPFrom                                  string
	SMTPPort                                  int

	// TOTPKeyFile names the file holding the key the second factor's keys
	// are wrapped with in the database; "" keeps them in the clear.
	TOTPKeyFile string
}

// flags defines the server flags on fs with defaults from the environment.
func (c *Config) flags(fs *flag.FlagSet, getenv func(string) string, defaultAddr, defaultDB string) {
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	envBool := func(name string) bool { b, _ := strconv.ParseBool(getenv(name)); return b }
	fs.StringVar(&c.Addr, "addr", env("TIENDO_ADDR", defaultAddr), "địa chỉ lắng nghe (TIENDO_ADDR)")
	// The database URL may carry a password, so it may come from a file.
	dbURL := secret(getenv, "TIENDO_DATABASE_URL")
	if dbURL == "" {
		dbURL = defaultDB
	}
	fs.StringVar(&c.DatabaseURL, "database-url", dbURL, "cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN hoặc postgres://... (TIENDO_DATABASE_URL hoặc TIENDO_DATABASE_URL_FILE)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool("TIENDO_SECURE_COOKIES"), "đánh dấu cookie Secure khi chạy sau TLS (TIENDO_SECURE_COOKIES)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool("TIENDO_TRUST_PROXY"), "lấy địa chỉ người dùng từ X-Forwarded-For (TIENDO_TRUST_PROXY)")
	fs.StringVar(&c.BaseURL, "base-url", env("TIENDO_BASE_URL", ""), "địa chỉ người dùng mở tiendo, cho liên kết trong thư (TIENDO_BASE_URL)")
	fs.StringVar(&c.SMTPHost, "smtp-host", env("TIENDO_SMTP_HOST", ""), "máy chủ thư gửi đi; để trống thì không gửi thư (TIENDO_SMTP_HOST)")
	port, _ := strconv.Atoi(env("TIENDO_SMTP_PORT", "587"))
	fs.IntVar(&c.SMTPPort, "smtp-port", port, "cổng SMTP (TIENDO_SMTP_PORT)")
	fs.StringVar(&c.SMTPUser, "smtp-user", env("TIENDO_SMTP_USER", ""), "tài khoản SMTP (TIENDO_SMTP_USER)")
	c.SMTPPassword = secret(getenv, "TIENDO_SMTP_PASSWORD")
	fs.StringVar(&c.SMTPTLS, "smtp-tls", env("TIENDO_SMTP_TLS", "mandatory"), "TLS: mandatory, opportunistic, implicit hoặc none (TIENDO_SMTP_TLS)")
	fs.StringVar(&c.SMTPFrom, "smtp-from", env("TIENDO_SMTP_FROM", ""), "địa chỉ người gửi, ví dụ \"Văn phòng UBND <vanphong@example.vn>\" (TIENDO_SMTP_FROM)")
	fs.StringVar(&c.TOTPKeyFile, "totp-key-file", env("TIENDO_TOTP_KEY_FILE", ""), "tệp chứa khóa mã hóa khóa xác thực hai bước trong cơ sở dữ liệu; tạo bằng \"tiendo totp-key TỆP\" (TIENDO_TOTP_KEY_FILE)")
	c.LogLevel = slog.LevelInfo
	if lv := getenv("TIENDO_LOG_LEVEL"); lv != "" {
		c.LogLevel.UnmarshalText([]byte(lv))
	}
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	cfg.flags(fs, getenv, "127.0.0.1:8080", "sqlite:tiendo.db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	st, err := cfg.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, cfg, st, log, func(addr string) {
		fmt.Fprintf(stdout, "tiendo đang chạy tại http://%s (cơ sở dữ liệu: %s)\n", addr, st.Dialect())
	})
}

func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	cfg.flags(fs, func(name string) string {
		if name == "TIENDO_DATABASE_URL" || name == "TIENDO_DATABASE_URL_FILE" {
			return "" // the demo has its own file, whatever serve uses
		}
		return getenv(name)
	}, "127.0.0.1:8080", "sqlite:tiendo-demo.db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	pw := secret(getenv, "TIENDO_DEMO_PASSWORD")
	if pw == "" {
		pw = strings.ToLower(rand.Text()[:12])
	}
	st, err := cfg.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	loaded, err := demo.Load(ctx, st, pw, time.Now())
	if tiendo.ErrorCode(err) == tiendo.EINVALID {
		return fmt.Errorf("TIENDO_DEMO_PASSWORD không dùng được làm mật khẩu: %w", describe(err))
	} else if err != nil {
		return err
	}
	return serve(ctx, cfg, st, log, func(addr string) {
		what := "dữ liệu trình diễn đã có"
		if loaded {
			what = "đã nạp dữ liệu trình diễn"
		}
		fmt.Fprintf(stdout, "tiendo (bản trình diễn, %s: %s)\n\n", what, strings.TrimPrefix(cfg.DatabaseURL, "sqlite:"))
		fmt.Fprintf(stdout, "  Địa chỉ:   http://%s\n", addr)
		fmt.Fprintf(stdout, "  Mật khẩu:  %s  (chung cho mọi tài khoản; đặt TIENDO_DEMO_PASSWORD để chọn)\n\n", pw)
		fmt.Fprintf(stdout, "  Tài khoản:\n")
		for _, a := range demo.Accounts {
			role := a.Role.Label()
			if u := demo.UnitByCode(a.UnitCode); u != nil {
				role += " " + u.ShortName
			}
			fmt.Fprintf(stdout, "    %-10s %s\n", a.Username, role)
		}
		var codes []string
		for _, u := range demo.Units {
			codes = append(codes, u.Code)
		}
		fmt.Fprintf(stdout, "    cán bộ đơn vị (tên đăng nhập là mã đơn vị): %s\n\n", strings.Join(codes, ", "))
		fmt.Fprintf(stdout, "Nhấn Ctrl+C để dừng.\n")
	})
}

// openStore opens the configured database, with the second factor's key
// file when one is set: a key file that cannot be read or is not a key
// stops the command before anything is served or changed.
func (c *Config) openStore(ctx context.Context) (*store.Store, error) {
	var opts []store.Option
	if c.TOTPKeyFile != "" {
		k, err := store.ReadTOTPKeyFile(c.TOTPKeyFile)
		if err != nil {
			return nil, fmt.Errorf("tệp khóa xác thực hai bước không dùng được, chưa khởi động: %w", err)
		}
		opts = append(opts, store.WithTOTPKey(k))
	}
	return store.Open(ctx, c.DatabaseURL, opts...)
}

// secret reads a secret from NAME, or from the file NAME_FILE names (for
// container secrets), so it need not sit in the environment.
func secret(getenv func(string) string, name string) string {
	if f := getenv(name + "_FILE"); f != "" {
		if b, err := os.ReadFile(f); err == nil {
			return strings.TrimSpace(string(b))
		}
	}
	return getenv(name)
}

// defaultMemoryLimit and defaultGCPercent steer the Go runtime's garbage
// collector when GOMEMLIMIT and GOGC are not set. The server's live heap is
// small (tens of MB); what it makes is garbage, mostly short-lived request
// bodies and answers. With the default GOGC of 100 the collector ran every
// time the heap doubled from that small base, and took about a fifth of
// the CPU of a deadline rush (docs/BENCHMARKS.md). At 400 it runs a
// quarter as often, while the soft memory limit keeps the heap below
// 80 MiB: each login's argon2id hash allocates 19 MiB, two at a time, and
// the limit makes the collector run sooner then. (At 96 MiB with GOGC 400
// the server's peak RSS in the full-size rush was 154 MB; at 80 MiB,
// 116 MB.) The limit is soft, so a server that truly needs more gets it.
const (
	defaultMemoryLimit = 80 << 20
	defaultGCPercent   = 400
)

// serve runs the web server, the reminder service and the search index's
// catch-up until ctx is cancelled, then lets in-flight requests finish (up
// to 20 s) and stops the other two before returning; the caller closes the
// store.
func serve(ctx context.Context, cfg Config, st *store.Store, log *slog.Logger, ready func(addr string)) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	var mailer *mail.Mailer
	if cfg.SMTPHost != "" {
		var err error
		if mailer, err = mail.New(mail.Config{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUser,
			Password: cfg.SMTPPassword, TLS: cfg.SMTPTLS, From: cfg.SMTPFrom}); err != nil {
			return fmt.Errorf("cấu hình thư điện tử: %w", err)
		}
	}
	rem := remind.New(st, mailer, remind.Config{BaseURL: cfg.BaseURL}, log)
	apiHandler := api.New(st, log)
	apiHandler.Reminders = rem
	h, err := web.New(web.Config{SecureCookies: cfg.SecureCookies, TrustProxy: cfg.TrustProxy, Reminders: rem}, st, apiHandler, log)
	if err != nil {
		return err
	}
	remCtx, stopRem := context.WithCancel(context.WithoutCancel(ctx))
	remDone := make(chan struct{})
	go func() {
		defer close(remDone)
		rem.Run(remCtx)
	}()
	defer func() { stopRem(); <-remDone }()
	// The search index follows the saves in the background, a small batch
	// to a transaction, rather than in the first search after a rush.
	searchCtx, stopSearch := context.WithCancel(context.WithoutCancel(ctx))
	searchDone := make(chan struct{})
	go func() {
		defer close(searchDone)
		st.FollowSearch(searchCtx, 5*time.Second, log.With("component", "search"))
	}()
	defer func() { stopSearch(); <-searchDone }()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("không mở được cổng %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	ready(ln.Addr().String())
	log.Info("serving", "addr", ln.Addr().String(), "store", st.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
